using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Coap.BlockWise.Outbound;
using Coap.Codec;

namespace Coap;

/// <summary>
/// The response a handler builds: code, options and payload, kept in reusable buffers so that
/// answering a request allocates nothing. The payload can be written in place (this is an
/// <see cref="IBufferWriter{T}"/> and <see cref="BodyWriter"/> is a <see cref="PipeWriter"/> over it) or
/// referenced with <see cref="SetPayload"/> without a copy. A payload larger than one message is sent in
/// blocks (RFC 7959 Block2, RFC 9177 Q-Block2) by the server.
/// </summary>
public sealed class CoapResponseWriter : IBufferWriter<byte>
{
    private OptionEntry[] _options = new OptionEntry[8];
    private byte[] _optionBytes = new byte[256];
    private byte[] _payloadBuffer = new byte[1024];
    private int _optionCount;
    private int _optionBytesUsed;
    private int _payloadWritten;
    private ReadOnlyMemory<byte> _externalPayload;
    private ResponsePayloadPipeWriter? _bodyWriter;

    /// <summary>The response code. Default 2.05 Content.</summary>
    public CoapCode Code { get; set; } = CoapCode.Content;

    /// <summary>
    /// The payload as a <see cref="PipeWriter"/>, for handlers that stream a large body: bytes written go
    /// straight into the payload. Flushing sends nothing; the response goes when the handler returns.
    /// </summary>
    public PipeWriter BodyWriter => _bodyWriter ??= new ResponsePayloadPipeWriter(this);

    /// <summary>Whether an option occurs in the response.</summary>
    public bool HasOption(int number)
    {
        for (var i = 0; i < _optionCount; i++)
        {
            if (_options[i].Number == number)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The payload as written or set so far.</summary>
    public ReadOnlyMemory<byte> Payload => _externalPayload.IsEmpty ? _payloadBuffer.AsMemory(0, _payloadWritten) : _externalPayload;

    /// <summary>Adds an option with an opaque value.</summary>
    public void AddOption(int number, ReadOnlySpan<byte> value) => value.CopyTo(Reserve(number, value.Length));

    /// <summary>Adds an option with a uint value.</summary>
    public void AddOption(int number, uint value) => CoapUInt.Write(Reserve(number, CoapUInt.GetLength(value)), value);

    /// <summary>Adds an option with a string value.</summary>
    public void AddOption(int number, ReadOnlySpan<char> value) =>
        Encoding.UTF8.GetBytes(value, Reserve(number, Encoding.UTF8.GetByteCount(value)));

    /// <summary>Sets Content-Format.</summary>
    public void SetContentFormat(ushort format)
    {
        RemoveOption(CoapOptionNumber.ContentFormat);
        AddOption(CoapOptionNumber.ContentFormat, format);
    }

    /// <summary>Removes every occurrence of an option.</summary>
    public void RemoveOption(int number)
    {
        var kept = 0;
        for (var i = 0; i < _optionCount; i++)
        {
            if (_options[i].Number != number)
            {
                _options[kept++] = _options[i];
            }
        }

        _optionCount = kept;
    }

    /// <summary>
    /// Uses this memory as the payload without copying. It must stay unchanged until the response is sent,
    /// and, when it is larger than one message, while its blocks are served (up to
    /// <see cref="CoapBlockWiseOptions.ResponseCacheLifetime"/>): the server keeps a reference, not a copy.
    /// </summary>
    public void SetPayload(ReadOnlyMemory<byte> payload)
    {
        _payloadWritten = 0;
        _externalPayload = payload;
    }

    /// <summary>Copies bytes to the end of the payload.</summary>
    public void WritePayload(ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(GetSpan(payload.Length));
        Advance(payload.Length);
    }

    /// <summary>Appends text to the payload as UTF-8.</summary>
    public void WritePayload(ReadOnlySpan<char> text)
    {
        var span = GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _payloadBuffer.Length - _payloadWritten);
        _payloadWritten += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsurePayloadCapacity(sizeHint);
        return _payloadBuffer.AsMemory(_payloadWritten);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsurePayloadCapacity(sizeHint);
        return _payloadBuffer.AsSpan(_payloadWritten);
    }

    /// <summary>Clears everything for reuse.</summary>
    public void Reset()
    {
        Code = CoapCode.Content;
        _optionCount = 0;
        _optionBytesUsed = 0;
        _payloadWritten = 0;
        _externalPayload = default;
        _bodyWriter?.Reset();
    }

    /// <summary>Whether the payload is memory given to <see cref="SetPayload"/> (kept by reference) rather than written here.</summary>
    internal bool IsPayloadExternal => !_externalPayload.IsEmpty;

    /// <summary>Sorts the options and returns how many there are, for reading them with <see cref="GetOption"/>.</summary>
    internal int SortOptionsForReading()
    {
        SortOptions();
        return _optionCount;
    }

    /// <summary>The option at <paramref name="index"/> (after <see cref="SortOptionsForReading"/>).</summary>
    internal ReadOnlySpan<byte> GetOption(int index, out int number)
    {
        var entry = _options[index];
        number = entry.Number;
        return _optionBytes.AsSpan(entry.Offset, entry.Length);
    }

    /// <summary>Reads the first occurrence of a uint option.</summary>
    internal bool TryGetUInt(int number, out uint value)
    {
        for (var i = 0; i < _optionCount; i++)
        {
            if (_options[i].Number == number)
            {
                value = CoapUInt.Read(_optionBytes.AsSpan(_options[i].Offset, _options[i].Length));
                return true;
            }
        }

        value = 0;
        return false;
    }

    /// <summary>The encoded size of options and payload.</summary>
    internal int GetEncodedBodySize()
    {
        SortOptions();
        var size = 0;
        var previous = 0;
        for (var i = 0; i < _optionCount; i++)
        {
            size += CoapMessageWriter.GetOptionSize(_options[i].Number - previous, _options[i].Length);
            previous = _options[i].Number;
        }

        var payload = Payload.Length;
        return size + (payload == 0 ? 0 : payload + 1);
    }

    /// <summary>Writes options (sorted, stable) and payload after a header already written.</summary>
    internal void WriteBody(ref CoapMessageWriter writer)
    {
        SortOptions();
        for (var i = 0; i < _optionCount; i++)
        {
            var entry = _options[i];
            writer.WriteOption(entry.Number, _optionBytes.AsSpan(entry.Offset, entry.Length));
        }

        writer.WritePayload(Payload.Span);
    }

    private Span<byte> Reserve(int number, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)number, ushort.MaxValue, nameof(number));
        if (_optionCount == _options.Length)
        {
            Array.Resize(ref _options, _options.Length * 2);
        }

