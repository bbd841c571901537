namespace Coap.Security.Oscore;

/// <summary>
/// An OSCORE security context (RFC 8613 §3): the common, sender and recipient parts, derived
/// from <see cref="OscoreContextParameters"/> by <see cref="Derive"/> (§3.2.1). Disposing it
/// wipes the keys. <see cref="ToString"/> shows identifiers only.
/// </summary>
internal sealed class OscoreSecurityContext : IDisposable
{
    private OscoreSecurityContext(OscoreCommonContext common, OscoreSenderContext sender, OscoreRecipientContext recipient)
    {
        Common = common;
        Sender = sender;
        Recipient = recipient;
    }

    /// <summary>The common part.</summary>
    public OscoreCommonContext Common { get; }

    /// <summary>The sender part.</summary>
    public OscoreSenderContext Sender { get; }

    /// <summary>The recipient part.</summary>
    public OscoreRecipientContext Recipient { get; }

    /// <summary>The algorithm (shortcut for <see cref="OscoreCommonContext.Algorithm"/>).</summary>
    public OscoreAlgorithm Algorithm => Common.Algorithm;

    /// <summary>Derives the Sender Key, Recipient Key and Common IV (RFC 8613 §3.2.1).</summary>
    /// <exception cref="ArgumentException">An ID is longer than nonce length − 6 bytes, or both IDs are equal.</exception>
    /// <exception cref="PlatformNotSupportedException">The crypto provider cannot run the algorithm.</exception>
    public static OscoreSecurityContext Derive(OscoreContextParameters parameters, IOscoreCryptoProvider? crypto = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        crypto ??= BclOscoreCryptoProvider.Instance;
        var algorithm = parameters.Algorithm;
        if (parameters.SenderId.Length > algorithm.MaxIdLength || parameters.RecipientId.Length > algorithm.MaxIdLength)
        {
            throw new ArgumentException($"{algorithm.Name} allows IDs of at most {algorithm.MaxIdLength} bytes.", nameof(parameters));
        }

        if (parameters.SenderId.AsSpan().SequenceEqual(parameters.RecipientId))
        {
            throw new ArgumentException("The Sender ID and the Recipient ID must differ (RFC 8613 §3.3).", nameof(parameters));
        }

        var senderKey = DeriveOutput(crypto, parameters, parameters.SenderId, OscoreKeyDerivation.KeyType, algorithm.KeyLength);
        var recipientKey = DeriveOutput(crypto, parameters, parameters.RecipientId, OscoreKeyDerivation.KeyType, algorithm.KeyLength);
        var commonIv = DeriveOutput(crypto, parameters, [], OscoreKeyDerivation.IvType, algorithm.NonceLength);

        var senderAead = crypto.CreateAead(algorithm, senderKey);
        IOscoreAead recipientAead;
        try
        {
            recipientAead = crypto.CreateAead(algorithm, recipientKey);
        }
        catch
        {
            senderAead.Dispose();
            throw;
        }

        return new OscoreSecurityContext(
            new OscoreCommonContext(algorithm, parameters.IdContext?.ToArray(), commonIv),
            new OscoreSenderContext(parameters.SenderId.ToArray(), senderKey, senderAead, parameters.InitialSequenceNumber),
            new OscoreRecipientContext(parameters.RecipientId.ToArray(), recipientKey, recipientAead));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Sender.Dispose();
        Recipient.Dispose();
        Common.Clear();
    }

    /// <inheritdoc />
    public override string ToString() => $"OSCORE context {Common}, {Sender}, {Recipient}";

    private static byte[] DeriveOutput(IOscoreCryptoProvider crypto, OscoreContextParameters parameters, byte[] id, string type, int length)
    {
        var info = OscoreKeyDerivation.BuildInfo(id, parameters.IdContext, parameters.Algorithm, type, length);
        var output = new byte[length];
        OscoreKeyDerivation.Derive(crypto, parameters.MasterSecret, parameters.MasterSalt, info, output);
        return output;
    }
}
