using System.Runtime.CompilerServices;
using System.Text;

namespace Coap.Codec;

/// <summary>
/// Writes a message into a caller-provided span in wire order: header and token, then options
/// in ascending number order, then the payload. Allocates nothing. Writing past the end of the
/// span or options out of order throws <see cref="CoapEncodingException"/>; size buffers with
/// <see cref="GetOptionSize"/> when they are not the usual 1,280-byte datagram buffers.
/// </summary>
public ref struct CoapMessageWriter
{
    /// <summary>The longest option value the extended length can express (RFC 7252 §3.1).</summary>
    public const int MaxOptionValueLength = 65_535 + 269;

    private readonly Span<byte> _destination;
    private int _position;
    private int _lastOption;
    private bool _payloadWritten;

    /// <summary>Starts writing at the beginning of <paramref name="destination"/>.</summary>
    public CoapMessageWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
        _lastOption = -1;
    }

    /// <summary>The bytes written so far.</summary>
    public readonly int BytesWritten => _position;

    /// <summary>The written message.</summary>
    public readonly ReadOnlySpan<byte> Written => _destination[.._position];

    /// <summary>The encoded size of one option.</summary>
    public static int GetOptionSize(int delta, int length) =>
        1 + ExtendedSize(delta) + ExtendedSize(length) + length;

    /// <summary>Writes the header and token; must come first.</summary>
    public void WriteHeader(CoapMessageType type, CoapCode code, ushort messageId, ReadOnlySpan<byte> token)
    {
        if (_position != 0)
        {
            throw new CoapEncodingException("The header must be written first.");
        }

        if ((uint)type > (uint)CoapMessageType.Reset)
        {
            throw new CoapEncodingException($"{type} is not a message type.");
        }

        if (token.Length > CoapHeader.MaxTokenLength)
        {
            throw new CoapEncodingException("A token has at most 8 bytes.");
        }

        var span = Reserve(CoapHeader.Size + token.Length);
        span[0] = (byte)((CoapHeader.Version << 6) | ((int)type << 4) | token.Length);
        span[1] = code.Value;
        span[2] = (byte)(messageId >> 8);
        span[3] = (byte)messageId;
        token.CopyTo(span[CoapHeader.Size..]);
    }

    /// <summary>Writes an option with an opaque value.</summary>
    public void WriteOption(int number, ReadOnlySpan<byte> value)
    {
        var span = ReserveOption(number, value.Length);
        value.CopyTo(span);
    }

    /// <summary>Writes an option with a uint value in its shortest form.</summary>
    public void WriteOption(int number, uint value)
    {
        var span = ReserveOption(number, CoapUInt.GetLength(value));
        CoapUInt.Write(span, value);
    }

    /// <summary>Writes an option with a string value as UTF-8.</summary>
    public void WriteOption(int number, ReadOnlySpan<char> value)
    {
        var span = ReserveOption(number, Encoding.UTF8.GetByteCount(value));
        Encoding.UTF8.GetBytes(value, span);
    }

    /// <summary>Copies options that are already encoded (e.g. from a received message), continuing the numbering.</summary>
    public void WriteRawOptions(ReadOnlySpan<byte> encodedOptions)
    {
        var cursor = new CoapOptionsCursor(encodedOptions);
        while (cursor.MoveNext())
        {
            WriteOption(cursor.Number, cursor.Value);
        }
    }

    /// <summary>Writes the payload marker and payload; nothing when the payload is empty.</summary>
    public void WritePayload(ReadOnlySpan<byte> payload)
    {
        if (_payloadWritten)
        {
            throw new CoapEncodingException("The payload is already written.");
        }

        _payloadWritten = true;
        if (payload.IsEmpty)
        {
            return;
        }

        var span = Reserve(1 + payload.Length);
        span[0] = CoapMessageReader.PayloadMarker;
        payload.CopyTo(span[1..]);
    }

    private Span<byte> ReserveOption(int number, int length)
    {
        if (_position == 0 || _payloadWritten)
        {
            throw new CoapEncodingException("Options go after the header and before the payload.");
        }

        if ((uint)number > ushort.MaxValue || number < _lastOption)
        {
            throw new CoapEncodingException($"Option {number} is out of order or range.");
        }

        if ((uint)length > MaxOptionValueLength)
        {
            throw new CoapEncodingException($"An option value has at most {MaxOptionValueLength} bytes.");
        }

        var previous = _lastOption < 0 ? 0 : _lastOption;
        var delta = number - previous;
        var span = Reserve(GetOptionSize(delta, length));
        var position = 1;
        var deltaNibble = WriteExtended(span, delta, ref position);
        var lengthNibble = WriteExtended(span, length, ref position);
        span[0] = (byte)((deltaNibble << 4) | lengthNibble);
        _lastOption = number;
        return span.Slice(position, length);
    }

    private Span<byte> Reserve(int size)
    {
        if (size > _destination.Length - _position)
        {
            ThrowTooSmall();
        }

        var span = _destination.Slice(_position, size);
        _position += size;
        return span;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ExtendedSize(int value) => value < 13 ? 0 : value < 269 ? 1 : 2;

    private static int WriteExtended(Span<byte> span, int value, ref int position)
    {
        if (value < 13)
        {
            return value;
        }

        if (value < 269)
        {
            span[position++] = (byte)(value - 13);
            return 13;
        }

        var extended = value - 269;
        span[position++] = (byte)(extended >> 8);
        span[position++] = (byte)extended;
        return 14;
    }

    private static void ThrowTooSmall() => throw new CoapEncodingException("The destination buffer is too small for the message.");
}
