using Coap.Security.Oscore;

namespace Coap.Microbenchmarks;

/// <summary>
/// The OSCORE benchmarks' inputs: the RFC 8613 Appendix C.1 context (client Sender ID empty,
/// server Sender ID 0x01, Master Salt, no ID Context) and a GET and its 2.05, each with a 64-byte payload.
/// </summary>
internal static class OscoreMessages
{
    /// <summary>The payload size the issue asks for.</summary>
    public const int PayloadSize = 64;

    private static readonly byte[] MasterSecret = Convert.FromHexString("0102030405060708090a0b0c0d0e0f10");
    private static readonly byte[] MasterSalt = Convert.FromHexString("9e7ca92223786340");

    /// <summary>One side of the C.1 context; the client starts at <paramref name="ssn"/>.</summary>
    public static OscoreSecurityContext C1(bool client, ulong ssn = 0) => OscoreSecurityContext.Derive(new OscoreContextParameters
    {
        MasterSecret = MasterSecret,
        MasterSalt = MasterSalt,
        SenderId = client ? [] : [0x01],
        RecipientId = client ? [0x01] : [],
        InitialSequenceNumber = ssn,
    });

    /// <summary>The nonce of the context's sender for Partial IV 0.</summary>
    public static byte[] NonceForPiv0(OscoreSecurityContext context)
    {
        var nonce = new byte[context.Algorithm.NonceLength];
        if (!OscoreNonce.TryCompose(context.Common.CommonIv, context.Sender.Id, [0x00], nonce))
        {
            throw new InvalidOperationException("The nonce could not be composed.");
        }

        return nonce;
    }

    /// <summary>CON GET /time with an 8-byte token, Uri-Host "localhost" and a 64-byte payload.</summary>
    public static CoapMessage CreateRequest()
    {
        var request = new CoapMessage
        {
            Type = CoapMessageType.Confirmable,
            Code = CoapCode.Get,
            MessageId = 0x5d1f,
            Token = Messages.Token.ToArray(),
            Payload = Fill(PayloadSize, 0x41),
        };
        request.Options.Add(CoapOptionNumber.UriHost, "localhost").Add(CoapOptionNumber.UriPath, "time");
        return request;
    }

    /// <summary>The piggybacked 2.05: Content-Format text/plain and a 64-byte payload.</summary>
    public static CoapMessage CreateResponse()
    {
        var response = new CoapMessage
        {
            Type = CoapMessageType.Acknowledgement,
            Code = CoapCode.Content,
            MessageId = 0x5d1f,
            Token = Messages.Token.ToArray(),
            Payload = Fill(PayloadSize, 0x61),
        };
        response.Options.Add(CoapOptionNumber.ContentFormat, 0u);
        return response;
    }

    private static byte[] Fill(int length, byte first)
    {
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(first + (i % 26));
        }

        return bytes;
    }
}
