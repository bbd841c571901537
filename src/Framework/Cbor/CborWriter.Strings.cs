using System.Text;
using System.Text.Unicode;

namespace Coap.Cbor;

public sealed partial class CborWriter
{
    /// <summary>Writes a definite-length byte string, or one chunk inside an indefinite-length byte string.</summary>
    public void WriteByteString(ReadOnlySpan<byte> value)
    {
        BeginStringOrChunk(CborMajorType.ByteString);
        WriteHead(CborMajorType.ByteString, (ulong)value.Length);
        EnsureCapacity(value.Length);
        value.CopyTo(_buffer.AsSpan(_position));
        _position += value.Length;
        EndItem();
    }

    /// <summary>Writes a definite-length text string, or one chunk inside an indefinite-length text string.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not valid UTF-16 (an unpaired surrogate).</exception>
    public void WriteTextString(ReadOnlySpan<char> value)
    {
        int length;
        try
        {
            length = _strictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The text is not valid UTF-16.", nameof(value), e);
        }

        BeginStringOrChunk(CborMajorType.TextString);
        WriteHead(CborMajorType.TextString, (ulong)length);
        EnsureCapacity(length);
        _position += _strictUtf8.GetBytes(value, _buffer.AsSpan(_position));
        EndItem();
    }

    /// <summary>Writes a definite-length text string from its UTF-8 bytes, or one chunk inside an indefinite-length text string.</summary>
    /// <exception cref="ArgumentException"><paramref name="utf8"/> is not valid UTF-8.</exception>
    public void WriteTextString(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw new ArgumentException("The text is not valid UTF-8.", nameof(utf8));
        }

        BeginStringOrChunk(CborMajorType.TextString);
        WriteHead(CborMajorType.TextString, (ulong)utf8.Length);
        EnsureCapacity(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_position));
        _position += utf8.Length;
        EndItem();
    }

    /// <summary>Starts an indefinite-length byte string (<c>0x5f</c>); write its chunks with <see cref="WriteByteString"/>.</summary>
    /// <exception cref="InvalidOperationException">Deterministic mode, which allows definite lengths only.</exception>
    public void WriteStartIndefiniteLengthByteString() => StartIndefiniteString(CborMajorType.ByteString);

    /// <summary>Ends an indefinite-length byte string.</summary>
    public void WriteEndIndefiniteLengthByteString() => EndIndefiniteString(CborMajorType.ByteString);

    /// <summary>Starts an indefinite-length text string (<c>0x7f</c>); write its chunks with <see cref="WriteTextString(ReadOnlySpan{char})"/>.</summary>
    /// <exception cref="InvalidOperationException">Deterministic mode, which allows definite lengths only.</exception>
    public void WriteStartIndefiniteLengthTextString() => StartIndefiniteString(CborMajorType.TextString);

    /// <summary>Ends an indefinite-length text string.</summary>
    public void WriteEndIndefiniteLengthTextString() => EndIndefiniteString(CborMajorType.TextString);

    private void BeginStringOrChunk(CborMajorType type)
    {
        if (_depth > 0 && !_tagPending)
        {
            ref var frame = ref _frames[_depth - 1];
            if (frame.Type == type)
            {
                // A chunk of an indefinite-length string: not a data item of its own.
                return;
            }
        }

        BeginItem();
    }

    private void StartIndefiniteString(CborMajorType type)
    {
        RequireIndefiniteAllowed();
        BeginItem();
        WriteByte((byte)(((int)type << 5) | 31));
        PushFrame(new CborWriterFrame { Type = type, Remaining = -1 });
    }

    private void EndIndefiniteString(CborMajorType type)
    {
        if (_depth == 0 || _frames[_depth - 1].Type != type)
        {
            throw new InvalidOperationException(type == CborMajorType.ByteString
                ? "No indefinite-length byte string is open."
                : "No indefinite-length text string is open.");
        }

        WriteByte(0xff);
        PopFrame();
        EndItem();
    }
}
