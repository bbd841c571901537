using Coap.Codec;

namespace Coap.Observe;

/// <summary>
/// One rendered state of an observed resource, encoded once and shared by every observer it is
/// sent to. The options are kept in three pre-encoded runs around the two options that differ
/// per observer (Observe, 6, and Max-Age, 14), so a notification is the header, the token and
/// five copies: no per-observer encoding or allocation.
/// </summary>
internal sealed class NotificationRepresentation
{
    /// <summary>RFC 7252 §5.10.5: the freshness a response has when it carries no Max-Age.</summary>
    public const uint DefaultMaxAge = 60;

    private readonly byte[] _body;
    private readonly int _prefixLength;
    private readonly int _middleLength;
    private readonly byte[] _completeBody;

    private NotificationRepresentation(CoapCode code, byte[] body, int prefixLength, int prefixLast, int middleLength, int middleLast, uint maxAge, ObservedValue value, byte[]? completeBody)
    {
        Code = code;
        _completeBody = completeBody ?? [];
        _body = body;
        _prefixLength = prefixLength;
        PrefixLastNumber = prefixLast;
        _middleLength = middleLength;
        MiddleLastNumber = middleLast;
        MaxAge = maxAge;
        Value = value;
    }

    public CoapCode Code { get; }

    /// <summary>The representation's Max-Age (explicit, or the default of 60 s).</summary>
    public uint MaxAge { get; }

    /// <summary>The value conditional attributes compare; text values reference this representation's payload.</summary>
    public ObservedValue Value { get; }

    /// <summary>The largest option number below Observe (0 when none).</summary>
    public int PrefixLastNumber { get; }

    /// <summary>The largest option number between Observe and Max-Age (Observe's 6 when none).</summary>
    public int MiddleLastNumber { get; }

    /// <summary>Options below 6, encoded from option number 0.</summary>
    public ReadOnlySpan<byte> Prefix => _body.AsSpan(0, _prefixLength);

    /// <summary>Options 7–13, encoded after an Observe option.</summary>
    public ReadOnlySpan<byte> Middle => _body.AsSpan(_prefixLength, _middleLength);

    /// <summary>Options above 14, encoded after a Max-Age option, then the payload marker and payload.</summary>
    public ReadOnlySpan<byte> Suffix => _body.AsSpan(_prefixLength + _middleLength);

    /// <summary>For an error: all options (but Observe) and the payload, encoded as one final response.</summary>
    public ReadOnlySpan<byte> CompleteBody => _completeBody;

    /// <summary>For a representation sent block-wise: its whole body, kept for each observer's follow-up requests (RFC 7959 §2.6).</summary>
    public NotificationBlocks? Blocks { get; private set; }

    /// <summary>Marks this representation as the first block of a body sent block-wise.</summary>
    public void KeepBlocks(NotificationBlocks blocks) => Blocks = blocks;

    /// <summary>The largest message this representation makes (header, 8-byte token, both per-observer options).</summary>
    public int MaxMessageSize => CoapHeader.Size + CoapHeader.MaxTokenLength + _body.Length + 4 + 5;

    /// <summary>Encodes the response a handler built (its Observe option is ignored; Max-Age is taken out and written per observer).</summary>
    public static NotificationRepresentation From(CoapResponseWriter response)
    {
        var scratch = new byte[CoapHeader.Size + 2 + response.GetEncodedBodySize() + 8];
        var prefix = Encode(response, scratch, 0, 0, 5, out var prefixLast);
        var middle = Encode(response, scratch, CoapOptionNumber.Observe, CoapOptionNumber.Observe + 1, CoapOptionNumber.MaxAge - 1, out var middleLast);
        var suffix = EncodeSuffix(response, scratch);
        var body = new byte[prefix.Length + middle.Length + suffix.Length];
        prefix.CopyTo(body);
        middle.CopyTo(body.AsSpan(prefix.Length));
        suffix.CopyTo(body.AsSpan(prefix.Length + middle.Length));
        var maxAge = response.TryGetUInt(CoapOptionNumber.MaxAge, out var explicitMaxAge) ? explicitMaxAge : DefaultMaxAge;
        var payloadStart = body.Length - response.Payload.Length;
        var format = response.TryGetUInt(CoapOptionNumber.ContentFormat, out var contentFormat) ? (int?)contentFormat : null;
        var value = ObservedValue.FromPayload(body.AsMemory(payloadStart), format);
        var complete = response.Code.IsSuccess ? null : EncodeComplete(response, scratch);
        return new NotificationRepresentation(response.Code, body, prefix.Length, prefixLast, middle.Length, middleLast == 0 ? CoapOptionNumber.Observe : middleLast, maxAge, value, complete);
    }

