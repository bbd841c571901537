using System.Buffers;
using Coap.Cbor;

namespace Coap.Tests.Cbor;

/// <summary>Random nested structures written and read back.</summary>
public class CborRoundTripTests
{
    [Fact]
    public void RandomStructures_ReadBackAsWritten()
    {
        var generator = new RandomCbor(seed: 4_2_8949);
        for (var i = 0; i < 3000; i++)
        {
            var (write, expected) = generator.Next();
            var writer = new CborWriter();
            write(writer);
            var encoded = writer.Encode();

            Assert.Equal(expected, CborDiagnostic.Format(encoded, floatWidths: true));

            // Keeping the shape, reading and re-writing changes nothing.
            Assert.Equal(Convert.ToHexStringLower(encoded), Convert.ToHexStringLower(CborTranscoder.Reencode(encoded)));

            // The whole item, and nothing else, is one encoded value.
            var reader = new CborReader(encoded);
            Assert.Equal(encoded.Length, reader.ReadEncodedValue().Length);

            // An IBufferWriter destination receives the same bytes.
            var destination = new ArrayBufferWriter<byte>(1);
            write(new CborWriter(destination));
            Assert.Equal(Convert.ToHexStringLower(encoded), Convert.ToHexStringLower(destination.WrittenSpan));
        }
    }

    [Fact]
    public void RandomStructures_DeterministicWriterMatchesNormalizingTheLaxEncoding()
    {
        var generator = new RandomCbor(seed: 7_4_2, deterministicCompatible: true);
        for (var i = 0; i < 3000; i++)
        {
            var (write, expected) = generator.Next();
            var lax = new CborWriter();
            write(lax);
            var laxEncoded = lax.Encode();
            var deterministic = new CborWriter(CborConformanceMode.Deterministic);
            write(deterministic);
            var deterministicEncoded = deterministic.Encode();

            Assert.Equal(expected, CborDiagnostic.Format(laxEncoded, floatWidths: true));
            Assert.Equal(
                Convert.ToHexStringLower(CborTranscoder.ToDeterministic(laxEncoded)),
                Convert.ToHexStringLower(deterministicEncoded));

            // The deterministic reader checks shortest heads, float widths and key order on its own.
            var reader = new CborReader(deterministicEncoded, CborConformanceMode.Deterministic);
            reader.SkipValue();
            Assert.Equal(CborReaderState.Finished, reader.PeekState());
            Assert.Equal(
                Convert.ToHexStringLower(deterministicEncoded),
                Convert.ToHexStringLower(CborTranscoder.Reencode(deterministicEncoded)));
        }
    }

    [Fact]
    public void RandomSequences_ReadBackAsWritten()
    {
        var generator = new RandomCbor(seed: 8742);
        for (var i = 0; i < 300; i++)
        {
            var destination = new ArrayBufferWriter<byte>();
            var writer = CborSequence.CreateWriter(destination);
            var expected = new List<string>();
            var count = i % 7;
            for (var j = 0; j < count; j++)
            {
                var (write, diagnostic) = generator.Next();
                write(writer);
                expected.Add(diagnostic);
            }

            Assert.Equal(destination.WrittenCount, writer.BytesWritten);
            Assert.Equal(string.Join(", ", expected), CborDiagnostic.FormatSequence(destination.WrittenSpan, floatWidths: true));
            Assert.Equal(count, CborSequence.Count(destination.WrittenSpan));
        }
    }
}
