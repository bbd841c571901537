using System.Buffers;
using Coap.Codec;
using Coap.TestUtilities;

namespace Coap.Tests.Codec;

/// <summary>
/// Seeded random messages encoded through every path (span, array, IBufferWriter), parsed back
/// and compared field by field, then re-encoded and compared byte for byte.
/// </summary>
public class CoapMessageRoundTripTests
{
    private const int _messageCount = 2500;

    [Theory]
    [InlineData(7252)]
    [InlineData(8974)]
    public void EncodeThenParse_RandomValidMessages_RoundTripsEveryField(int seed)
    {
        var random = new Random(seed);
        var stats = new Stats();

        for (var i = 0; i < _messageCount; i++)
        {
            var (message, expectedOptions) = RandomMessage(random, stats);
            var context = $"seed {seed}, message {i}: {message}";

            var bytes = message.ToArray();
            Assert.Equal(ModelSize(message, expectedOptions), bytes.Length);
            Assert.Equal(bytes.Length, message.GetEncodedSize());

            // Span path, into a larger buffer.
            var span = new byte[bytes.Length + 17];
            var written = message.Encode(span);
            Assert.Equal(bytes.Length, written);
            AssertBytes(bytes, span.AsSpan(0, written), context);

            // IBufferWriter path, appending after existing content.
            var output = new ArrayBufferWriter<byte>();
            output.Write<byte>([0xEE]);
            message.Encode(output);
            Assert.Equal(1 + bytes.Length, output.WrittenCount);
            AssertBytes(bytes, output.WrittenSpan[1..], context);

            // Parse and compare.
            var parsed = CoapMessage.Parse(bytes);
            Assert.Equal(message.Type, parsed.Type);
            Assert.Equal(message.Code, parsed.Code);
            Assert.Equal(message.MessageId, parsed.MessageId);
            AssertBytes(message.Token.Span, parsed.Token.Span, context);
            AssertBytes(message.Payload.Span, parsed.Payload.Span, context);
            Assert.Equal(expectedOptions.Count, parsed.Options.Count);
            for (var k = 0; k < expectedOptions.Count; k++)
            {
                Assert.Equal(expectedOptions[k].Number, parsed.Options[k].Number);
                AssertBytes(expectedOptions[k].Value, parsed.Options[k].Value.Span, context);
            }

            // The zero-copy view sees the same options.
            Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(bytes, out var view));
            var viewOptions = Wire.OptionsOf(view);
            Assert.Equal(expectedOptions.Select(o => o.Number), viewOptions.Select(o => o.Number));

            // Re-encoding the parsed message gives the same bytes.
            AssertBytes(bytes, parsed.ToArray(), context);
        }