    /// <summary>Writes a whole notification into <paramref name="destination"/> and returns its length.</summary>
    public int Write(Span<byte> destination, CoapMessageType type, ushort messageId, ReadOnlySpan<byte> token, uint sequence, uint maxAge)
    {
        var writer = new CoapMessageWriter(destination);
        writer.WriteHeader(type, Code, messageId, token);
        var position = writer.BytesWritten;
        Prefix.CopyTo(destination[position..]);
        position += _prefixLength;
        position += WriteShortOption(destination[position..], CoapOptionNumber.Observe - PrefixLastNumber, sequence & 0xFF_FFFF);
        Middle.CopyTo(destination[position..]);
        position += _middleLength;
        position += WriteShortOption(destination[position..], CoapOptionNumber.MaxAge - MiddleLastNumber, maxAge);
        Suffix.CopyTo(destination[position..]);
        return position + Suffix.Length;
    }

    /// <summary>An option whose delta is below 13 (one header byte) and whose uint value fits 4 bytes.</summary>
    private static int WriteShortOption(Span<byte> destination, int delta, uint value)
    {
        var length = CoapUInt.GetLength(value);
        destination[0] = (byte)((delta << 4) | length);
        CoapUInt.Write(destination.Slice(1, length), value);
        return 1 + length;
    }

    /// <summary>Encodes the options numbered [from, to] as if option <paramref name="previous"/> came before them.</summary>
    private static byte[] Encode(CoapResponseWriter response, byte[] scratch, int previous, int from, int to, out int last)
    {
        var writer = new CoapMessageWriter(scratch);
        writer.WriteHeader(CoapMessageType.NonConfirmable, CoapCode.Content, 0, default);
        var skip = writer.BytesWritten;
        if (previous > 0)
        {
            // A stand-in for the per-observer option, so the first delta is counted from it.
            writer.WriteOption(previous, ReadOnlySpan<byte>.Empty);
            skip = writer.BytesWritten;
        }

        last = 0;
        var count = response.SortOptionsForReading();
        for (var i = 0; i < count; i++)
        {
            var value = response.GetOption(i, out var number);
            if (number >= from && number <= to)
            {
                writer.WriteOption(number, value);
                last = number;
            }
        }

        return writer.Written[skip..].ToArray();
    }

    private static byte[] EncodeComplete(CoapResponseWriter response, byte[] scratch)
    {
        var writer = new CoapMessageWriter(scratch);
        writer.WriteHeader(CoapMessageType.NonConfirmable, CoapCode.Content, 0, default);
        var skip = writer.BytesWritten;
        var count = response.SortOptionsForReading();
        for (var i = 0; i < count; i++)
        {
            var value = response.GetOption(i, out var number);
            if (number != CoapOptionNumber.Observe)
            {
                writer.WriteOption(number, value);
            }
        }

        writer.WritePayload(response.Payload.Span);
        return writer.Written[skip..].ToArray();
    }

    private static byte[] EncodeSuffix(CoapResponseWriter response, byte[] scratch)
    {
        var writer = new CoapMessageWriter(scratch);
        writer.WriteHeader(CoapMessageType.NonConfirmable, CoapCode.Content, 0, default);
        writer.WriteOption(CoapOptionNumber.MaxAge, ReadOnlySpan<byte>.Empty);
        var skip = writer.BytesWritten;
        var count = response.SortOptionsForReading();
        for (var i = 0; i < count; i++)
        {
            var value = response.GetOption(i, out var number);
            if (number > CoapOptionNumber.MaxAge)
            {
                writer.WriteOption(number, value);
            }
        }

        writer.WritePayload(response.Payload.Span);
        return writer.Written[skip..].ToArray();
    }
}

/// <summary>
/// The whole body of a block-wise notification, the request key its follow-up requests carry, its block size,
/// and, when it goes with Q-Block2 (RFC 9177 §4.5), the Q-Block parameters of its action.
/// </summary>
internal sealed record NotificationBlocks(BlockWise.Outbound.OutboundBody Body, byte[] RequestKey, int RequestHash, int SizeExponent, CoapQBlockOptions? QBlock);
