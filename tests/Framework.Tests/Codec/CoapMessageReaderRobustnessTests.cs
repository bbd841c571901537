using Coap.Codec;
using Coap.TestUtilities;

namespace Coap.Tests.Codec;

/// <summary>
/// The reader never throws, whatever it is given: every prefix of a valid message is either a
/// shorter valid message or a specific error, and every single-byte mutation is handled.
/// </summary>
public class CoapMessageReaderRobustnessTests
{
    /// <summary>A message described field by field, so the expected outcome of each prefix can be computed.</summary>
    public sealed record Sample(string Name, CoapMessageType Type, byte Code, ushort MessageId, byte[] Token, (int Number, int Length)[] Options, int PayloadLength)
    {
        public byte[] Encode()
        {
            var buffer = new byte[4096];
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(Type, new CoapCode(Code), MessageId, Token);
            var seed = 0;
            foreach (var (number, length) in Options)
            {
                writer.WriteOption(number, Wire.Pattern(length, seed++));
            }

            writer.WritePayload(Wire.Pattern(PayloadLength, 200));
            return writer.Written.ToArray();
        }

        /// <summary>Offsets at which each option ends, computed from RFC 7252 §3.1 rather than by the codec.</summary>
        public int[] OptionEnds()
        {
            var ends = new int[Options.Length];
            var position = 4 + Token.Length;
            var previous = 0;
            for (var i = 0; i < Options.Length; i++)
            {
                position += Wire.ModelOptionSize(Options[i].Number - previous, Options[i].Length);
                previous = Options[i].Number;
                ends[i] = position;
            }

            return ends;
        }

        public override string ToString() => Name;
    }

    public static readonly Sample[] Samples =
    [
        new(
            "CON GET with 4-byte token, host/port/path/query, Block2, Echo, Request-Tag, Padding, payload",
            CoapMessageType.Confirmable,
            0x01,
            0x1234,
            Wire.Bytes("de ad be ef"),
            [(3, 11), (7, 2), (11, 7), (11, 11), (15, 3), (23, 1), (252, 8), (292, 0), (64988, 300)],
            20),
        new(
            "NON POST with 8-byte token, 13- and 269-byte values, option 65535, one-byte payload",
            CoapMessageType.NonConfirmable,
            0x02,
            0xfffe,
            Wire.Bytes("01 02 03 04 05 06 07 08"),
            [(13, 13), (268, 268), (269, 269), (65535, 0)],
            1),
        new(
            "ACK 2.05 without token, Content-Format and Max-Age, no payload",
            CoapMessageType.Acknowledgement,
            0x45,
            0x7d34,
            [],
            [(12, 1), (14, 4)],
            0),
        new(
            "RST 4.04 with 1-byte token and payload only",
            CoapMessageType.Reset,
            0x84,
            0x0001,
            Wire.Bytes("ff"),
            [],
            30),
        new(
            "CON PUT with repeated options and 12/13 boundaries",
            CoapMessageType.Confirmable,
            0x03,
            0x4242,
            Wire.Bytes("aa bb"),
            [(1, 12), (1, 13), (1, 0), (25, 268), (26, 0)],
            2),
    ];

