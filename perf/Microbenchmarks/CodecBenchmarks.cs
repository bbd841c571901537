using BenchmarkDotNet.Attributes;
using Coap.Codec;

namespace Coap.Microbenchmarks;

/// <summary>
/// The span codec on its own: parsing a CON GET /time (8-byte token, Uri-Path "time") and
/// walking its options, and writing the 2.05 piggybacked answer (Content-Format 0, 15-byte
/// payload). Both must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly byte[] _request = Messages.CreateGetTime(0x1234);
    private readonly byte[] _payload = Messages.TimePayload.ToArray();
    private readonly byte[] _token = Messages.Token.ToArray();
    private readonly byte[] _output = new byte[1280];

    /// <summary>TryRead plus a walk over every option with the cursor.</summary>
    [Benchmark]
    public int Parse()
    {
        if (CoapMessageReader.TryRead(_request, out var message) != CoapFormatError.None)
        {
            return -1;
        }

        var sum = message.MessageId + message.Token.Length;
        var cursor = message.Options;
        while (cursor.MoveNext())
        {
            sum += cursor.Number + cursor.Value.Length;
        }

        return sum;
    }

    /// <summary>The 2.05 ACK with Content-Format 0 and a 15-byte payload.</summary>
    [Benchmark]
    public int Serialize()
    {
        var writer = new CoapMessageWriter(_output);
        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Content, 0x1234, _token);
        writer.WriteOption(CoapOptionNumber.ContentFormat, (uint)CoapContentFormat.TextPlain);
        writer.WritePayload(_payload);
        return writer.BytesWritten;
    }

    /// <summary>What a server does per request at the codec level: read the request, find the path, answer.</summary>
    [Benchmark]
    public int ParseAndSerialize()
    {
        if (CoapMessageReader.TryRead(_request, out var message) != CoapFormatError.None)
        {
            return -1;
        }

        var pathOk = false;
        var cursor = message.Options;
        while (cursor.MoveNext())
        {
            if (cursor.Number == CoapOptionNumber.UriPath)
            {
                pathOk = cursor.Value.SequenceEqual("time"u8);
            }
        }

        var writer = new CoapMessageWriter(_output);
        writer.WriteHeader(CoapMessageType.Acknowledgement, pathOk ? CoapCode.Content : CoapCode.NotFound, message.MessageId, message.Token);
        writer.WriteOption(CoapOptionNumber.ContentFormat, (uint)CoapContentFormat.TextPlain);
        writer.WritePayload(_payload);
        return writer.BytesWritten;
    }
}
