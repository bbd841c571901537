using Coap.Codec;

namespace Coap.Microbenchmarks;

/// <summary>The messages the benchmarks use: a typical CON GET /time and its piggybacked answer.</summary>
internal static class Messages
{
    /// <summary>An 8-byte token, as clients such as libcoap's and ours send.</summary>
    public static ReadOnlySpan<byte> Token => [0x3A, 0x91, 0x0C, 0x5E, 0xD2, 0x47, 0x18, 0xB6];

    /// <summary>The 15 bytes libcoap's /time answers with ("Nov 21 23:17:38").</summary>
    public static ReadOnlySpan<byte> TimePayload => "Nov 21 23:17:38"u8;

    /// <summary>CON GET /time: header, token, Uri-Path "time" (18 bytes).</summary>
    public static byte[] CreateGetTime(ushort messageId)
    {
        var buffer = new byte[64];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, messageId, Token);
        writer.WriteOption(CoapOptionNumber.UriPath, "time"u8);
        return writer.Written.ToArray();
    }
}
