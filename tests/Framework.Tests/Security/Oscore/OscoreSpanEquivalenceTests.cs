using Coap.Codec;
using Coap.Security.Oscore;
using Coap.Security.Oscore.State;
using Coap.Tests.Codec;
using Coap.TestUtilities;

namespace Coap.Tests.Security.Oscore;

/// <summary>
/// The server's span paths (<see cref="OscoreProtector.UnprotectRequestInto"/>, <see cref="OscoreProtector.ProtectResponseInto"/>)
/// against the message paths: byte-identical output and the same results, for the RFC 8613 vectors, seeded random
/// messages and corrupted input.
/// </summary>
public sealed class OscoreSpanEquivalenceTests
{
    private const string C4Protected = "44025d1f00003974396c6f63616c686f7374620914ff612f1092f1776f1c1668b3825e";
    private const string Response = "64455d1f00003974ff48656c6c6f20576f726c6421";

    /// <summary>Beside the standard options: one of Class I (outer and in the AAD) and one of Class U (outer only).</summary>
    private static readonly CoapOptionRegistry Registry = new(ExperimentalOptionNumbers.Default,
    [
        new CoapOptionDefinition(2100, "Test-Class-I", CoapOptionFormat.Opaque, 0, 8, true, OscoreOptionClass.I),
        new CoapOptionDefinition(2101, "Test-Class-U", CoapOptionFormat.Opaque, 0, 8, true, OscoreOptionClass.U),
    ]);

    [Theory]
    [InlineData("C1", "44015d1f00003974396c6f63616c686f737483747631", C4Protected)]
    [InlineData("C2", "440171c30000b932396c6f63616c686f737483747631", "440271c30000b932396c6f63616c686f737463091400ff4ed339a5a379b0b8bc731fffb0")]
    [InlineData("C3", "44012f8eef9bbf7a396c6f63616c686f737483747631", "44022f8eef9bbf7a396c6f63616c686f73746b19140837cbf3210017a2d3ff72cd7273fd331ac45cffbe55c3")]
    public void C4ToC6_UnprotectRequestInto_GivesTheRfcRequest(string vector, string unprotectedHex, string protectedHex)
    {
        using var server = vector switch
        {
            "C1" => OscoreVectors.C1(client: false),
            "C2" => OscoreVectors.C2(client: false),
            _ => OscoreVectors.C3(client: false),
        };
        var datagram = Hex.Parse(protectedHex);
        var destination = new byte[datagram.Length];
        var protector = new OscoreProtector(new OscoreContextList(server));

        Assert.Equal(OscoreUnprotectResult.Ok, protector.UnprotectRequestInto(View(datagram), destination, out var length, out var binding));
        Wire.Equal(unprotectedHex, destination.AsSpan(0, length));
        Assert.Same(server, binding.Context);
        Assert.Equal(new OscorePartialIv(20, 1), binding.RequestPartialIv);
        Wire.Equal(server.Recipient.Id, binding.RequestKid.Span);
    }

    [Theory]
    [InlineData(false, "64445d1f0000397490ffdbaad1e9a7e7b2a813d3c31524378303cdafae119106")]
    [InlineData(true, "64445d1f00003974920100ff4d4c13669384b67354b2b6175ff4b8658c666a6cf88e")]
    public void C7AndC8_ProtectResponseInto_GivesTheRfcBytes(bool withPartialIv, string protectedHex)
    {
        using var server = OscoreVectors.C1(client: false);
        var protector = new OscoreProtector(new OscoreContextList(server));
        var request = Hex.Parse(C4Protected);
        Assert.Equal(OscoreUnprotectResult.Ok, protector.UnprotectRequestInto(View(request), new byte[request.Length], out _, out var binding));

        var destination = new byte[1280];
        Assert.Equal(OscoreProtectResult.Ok, protector.ProtectResponseInto(binding, View(Hex.Parse(Response)), withPartialIv, 0, default, destination, out var length));
        Wire.Equal(protectedHex, destination.AsSpan(0, length));
    }

