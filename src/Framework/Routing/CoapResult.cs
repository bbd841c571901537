namespace Coap;

/// <summary>
/// What an action answers: a code, optionally a payload with its Content-Format, and Max-Age.
/// A value type, so returning one allocates nothing; a payload passed as memory is sent as is.
/// </summary>
public readonly struct CoapResult
{
    private CoapResult(CoapCode code, ReadOnlyMemory<byte> payload, ushort? contentFormat, uint? maxAge, string? text)
    {
        Code = code;
        Payload = payload;
        ContentFormat = contentFormat;
        MaxAge = maxAge;
        Text = text;
    }

    /// <summary>The response code.</summary>
    public CoapCode Code { get; }

    /// <summary>The payload bytes (empty when <see cref="Text"/> carries it).</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>A text payload, encoded as UTF-8 when written.</summary>
    public string? Text { get; }

    /// <summary>The Content-Format, when there is a payload.</summary>
    public ushort? ContentFormat { get; }

    /// <summary>The Max-Age option, if set.</summary>
    public uint? MaxAge { get; }

    /// <summary>A response with only a code.</summary>
    public static CoapResult Status(CoapCode code) => new(code, default, null, null, null);

    /// <summary>A response with a binary payload.</summary>
    public static CoapResult WithPayload(CoapCode code, ReadOnlyMemory<byte> payload, ushort contentFormat) => new(code, payload, contentFormat, null, null);

    /// <summary>A response with a text payload (text/plain unless another format is given).</summary>
    public static CoapResult WithText(CoapCode code, string text, ushort contentFormat = CoapContentFormat.TextPlain) => new(code, default, contentFormat, null, text);

    /// <summary>The same result with a Max-Age option.</summary>
    public CoapResult WithMaxAge(uint seconds) => new(Code, Payload, ContentFormat, seconds, Text);

    /// <summary>Writes the result into a response.</summary>
    public void WriteTo(CoapResponseWriter response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Code = Code;
        if (ContentFormat is { } format)
        {
            response.SetContentFormat(format);
        }

        if (MaxAge is { } maxAge)
        {
            response.RemoveOption(CoapOptionNumber.MaxAge);
            response.AddOption(CoapOptionNumber.MaxAge, maxAge);
        }

        if (Text is { } text)
        {
            response.WritePayload(text.AsSpan());
        }
        else if (!Payload.IsEmpty)
        {
            response.SetPayload(Payload);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text is null ? $"{Code} ({Payload.Length} bytes)" : $"{Code} \"{Text}\"";
}
