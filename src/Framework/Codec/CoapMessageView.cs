namespace Coap.Codec;

/// <summary>
/// A validated message seen in place over the datagram: nothing is copied. Produced by
/// <see cref="CoapMessageReader.TryRead"/>.
/// </summary>
public readonly ref struct CoapMessageView
{
    private readonly ReadOnlySpan<byte> _options;

    internal CoapMessageView(CoapHeader header, ReadOnlySpan<byte> token, ReadOnlySpan<byte> options, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Token = token;
        _options = options;
        Payload = payload;
    }

    /// <summary>The fixed header.</summary>
    public CoapHeader Header { get; }

    /// <summary>The message type.</summary>
    public CoapMessageType Type => Header.Type;

    /// <summary>The code.</summary>
    public CoapCode Code => Header.Code;

    /// <summary>The message ID.</summary>
    public ushort MessageId => Header.MessageId;

    /// <summary>The token (0–8 bytes).</summary>
    public ReadOnlySpan<byte> Token { get; }

    /// <summary>The encoded options, for copying verbatim.</summary>
    public ReadOnlySpan<byte> RawOptions => _options;

    /// <summary>The payload (empty when there is none).</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>A cursor over the options in wire order.</summary>
    public CoapOptionsCursor Options => new(_options);

    /// <summary>Finds the first occurrence of an option.</summary>
    public bool TryGetOption(int number, out ReadOnlySpan<byte> value)
    {
        var cursor = Options;
        while (cursor.MoveNext())
        {
            if (cursor.Number == number)
            {
                value = cursor.Value;
                return true;
            }

            if (cursor.Number > number)
            {
                break;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Whether the option occurs.</summary>
    public bool HasOption(int number) => TryGetOption(number, out _);
}