    [Fact]
    public void RandomRequests_UnprotectRequestInto_WritesExactlyWhatTheMessagePathRebuilds()
    {
        var random = new Random(8613);
        for (var i = 0; i < 300; i++)
        {
            using var client = OscoreVectors.C3(client: true, ssn: (ulong)random.Next(0, 1 << 20));
            using var server = OscoreVectors.C3(client: false);
            var messages = new OscoreProtector(new OscoreContextList(server), registry: Registry);
            var spans = new OscoreProtector(new OscoreContextList(server), registry: Registry);
            var request = RandomRequest(random);
            Assert.Equal(OscoreProtectResult.Ok, new OscoreProtector(registry: Registry).ProtectRequest(client, request, out var outer, out _));
            var datagram = outer!.ToArray();

            var expected = messages.UnprotectRequest(CoapMessage.Parse(datagram), out var rebuilt, out var expectedBinding);
            var destination = new byte[datagram.Length];
            var actual = spans.UnprotectRequestInto(View(datagram), destination, out var length, out var binding);

            Assert.Equal(OscoreUnprotectResult.Ok, expected);
            Assert.Equal(expected, actual);
            Wire.Equal(rebuilt!.ToArray(), destination.AsSpan(0, length));
            Wire.Equal(request.ToArray(), destination.AsSpan(0, length));
            Assert.Equal(expectedBinding.RequestPartialIv, binding.RequestPartialIv);
            Wire.Equal(expectedBinding.RequestKid.Span, binding.RequestKid.Span);
        }
    }

    [Fact]
    public void RandomResponses_ProtectResponseInto_WritesExactlyWhatTheMessagePathEncodes()
    {
        var random = new Random(7252);
        for (var i = 0; i < 300; i++)
        {
            // Two identical contexts, so both paths take the same sequence numbers.
            using var first = OscoreVectors.C1(client: false, ssn: (ulong)random.Next(0, 1 << 24));
            using var second = OscoreVectors.C1(client: false, ssn: first.Sender.NextSequenceNumber);
            var requestPiv = OscorePartialIv.FromSequenceNumber((ulong)random.Next(0, 1 << 30));
            var kid = RandomBytes(random, random.Next(0, 3));
            var response = RandomResponse(random);
            var includePartialIv = random.Next(2) == 0;
            var (blockOption, blockValue) = random.Next(4) switch
            {
                0 => (CoapOptionNumber.Block1, (uint)random.Next(0, 1 << 20)),
                1 => (CoapOptionNumber.Block2, 0u),
                _ => (0, 0u),
            };

            var protector = new OscoreProtector(registry: Registry);
            Assert.Equal(OscoreProtectResult.Ok, protector.ProtectResponse(new OscoreRequestBinding(first, kid, requestPiv), response, includePartialIv, out var outer));
            if (blockOption != 0)
            {
                outer!.Options.Add(blockOption, blockValue);
            }

            var blockBytes = new byte[4];
            var blockEcho = blockBytes.AsSpan(0, CoapUInt.Write(blockBytes, blockValue));
            var destination = new byte[outer!.GetEncodedSize() + 16];
            Assert.Equal(OscoreProtectResult.Ok, protector.ProtectResponseInto(new OscoreRequestBinding(second, kid, requestPiv), View(response.ToArray()), includePartialIv, blockOption, blockEcho, destination, out var length));
            Wire.Equal(outer.ToArray(), destination.AsSpan(0, length));
        }
    }

