namespace Coap.Tests.BlockWise.EndToEnd;

/// <summary>Options and checks shared by the lossy end-to-end transfers.</summary>
internal static class TransferSettings
{
    /// <summary>
    /// At 30 % loss a CON round trip fails half the time; RFC 7959 transfers need more retransmissions
    /// than the default 4 to move 1,024 blocks without one giving up.
    /// </summary>
    internal static void Resilient(CoapMessagingOptions options) => options.MaxRetransmit = 20;

    /// <summary>
    /// With 20 retransmissions one block can take hours of (fake) time: the partial body waits that long, where
    /// the default 60 s would have the server drop it and answer 4.08 (RFC 7959 §2.9.2).
    /// </summary>
    internal static void Patient(CoapBlockWiseOptions options) => options.ReassemblyTimeout = TimeSpan.FromDays(30);

    /// <summary>
    /// NON_MAX_RETRANSMIT 4 lets a peer give a 1,024-block body up after four lost recovery rounds in a row,
    /// which at 30 % loss happens within a megabyte; these transfers allow more.
    /// </summary>
    internal static void Persistent(CoapBlockWiseOptions options) => options.QBlock.NonMaxRetransmit = 10;

    internal static IEnumerable<CoapMessage> FromClient(TransferHarness harness) =>
        harness.Network.Sent.Where(d => d.From.Equals(TransferHarness.ClientAddress)).Select(d => d.Parse());

    /// <summary>The body went with <paramref name="option"/>: no RFC 7959 block option on the wire, after a successful probe.</summary>
    internal static void AssertQBlockOnly(TransferHarness harness, int option)
    {
        var all = harness.Network.Sent.Select(d => d.Parse()).ToList();
        Assert.Contains(all, m => m.Options.Contains(option));
        Assert.DoesNotContain(all, m => m.Options.Contains(CoapOptionNumber.Block1) || m.Options.Contains(CoapOptionNumber.Block2));
        var confirmable = FromClient(harness).Where(m => m.Type == CoapMessageType.Confirmable).ToList();
        Assert.Single(confirmable.Select(m => m.MessageId).Distinct()); // The probe, perhaps retransmitted.
        Assert.Equal(".well-known/core", string.Join('/', confirmable[0].Options.GetAll(CoapOptionNumber.UriPath).Select(o => o.GetString())));
    }

    internal static void AssertUsed(TransferHarness harness, int option) =>
        Assert.Contains(harness.Network.Sent.Select(d => d.Parse()), m => m.Options.Contains(option));
}
