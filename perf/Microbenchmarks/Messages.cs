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
    public static byte[] CreateGetTime(ushort messageId) => CreateGet(messageId, "time");

    /// <summary>CON GET of a path given as "a/b/c": header, token, one Uri-Path option per segment.</summary>
    public static byte[] CreateGet(ushort messageId, string path)
    {
        var buffer = new byte[256];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, messageId, Token);
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            writer.WriteOption(CoapOptionNumber.UriPath, segment.AsSpan());
        }

        return writer.Written.ToArray();
    }

    /// <summary>CON request for "path" with one block option (Block1 or Block2) and an optional payload.</summary>
    public static byte[] CreateBlockRequest(CoapCode method, string path, int blockOption, CoapBlock block, ReadOnlyMemory<byte> payload)
    {
        var buffer = new byte[payload.Length + 256];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, method, 0, Token);
        writer.WriteOption(CoapOptionNumber.UriPath, path.AsSpan());
        writer.WriteOption(blockOption, block.Value);
        writer.WritePayload(payload.Span);
        return writer.Written.ToArray();
    }
}