    [Fact]
    public void CorruptedRequests_GiveTheSameResults_AndTheSameBytesWhenTheyVerify()
    {
        using var server = OscoreVectors.C1(client: false);
        using var client = OscoreVectors.C1(client: true);
        var messages = new OscoreProtector(new OscoreContextList(server));
        var spans = new OscoreProtector(new OscoreContextList(server));
        var random = new Random(8614);
        var valid = Hex.Parse(C4Protected);
        var results = new int[6];
        for (var i = 0; i < 4000; i++)
        {
            byte[] datagram;
            if (i % 2 == 0)
            {
                // As the fuzz test in OscoreUnprotectErrorTests: a random OSCORE option and payload.
                var option = RandomBytes(random, random.Next(0, 12));
                if (option.Length > 0 && random.Next(2) == 0)
                {
                    option[0] &= 0x1F;
                }

                var payload = random.Next(3) == 0 ? valid[(valid.Length - 13 + random.Next(13))..] : RandomBytes(random, random.Next(0, 40));
                var message = new CoapMessage { Code = CoapCode.Post, Payload = payload };
                message.Options.Add(CoapOptionNumber.Oscore, option);
                datagram = message.ToArray();
            }
            else
            {
                // A valid request (kept valid one time in four) with a few bytes flipped.
                var request = RandomRequest(random);
                Assert.Equal(OscoreProtectResult.Ok, new OscoreProtector().ProtectRequest(client, request, out var outer, out _));
                datagram = outer!.ToArray();
                for (var flips = random.Next(4); flips > 0; flips--)
                {
                    datagram[random.Next(datagram.Length)] ^= (byte)(1 << random.Next(8));
                }
            }

            if (CoapMessageReader.TryRead(datagram, out _) != CoapFormatError.None)
            {
                continue;
            }

            var expected = messages.UnprotectRequest(CoapMessage.Parse(datagram), out var rebuilt, out var expectedBinding);
            var destination = new byte[datagram.Length];
            var actual = spans.UnprotectRequestInto(View(datagram), destination, out var length, out var binding);
            Assert.Equal(expected, actual);
            results[(int)actual]++;
            if (expected == OscoreUnprotectResult.Ok)
            {
                Wire.Equal(rebuilt!.ToArray(), destination.AsSpan(0, length));
                Assert.Equal(expectedBinding, binding);
            }
            else
            {
                Assert.Equal(0, length);
                Assert.Equal(default, binding);
            }
        }

        Assert.True(results[(int)OscoreUnprotectResult.Ok] > 0);
        Assert.True(results[(int)OscoreUnprotectResult.DecodeFailed] > 0);
        Assert.True(results[(int)OscoreUnprotectResult.ContextNotFound] > 0);
        Assert.True(results[(int)OscoreUnprotectResult.DecryptionFailed] > 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void ReplayVerdicts_AreTheMessagePaths(int scenario)
    {
        var (verdict, expected) = scenario switch
        {
            0 => (ReplayCheckResult.Accepted, OscoreUnprotectResult.Ok),
            1 => (ReplayCheckResult.WindowInvalid, OscoreUnprotectResult.FreshnessRequired),
            _ => (ReplayCheckResult.Duplicate, OscoreUnprotectResult.Replayed),
        };
        using var server = OscoreVectors.C1(client: false);
        var messageCheck = new ScriptedReplayCheck(verdict);
        var spanCheck = new ScriptedReplayCheck(verdict);
        var datagram = Hex.Parse(C4Protected);

        Assert.Equal(expected, new OscoreProtector(new OscoreContextList(server), messageCheck).UnprotectRequest(CoapMessage.Parse(datagram), out var rebuilt, out var expectedBinding));
        var destination = new byte[datagram.Length];
        Assert.Equal(expected, new OscoreProtector(new OscoreContextList(server), spanCheck).UnprotectRequestInto(View(datagram), destination, out var length, out var binding));

        Assert.Equal(expectedBinding, binding);
        Assert.Equal([new OscorePartialIv(20, 1)], spanCheck.Seen);
        if (rebuilt is not null)
        {
            Wire.Equal(rebuilt.ToArray(), destination.AsSpan(0, length));
        }

        datagram[^1] ^= 0x01;
        Assert.Equal(OscoreUnprotectResult.DecryptionFailed, new OscoreProtector(new OscoreContextList(server), spanCheck).UnprotectRequestInto(View(datagram), destination, out _, out _));
        Assert.Equal(1, spanCheck.FailedDecryptions);
        Assert.Single(spanCheck.Seen);
    }

    [Fact]
    public void DestinationTooShort_IsDecodeFailedForARequest_AndNothingWrittenForAResponse()
    {
        using var server = OscoreVectors.C1(client: false);
        var protector = new OscoreProtector(new OscoreContextList(server));
        var request = Hex.Parse(C4Protected);
        Assert.Equal(OscoreUnprotectResult.DecodeFailed, protector.UnprotectRequestInto(View(request), new byte[10], out var length, out _));
        Assert.Equal(0, length);

        Assert.Equal(OscoreUnprotectResult.Ok, protector.UnprotectRequestInto(View(request), new byte[request.Length], out _, out var binding));
        var destination = new byte[20];
        Assert.Equal(OscoreProtectResult.Ok, protector.ProtectResponseInto(binding, View(Hex.Parse(Response)), false, 0, default, destination, out length));
        Assert.Equal(32, length);
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    private static CoapMessageView View(byte[] datagram)
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var view));
        return view;
    }

