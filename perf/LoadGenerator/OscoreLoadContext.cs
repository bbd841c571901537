using Coap.Security.Oscore;

namespace Coap.LoadGenerator;

/// <summary>
/// The one OSCORE context of <c>--oscore</c> runs: RFC 8613 Appendix C.1 (Master Secret
/// 0x0102…10, Master Salt 0x9e7ca92223786340, no ID Context, AES-CCM-16-64-128). The client's
/// Sender ID is empty, the server's is 0x01. Test keys, for loopback benchmarks only.
/// </summary>
internal static class OscoreLoadContext
{
    public const string MasterSecret = "0102030405060708090a0b0c0d0e0f10";
    public const string MasterSalt = "9e7ca92223786340";
    public const string ServerSenderId = "01";
    public const string ClientSenderId = "";

    /// <summary>The generator's side, its first Partial IV being <paramref name="firstSequenceNumber"/>.</summary>
    public static OscoreSecurityContext CreateClient(ulong firstSequenceNumber) => OscoreSecurityContext.Derive(new OscoreContextParameters
    {
        MasterSecret = Convert.FromHexString(MasterSecret),
        MasterSalt = Convert.FromHexString(MasterSalt),
        SenderId = Convert.FromHexString(ClientSenderId),
        RecipientId = Convert.FromHexString(ServerSenderId),
        InitialSequenceNumber = firstSequenceNumber,
    });

    /// <summary>The server's side as <c>Coap:Security:Contexts</c> configures it.</summary>
    public static CoapOscoreContextOptions CreateServerOptions() => new()
    {
        Name = "load",
        MasterSecret = MasterSecret,
        MasterSalt = MasterSalt,
        SenderId = ServerSenderId,
        RecipientId = ClientSenderId,
    };
}