        // The generator really reached the interesting encodings.
        Assert.True(stats.EmptyMessages > 10, $"empty messages: {stats.EmptyMessages}");
        Assert.True(stats.TwoByteDeltas > 100, $"two-byte deltas: {stats.TwoByteDeltas}");
        Assert.True(stats.OneByteDeltas > 100, $"one-byte deltas: {stats.OneByteDeltas}");
        Assert.True(stats.RepeatedOptions > 100, $"repeated options: {stats.RepeatedOptions}");
        Assert.True(stats.LengthsAtLeast269 > 100, $"two-byte lengths: {stats.LengthsAtLeast269}");
        Assert.True(stats.Lengths13To268 > 100, $"one-byte lengths: {stats.Lengths13To268}");
        Assert.True(stats.ZeroLengths > 100, $"zero lengths: {stats.ZeroLengths}");
        Assert.True(stats.MaxTokens > 100, $"8-byte tokens: {stats.MaxTokens}");
        Assert.True(stats.Option65535 > 10, $"option 65535: {stats.Option65535}");
    }

    private static (CoapMessage Message, List<(int Number, byte[] Value)> ExpectedOptions) RandomMessage(Random random, Stats stats)
    {
        var message = new CoapMessage
        {
            Type = (CoapMessageType)random.Next(4),
            MessageId = (ushort)random.Next(0x10000),
        };

        var expected = new List<(int Number, byte[] Value)>();
        if (random.Next(50) == 0)
        {
            // An Empty message may carry nothing but the header (RFC 7252 §4.1).
            message.Code = CoapCode.Empty;
            stats.EmptyMessages++;
            return (message, expected);
        }

        message.Code = new CoapCode((byte)random.Next(1, 256));
        var token = new byte[random.Next(9)];
        random.NextBytes(token);
        message.Token = token;
        if (token.Length == 8)
        {
            stats.MaxTokens++;
        }

        var added = new List<(int Number, byte[] Value)>();
        var count = random.Next(0, 9);
        for (var k = 0; k < count; k++)
        {
            var number = RandomNumber(random, added);
            var value = new byte[RandomLength(random)];
            random.NextBytes(value);
            added.Add((number, value));
            message.Options.Add(number, value);
        }

        // Expected wire order: by number, equal numbers in the order they were added (a stable sort).
        expected.AddRange(added.OrderBy(o => o.Number));
        var previous = 0;
        for (var k = 0; k < expected.Count; k++)
        {
            var (number, value) = expected[k];
            var delta = number - previous;
            if (delta >= 269)
            {
                stats.TwoByteDeltas++;
            }
            else if (delta >= 13)
            {
                stats.OneByteDeltas++;
            }

            if (k > 0 && delta == 0)
            {
                stats.RepeatedOptions++;
            }

            if (number == 65535)
            {
                stats.Option65535++;
            }

            if (value.Length == 0)
            {
                stats.ZeroLengths++;
            }
            else if (value.Length >= 269)
            {
                stats.LengthsAtLeast269++;
            }
            else if (value.Length >= 13)
            {
                stats.Lengths13To268++;
            }

            previous = number;
        }

        if (random.Next(3) != 0)
        {
            var payload = new byte[random.Next(1, random.Next(2) == 0 ? 16 : 1500)];
            random.NextBytes(payload);
            if (random.Next(4) == 0)
            {
                payload[0] = 0xFF;
            }

            message.Payload = payload;
        }

        return (message, expected);
    }

    private static int RandomNumber(Random random, List<(int Number, byte[] Value)> added) => random.Next(20) switch
    {
        < 6 => random.Next(0, 41),
        < 11 => random.Next(0, 600),
        < 15 => random.Next(0, 0x10000),
        < 17 => added.Count > 0 ? added[random.Next(added.Count)].Number : 11,
        < 18 => 65535,
        _ => new[] { 12, 13, 268, 269, 270, 525, 65266 }[random.Next(7)],
    };

    private static int RandomLength(Random random) => random.Next(20) switch
    {
        < 4 => 0,
        < 9 => random.Next(1, 13),
        < 11 => new[] { 12, 13, 14, 268, 269, 270 }[random.Next(6)],
        < 15 => random.Next(13, 269),
        < 19 => random.Next(269, 1200),
        _ => random.Next(50) == 0 ? random.Next(65535, 65805) : random.Next(1200, 3000),
    };

    private static int ModelSize(CoapMessage message, List<(int Number, byte[] Value)> options)
    {
        var size = 4 + message.Token.Length;
        var previous = 0;
        foreach (var (number, value) in options)
        {
            size += Wire.ModelOptionSize(number - previous, value.Length);
            previous = number;
        }

        return size + (message.Payload.IsEmpty ? 0 : 1 + message.Payload.Length);
    }

    private static void AssertBytes(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, string context)
    {
        if (!expected.SequenceEqual(actual))
        {
            Assert.Fail($"{context}: expected {Truncate(Hex.Format(expected))}, got {Truncate(Hex.Format(actual))}");
        }
    }

    private static string Truncate(string hex) => hex.Length <= 200 ? hex : hex[..200] + "…";

    private sealed class Stats
    {
        public int EmptyMessages { get; set; }

        public int MaxTokens { get; set; }

        public int OneByteDeltas { get; set; }

        public int TwoByteDeltas { get; set; }

        public int RepeatedOptions { get; set; }

        public int Option65535 { get; set; }

        public int ZeroLengths { get; set; }

        public int Lengths13To268 { get; set; }

        public int LengthsAtLeast269 { get; set; }
    }
}