    private static CoapMessage RandomRequest(Random random)
    {
        var message = new CoapMessage
        {
            Type = random.Next(2) == 0 ? CoapMessageType.Confirmable : CoapMessageType.NonConfirmable,
            Code = new CoapCode((byte)random.Next(1, 8)),
            MessageId = (ushort)random.Next(0, 65_536),
            Token = RandomBytes(random, random.Next(0, 9)),
            Payload = random.Next(3) == 0 ? default : RandomBytes(random, random.Next(1, 120)),
        };
        AddRandomOptions(random, message, [CoapOptionNumber.UriHost, CoapOptionNumber.UriPort, CoapOptionNumber.UriPath, CoapOptionNumber.UriQuery, CoapOptionNumber.Accept, CoapOptionNumber.ProxyScheme, CoapOptionNumber.Echo, CoapOptionNumber.NoResponse]);
        return message;
    }

    private static CoapMessage RandomResponse(Random random)
    {
        CoapCode[] codes = [CoapCode.Content, CoapCode.Changed, CoapCode.Created, CoapCode.Valid, CoapCode.NotFound, CoapCode.BadRequest, CoapCode.InternalServerError];
        var message = new CoapMessage
        {
            Type = (CoapMessageType)random.Next(0, 3),
            Code = codes[random.Next(codes.Length)],
            MessageId = (ushort)random.Next(0, 65_536),
            Token = RandomBytes(random, random.Next(0, 9)),
            Payload = random.Next(3) == 0 ? default : RandomBytes(random, random.Next(1, 300)),
        };
        AddRandomOptions(random, message, [CoapOptionNumber.MaxAge, CoapOptionNumber.LocationPath, CoapOptionNumber.Size2, CoapOptionNumber.Block2]);
        return message;
    }

    /// <summary>Observe, ETag, Content-Format, options of every OSCORE class, unknown ones, and the given ones, in random number and order.</summary>
    private static void AddRandomOptions(Random random, CoapMessage message, int[] specific)
    {
        int[] common = [CoapOptionNumber.Observe, CoapOptionNumber.ETag, CoapOptionNumber.ContentFormat, 2100, 2101, 65_001, 1_000 + random.Next(0, 10), 300 + random.Next(0, 400)];
        var count = random.Next(0, 9);
        for (var i = 0; i < count; i++)
        {
            var number = random.Next(2) == 0 ? common[random.Next(common.Length)] : specific[random.Next(specific.Length)];
            if (number == CoapOptionNumber.Observe && message.Options.Contains(number))
            {
                continue;
            }

            message.Options.Add(number, number is CoapOptionNumber.Observe or CoapOptionNumber.MaxAge or CoapOptionNumber.UriPort or CoapOptionNumber.ContentFormat
                ? Uint(random)
                : RandomBytes(random, random.Next(0, number == 65_001 ? 300 : 20)));
        }
    }

    private static byte[] Uint(Random random)
    {
        var value = (uint)random.Next(0, 1 << random.Next(0, 31));
        var bytes = new byte[CoapUInt.GetLength(value)];
        CoapUInt.Write(bytes, value);
        return bytes;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private sealed class ScriptedReplayCheck(ReplayCheckResult verdict) : IOscoreReplayCheck
    {
        public List<OscorePartialIv> Seen { get; } = [];

        public int FailedDecryptions { get; private set; }

        public ReplayCheckResult Accept(OscoreSecurityContext context, OscorePartialIv partialIv)
        {
            Seen.Add(partialIv);
            return verdict;
        }

        public void DecryptionFailed(OscoreSecurityContext context) => FailedDecryptions++;
    }
}
