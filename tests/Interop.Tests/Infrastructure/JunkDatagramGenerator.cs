using System.Text;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>
/// Deterministic (seeded) stream of malformed, random and hostile-but-valid CoAP datagrams for
/// the bad-input test. About a third are random bytes; the rest are valid messages mutated in
/// one way or another, or valid requests the server must refuse.
/// </summary>
internal sealed class JunkDatagramGenerator
{
    private const int MaxRandomLength = 300;
    private static readonly string[] s_paths = ["time", "echo", "", "a", ".well-known", "core", "sensors", "x%y", "\u00e9"];
    private readonly Random _random;
    private readonly byte[][] _templates;
    private readonly byte[][] _unknownCritical;
    private readonly int[] _counts = new int[Enum.GetValues<JunkKind>().Length];
    private readonly byte[] _buffer = new byte[2048];

    public JunkDatagramGenerator(int seed)
    {
        _random = new Random(seed);
        _templates =
        [
            Request(CoapMessageType.Confirmable, CoapCode.Get, ["time"]),
            Request(CoapMessageType.NonConfirmable, CoapCode.Get, ["echo"]),
            Request(CoapMessageType.Confirmable, CoapCode.Put, ["echo"], payload: RandomBytes(40)),
            Request(CoapMessageType.Confirmable, CoapCode.Post, ["echo"], payload: RandomBytes(200), extra:
            [
                CoapOption.FromString(CoapOptionNumber.UriHost, "localhost"),
                CoapOption.FromUInt(CoapOptionNumber.UriPort, 5683),
                CoapOption.FromUInt(CoapOptionNumber.ContentFormat, 42),
                CoapOption.FromString(CoapOptionNumber.UriQuery, "a=b"),
            ]),
            Request(CoapMessageType.Confirmable, CoapCode.Fetch, ["echo"], payload: RandomBytes(8), extra:
            [
                new CoapOption(CoapOptionNumber.ETag, RandomBytes(8)),
                CoapOption.FromUInt(CoapOptionNumber.Accept, 0),
                CoapOption.FromUInt(CoapOptionNumber.Observe, 0),
                CoapOption.FromUInt(CoapOptionNumber.Size1, 8),
            ]),
        ];

        var unknown = new List<byte[]>();
        while (unknown.Count < 64)
        {
            var number = (_random.Next(0, 65_536) | 1) & 0xFFFF;
            if (CoapOptionRegistry.Default.Find(number) is null)
            {
                unknown.Add(Request(CoapMessageType.Confirmable, CoapCode.Get, ["echo"], extra: [new CoapOption(number, RandomBytes(_random.Next(0, 20)))]));
            }
        }

        _unknownCritical = [.. unknown];
    }

    /// <summary>How many datagrams of each kind were generated.</summary>
    public IReadOnlyDictionary<JunkKind, int> Counts => Enum.GetValues<JunkKind>().ToDictionary(k => k, k => _counts[(int)k]);

    /// <summary>The next datagram; valid until the next call.</summary>
    public ReadOnlySpan<byte> Next()
    {
        var kind = _random.Next(3) == 0 ? JunkKind.RandomBytes : (JunkKind)_random.Next(1, _counts.Length);
        _counts[(int)kind]++;
        var length = kind switch
        {
            JunkKind.RandomBytes => FillRandom(_random.Next(0, MaxRandomLength + 1)),
            JunkKind.Truncated => Truncated(),
            JunkKind.BadTokenLength => BadTokenLength(),
            JunkKind.ReservedNibble => ReservedNibble(),
            JunkKind.BadVersion => BadVersion(),
            JunkKind.HugeOptionDelta => HugeOptionDelta(),
            JunkKind.UnknownCriticalOption => CopyFresh(_unknownCritical[_random.Next(_unknownCritical.Length)]),
            JunkKind.EmptyPayloadAfterMarker => EmptyPayloadAfterMarker(),
            JunkKind.NonEmptyEmptyMessage => NonEmptyEmptyMessage(),
            JunkKind.ReservedCodeClass => ReservedCodeClass(),
            JunkKind.WrongMessageType => WrongMessageType(),
            JunkKind.UnsolicitedResponse => UnsolicitedResponse(),
            JunkKind.ProxyRequest => ProxyRequest(),
            JunkKind.ValidRequest => ValidRequest(),
            JunkKind.BitFlip => BitFlip(),
            _ => throw new InvalidOperationException(kind.ToString()),
        };
        return _buffer.AsSpan(0, length);
    }

