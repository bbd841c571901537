using Coap.Cbor;
using Xunit.Sdk;

namespace Coap.Tests.Cbor;

/// <summary>
/// Seeded fuzzing: whatever the bytes, reading throws nothing but <see cref="CborContentException"/>,
/// and whatever is accepted obeys the round-trip properties.
/// </summary>
public class CborFuzzTests
{
    private const int Inputs = 20_000;

    // Initial bytes worth over-sampling: every head form, breaks, indefinite starts, tags, floats.
    private static readonly byte[] _interesting =
    [
        0x00, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1f, 0x20, 0x38, 0x3b, 0x40, 0x41, 0x58, 0x5f, 0x60, 0x61, 0x62,
        0x78, 0x7f, 0x80, 0x81, 0x82, 0x98, 0x9f, 0xa0, 0xa1, 0xa2, 0xb8, 0xbf, 0xc0, 0xc1, 0xc2, 0xd8, 0xdb, 0xdf,
        0xe0, 0xf4, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xff, 0xc3, 0xbc, 0xed, 0xa0, 0xf0, 0x90,
    ];

    [Fact]
    public void UniformRandomBytes_OnlyThrowCborContentException()
    {
        var random = new Random(8949);
        for (var i = 0; i < Inputs; i++)
        {
            var input = new byte[random.Next(4) == 0 ? random.Next(0, 64) : random.Next(0, 10)];
            random.NextBytes(input);
            Exercise(input);
        }
    }

    [Fact]
    public void CborShapedRandomBytes_OnlyThrowCborContentException()
    {
        var random = new Random(7049);
        var accepted = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var input = new byte[random.Next(0, 24)];
            for (var j = 0; j < input.Length; j++)
            {
                input[j] = random.Next(3) == 0 ? (byte)random.Next(256) : _interesting[random.Next(_interesting.Length)];
            }

            accepted += Exercise(input) ? 1 : 0;
        }

        // The alphabet makes a fair share of inputs well-formed, so the acceptance paths are exercised too.
        Assert.InRange(accepted, Inputs / 50, Inputs);
    }

    [Fact]
    public void MutatedValidEncodings_OnlyThrowCborContentException()
    {
        var random = new Random(8742);
        var generator = new RandomCbor(seed: 9177);
        var seeds = CborAppendixA.All.Select(e => e.Bytes).Concat(Enumerable.Range(0, 200).Select(_ => generator.NextEncoded())).ToArray();
        var accepted = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var input = seeds[random.Next(seeds.Length)].ToList();
            for (var mutations = random.Next(1, 4); mutations > 0; mutations--)
            {
                Mutate(random, input);
            }

            accepted += Exercise([.. input]) ? 1 : 0;
        }

        Assert.InRange(accepted, Inputs / 50, Inputs);
    }

    /// <summary>Reads <paramref name="input"/> every way there is; returns whether it is one well-formed item.</summary>
    private static bool Exercise(byte[] input)
    {
        try
        {
            var wellFormed = Accepts(() => CborDiagnostic.Format(input, floatWidths: true));
            var skipped = Accepts(() =>
            {
                var reader = new CborReader(input);
                reader.SkipValue();
                reader.PeekState();
            });
            Assert.Equal(wellFormed, skipped);
            Accepts(() => CborSequence.Count(input));
            Accepts(() => CborSequence.Count(input, CborConformanceMode.Deterministic));
            Accepts(() => CborDiagnostic.FormatSequence(input));

            if (wellFormed)
            {
                // Re-writing keeps the meaning, float widths included.
                var reencoded = CborTranscoder.Reencode(input);
                Assert.Equal(CborDiagnostic.Format(input, floatWidths: true), CborDiagnostic.Format(reencoded, floatWidths: true));
                Assert.Equal(input.Length, new CborReader(input).ReadEncodedValue().Length);
            }
            else
            {
                Assert.Throws<CborContentException>(() => CborTranscoder.Reencode(input));
            }

            var deterministic = Accepts(() => CborDiagnostic.Format(input, CborConformanceMode.Deterministic));
            if (deterministic)
            {
                // Anything the deterministic reader accepts is the one canonical encoding of its value.
                Assert.True(wellFormed);
                Assert.Equal(Convert.ToHexStringLower(input), Convert.ToHexStringLower(CborTranscoder.Reencode(input)));
                Assert.Equal(Convert.ToHexStringLower(input), Convert.ToHexStringLower(CborTranscoder.ToDeterministic(input)));
            }
            else if (wellFormed && TryToDeterministic(input) is { } normalized)
            {
                Assert.NotEqual(Convert.ToHexStringLower(input), Convert.ToHexStringLower(normalized));
                Assert.Equal(normalized.Length, new CborReader(normalized, CborConformanceMode.Deterministic).ReadEncodedValue().Length);
            }

            return wellFormed;
        }
        catch (Exception e) when (e is not XunitException)
        {
            throw new XunitException($"Input {Convert.ToHexStringLower(input)}: {e}");
        }
    }

    private static bool Accepts(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (CborContentException)
        {
            return false;
        }
    }

    private static byte[]? TryToDeterministic(byte[] input)
    {
        try
        {
            return CborTranscoder.ToDeterministic(input);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            // Keys distinct in lax form (1.5 as half and as double) can meet once normalized.
            return null;
        }
    }

    private static void Mutate(Random random, List<byte> input)
    {
        var position = input.Count == 0 ? 0 : random.Next(input.Count);
        switch (random.Next(input.Count == 0 ? 1 : 6))
        {
            case 0:
                input.Insert(position, _interesting[random.Next(_interesting.Length)]);
                break;
            case 1:
                input[position] ^= (byte)(1 << random.Next(8));
                break;
            case 2:
                input[position] = (byte)random.Next(256);
                break;
            case 3:
                input.RemoveAt(position);
                break;
            case 4:
                input.RemoveRange(position, input.Count - position);
                break;
            default:
                var length = random.Next(1, Math.Min(8, input.Count - position) + 1);
                input.InsertRange(position, input.GetRange(position, length));
                break;
        }
    }
}