    public static TheoryData<Sample> AllSamples()
    {
        var data = new TheoryData<Sample>();
        foreach (var sample in Samples)
        {
            data.Add(sample);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void TryRead_WholeSample_IsValidAndMatchesTheDescription(Sample sample)
    {
        var datagram = sample.Encode();

        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));

        Assert.Equal(sample.Type, message.Type);
        Assert.Equal(sample.Code, message.Code.Value);
        Assert.Equal(sample.MessageId, message.MessageId);
        Wire.Equal(sample.Token, message.Token);
        var options = Wire.OptionsOf(message);
        Assert.Equal(sample.Options.Select(o => o.Number), options.Select(o => o.Number));
        Assert.Equal(sample.Options.Select(o => o.Length), options.Select(o => o.Value.Length));
        Assert.Equal(sample.PayloadLength, message.Payload.Length);
        var optionEnds = sample.OptionEnds();
        var expectedLength = (optionEnds.Length > 0 ? optionEnds[^1] : 4 + sample.Token.Length) + (sample.PayloadLength > 0 ? 1 + sample.PayloadLength : 0);
        Assert.Equal(expectedLength, datagram.Length);
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void TryRead_EveryPrefix_IsAShorterValidMessageOrTheRightError(Sample sample)
    {
        var datagram = sample.Encode();
        var tokenEnd = 4 + sample.Token.Length;
        var optionEnds = sample.OptionEnds();
        var optionsEnd = optionEnds.Length > 0 ? optionEnds[^1] : tokenEnd;

        for (var length = 0; length <= datagram.Length; length++)
        {
            var prefix = datagram.AsSpan(0, length);
            var status = CoapMessageReader.TryRead(prefix, out var message);

            if (length < 4)
            {
                Assert.Equal(CoapFormatError.TooShort, status);
            }
            else if (length < tokenEnd)
            {
                Assert.Equal(CoapFormatError.TruncatedToken, status);
            }
            else if (length <= optionsEnd)
            {
                var complete = optionEnds.Count(end => end <= length);
                var atBoundary = length == tokenEnd || optionEnds.Contains(length);
                if (atBoundary)
                {
                    Assert.True(status == CoapFormatError.None, $"prefix {length}: {status}");
                    Assert.Equal(complete, Wire.OptionsOf(message).Count);
                    Assert.True(message.Payload.IsEmpty);
                }
                else
                {
                    Assert.True(status == CoapFormatError.TruncatedOption, $"prefix {length} of {datagram.Length}: {status}");
                }
            }
            else if (length == optionsEnd + 1)
            {
                Assert.Equal(CoapFormatError.EmptyPayloadAfterMarker, status);
            }
            else
            {
                Assert.Equal(CoapFormatError.None, status);
                Assert.Equal(sample.Options.Length, Wire.OptionsOf(message).Count);
                Wire.Equal(datagram.AsSpan(optionsEnd + 1, length - optionsEnd - 1), message.Payload);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void TryRead_EverySingleByteMutation_NeverThrowsAndValidResultsReencodeIdentically(Sample sample)
    {
        var original = sample.Encode();
        var mutated = (byte[])original.Clone();
        var valid = 0;

        for (var position = 0; position < original.Length; position++)
        {
            for (var value = 0; value < 256; value++)
            {
                if (value == original[position])
                {
                    continue;
                }

                mutated[position] = (byte)value;
                var status = CoapMessageReader.TryRead(mutated, out var view);
                Assert.True(Enum.IsDefined(status));
                if (status == CoapFormatError.None)
                {
                    valid++;
                    AssertReencodesIdentically(mutated, view);
                }
                else
                {
                    Assert.Equal(status, CoapMessage.TryParse(mutated, out var parsed));
                    Assert.Null(parsed);
                }
            }

            mutated[position] = original[position];
        }

        // Mutating token, MID, option values and payload bytes always leaves a valid message.
        Assert.True(valid > 0);
    }

    [Fact]
    public void TryRead_RandomDatagrams_NeverThrowAndValidOnesReencodeIdentically()
    {
        var random = new Random(20140601);
        var valid = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var datagram = new byte[random.Next(0, 48)];
            random.NextBytes(datagram);
            if (datagram.Length > 0 && random.Next(4) != 0)
            {
                // Mostly version 1 with a legal token length, so that the option parser gets exercised.
                datagram[0] = (byte)(0x40 | (datagram[0] & 0x30) | random.Next(0, 9));
            }

            var status = CoapMessageReader.TryRead(datagram, out var view);
            if (status == CoapFormatError.None)
            {
                valid++;
                AssertReencodesIdentically(datagram, view);
            }
        }

        Assert.True(valid > 1000, $"only {valid} valid random datagrams");
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void TryRead_EveryPrefixOfEveryMutation_NeverThrows(Sample sample)
    {
        var original = sample.Encode();
        if (original.Length > 400)
        {
            return;
        }

        var mutated = (byte[])original.Clone();
        var values = new byte[] { 0x00, 0x0d, 0x0e, 0x0f, 0xd0, 0xe0, 0xee, 0xf0, 0xff };
        for (var position = 0; position < original.Length; position++)
        {
            foreach (var value in values)
            {
                mutated[position] = value;
                for (var length = 0; length <= mutated.Length; length++)
                {
                    _ = CoapMessageReader.TryRead(mutated.AsSpan(0, length), out _);
                }
            }

            mutated[position] = original[position];
        }
    }

    /// <summary>
    /// The RFC 7252 encoding is canonical (each delta/length has one form, an empty payload has no
    /// marker), so any datagram the reader accepts must re-encode to exactly the same bytes.
    /// </summary>
    private static void AssertReencodesIdentically(byte[] datagram, CoapMessageView view)
    {
        var message = CoapMessage.FromView(view);
        var reencoded = message.ToArray();
        if (!reencoded.AsSpan().SequenceEqual(datagram))
        {
            Assert.Fail($"{Hex.Format(datagram)} re-encoded as {Hex.Format(reencoded)}");
        }
    }
}