    private static byte[] Request(CoapMessageType type, CoapCode code, string[] path, byte[]? payload = null, CoapOption[]? extra = null, int tokenLength = 4)
    {
        var message = new CoapMessage { Type = type, Code = code, MessageId = 1, Token = new byte[tokenLength], Payload = payload ?? [] };
        foreach (var segment in path)
        {
            message.Options.Add(CoapOption.FromString(CoapOptionNumber.UriPath, segment));
        }

        foreach (var option in extra ?? [])
        {
            message.Options.Add(option);
        }

        return message.ToArray();
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private int FillRandom(int length)
    {
        _random.NextBytes(_buffer.AsSpan(0, length));
        return length;
    }

    /// <summary>Copies a valid message with a fresh message ID and token, so the server sees new exchanges.</summary>
    private int CopyFresh(byte[] message)
    {
        message.CopyTo(_buffer, 0);
        _random.NextBytes(_buffer.AsSpan(2, 2 + (message[0] & 0x0F)));
        return message.Length;
    }

    private int CopyTemplate() => CopyFresh(_templates[_random.Next(_templates.Length)]);

    private int Truncated() => _random.Next(0, CopyTemplate());

    private int BadTokenLength()
    {
        var length = CopyTemplate();
        _buffer[0] = (byte)((_buffer[0] & 0xF0) | _random.Next(9, 16));
        return length;
    }

    private int BadVersion()
    {
        var length = CopyTemplate();
        var version = _random.Next(3) switch { 0 => 0, 1 => 2, _ => 3 };
        _buffer[0] = (byte)((_buffer[0] & 0x3F) | (version << 6));
        return length;
    }

    private int WriteHeader(CoapMessageType type, byte code, int tokenLength)
    {
        _buffer[0] = (byte)(0x40 | ((int)type << 4) | tokenLength);
        _buffer[1] = code;
        _random.NextBytes(_buffer.AsSpan(2, 2 + tokenLength));
        return 4 + tokenLength;
    }

    private CoapMessageType RandomType() => (CoapMessageType)_random.Next(4);

    private int ReservedNibble()
    {
        var position = WriteHeader(RandomType(), (byte)_random.Next(1, 8), _random.Next(0, 9));
        if (_random.Next(2) == 0)
        {
            _buffer[position++] = 0xB4; // a valid Uri-Path "abcd" first
            position += Encoding.ASCII.GetBytes("abcd", _buffer.AsSpan(position));
        }

        _buffer[position++] = _random.Next(2) == 0
            ? (byte)(0xF0 | _random.Next(0, 15)) // delta 15, length not 15: not the payload marker
            : (byte)((_random.Next(0, 15) << 4) | 0x0F); // length 15
        var tail = _random.Next(0, 12);
        _random.NextBytes(_buffer.AsSpan(position, tail));
        return position + tail;
    }

    private int HugeOptionDelta()
    {
        var position = WriteHeader(CoapMessageType.Confirmable, CoapCode.Get.Value, _random.Next(0, 9));
        switch (_random.Next(4))
        {
            case 0:
                // One delta of 65,535 + 269: past the largest option number at once.
                _buffer[position++] = 0xE0;
                _buffer[position++] = 0xFF;
                _buffer[position++] = 0xFF;
                break;
            case 1:
                // Deltas that add up past 65,535 a little at a time.
                for (var i = 0; i < 3; i++)
                {
                    _buffer[position++] = 0xE0;
                    _buffer[position++] = 0x7F;
                    _buffer[position++] = 0xFF;
                }

                break;
            case 2:
                // An extended delta cut off by the end of the datagram.
                _buffer[position++] = (byte)(_random.Next(2) == 0 ? 0xE0 : 0xD0);
                if (_buffer[position - 1] == 0xE0 && _random.Next(2) == 0)
                {
                    _buffer[position++] = 0x01;
                }

                break;
            default:
                // A 2-byte extended length far beyond the datagram.
                _buffer[position++] = 0xBE;
                _buffer[position++] = 0xFF;
                _buffer[position++] = 0xFF;
                _buffer[position++] = (byte)'x';
                break;
        }

        return position;
    }

    private int EmptyPayloadAfterMarker()
    {
        var template = _templates[_random.Next(2)]; // GET templates: no payload of their own
        var length = CopyFresh(template);
        _buffer[length] = 0xFF;
        return length + 1;
    }

    private int NonEmptyEmptyMessage()
    {
        var tokenLength = _random.Next(0, 9);
        var position = WriteHeader(RandomType(), 0, tokenLength);
        var tail = tokenLength == 0 ? _random.Next(1, 10) : _random.Next(0, 10);
        _random.NextBytes(_buffer.AsSpan(position, tail));
        return position + tail;
    }

    private int ReservedCodeClass()
    {
        var length = CopyTemplate();
        var codeClass = _random.Next(3) switch { 0 => 1, 1 => 6, _ => 7 };
        _buffer[1] = (byte)((codeClass << 5) | _random.Next(32));
        return length;
    }

    private int WrongMessageType()
    {
        if (_random.Next(2) == 0)
        {
            return WriteHeader(_random.Next(2) == 0 ? CoapMessageType.Acknowledgement : CoapMessageType.Reset, 0, 0);
        }

        var length = CopyTemplate();
        _buffer[0] = (byte)((_buffer[0] & 0xCF) | ((_random.Next(2) + 2) << 4));
        return length;
    }

    private int UnsolicitedResponse()
    {
        var length = CopyTemplate();
        _buffer[1] = (byte)((_random.Next(2, 6) << 5) | _random.Next(0, 32));
        return length;
    }

    private int ProxyRequest() => CopyFresh(Request(
        CoapMessageType.Confirmable,
        CoapCode.Get,
        [],
        extra: [CoapOption.FromString(_random.Next(2) == 0 ? CoapOptionNumber.ProxyUri : CoapOptionNumber.ProxyScheme, "coap://example.invalid/x")]));

    private int ValidRequest()
    {
        var type = _random.Next(2) == 0 ? CoapMessageType.Confirmable : CoapMessageType.NonConfirmable;
        var code = new CoapCode(0, _random.Next(8) == 0 ? _random.Next(8, 32) : _random.Next(1, 8));
        var path = Enumerable.Range(0, _random.Next(0, 4)).Select(_ => s_paths[_random.Next(s_paths.Length)]).ToArray();
        var payloadLength = _random.Next(10) == 0 ? _random.Next(1025, 1101) : _random.Next(0, 64);
        return CopyFresh(Request(type, code, path, RandomBytes(payloadLength), tokenLength: _random.Next(0, 9)));
    }

    private int BitFlip()
    {
        var length = CopyTemplate();
        for (var flips = _random.Next(1, 5); flips > 0; flips--)
        {
            _buffer[_random.Next(length)] ^= (byte)(1 << _random.Next(8));
        }

        return length;
    }
}