        if (_optionBytesUsed + length > _optionBytes.Length)
        {
            Array.Resize(ref _optionBytes, Math.Max(_optionBytes.Length * 2, _optionBytesUsed + length));
        }

        _options[_optionCount++] = new OptionEntry((ushort)number, _optionBytesUsed, length);
        var span = _optionBytes.AsSpan(_optionBytesUsed, length);
        _optionBytesUsed += length;
        return span;
    }

    private void SortOptions()
    {
        // Insertion sort: stable, and responses carry a handful of options.
        for (var i = 1; i < _optionCount; i++)
        {
            var current = _options[i];
            var j = i - 1;
            while (j >= 0 && _options[j].Number > current.Number)
            {
                _options[j + 1] = _options[j];
                j--;
            }

            _options[j + 1] = current;
        }
    }

    private void EnsurePayloadCapacity(int sizeHint)
    {
        if (!_externalPayload.IsEmpty)
        {
            // Writing after SetPayload appends to a copy of it.
            var external = _externalPayload;
            _externalPayload = default;
            _payloadWritten = 0;
            EnsurePayloadCapacity(external.Length + Math.Max(sizeHint, 1));
            external.Span.CopyTo(_payloadBuffer);
            _payloadWritten = external.Length;
        }

        var needed = _payloadWritten + Math.Max(sizeHint, 1);
        if (needed > _payloadBuffer.Length)
        {
            Array.Resize(ref _payloadBuffer, Math.Max(_payloadBuffer.Length * 2, needed));
        }
    }

    private readonly record struct OptionEntry(ushort Number, int Offset, int Length);
}
