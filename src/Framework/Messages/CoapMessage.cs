using System.Buffers;
using Coap.Codec;

namespace Coap;

/// <summary>
/// An owned, mutable CoAP message: what the client API and tests use. The server receive path
/// works on <see cref="CoapMessageView"/> instead and never builds one of these.
/// </summary>
public sealed class CoapMessage
{
    /// <summary>The message type.</summary>
    public CoapMessageType Type { get; set; } = CoapMessageType.Confirmable;

    /// <summary>The code.</summary>
    public CoapCode Code { get; set; }

    /// <summary>The message ID.</summary>
    public ushort MessageId { get; set; }

    /// <summary>The token, 0–8 bytes.</summary>
    public ReadOnlyMemory<byte> Token { get; set; }

    /// <summary>The options, kept in order.</summary>
    public CoapOptionCollection Options { get; } = new();

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Payload { get; set; }

    /// <summary>The encoded size.</summary>
    public int GetEncodedSize() =>
        CoapHeader.Size + Token.Length + Options.GetEncodedSize() + (Payload.IsEmpty ? 0 : 1 + Payload.Length);

    /// <summary>Encodes into a span and returns the number of bytes written.</summary>
    public int Encode(Span<byte> destination)
    {
        var writer = new CoapMessageWriter(destination);
        writer.WriteHeader(Type, Code, MessageId, Token.Span);
        Options.WriteTo(ref writer);
        writer.WritePayload(Payload.Span);
        return writer.BytesWritten;
    }

    /// <summary>Encodes into a buffer writer.</summary>
    public void Encode(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var size = GetEncodedSize();
        output.Advance(Encode(output.GetSpan(size)[..size]));
    }

    /// <summary>Encodes into a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[GetEncodedSize()];
        Encode(bytes);
        return bytes;
    }

    /// <summary>Parses a datagram, copying what it needs.</summary>
    public static CoapFormatError TryParse(ReadOnlySpan<byte> datagram, out CoapMessage? message)
    {
        var status = CoapMessageReader.TryRead(datagram, out var view);
        message = status == CoapFormatError.None ? FromView(view) : null;
        return status;
    }

    /// <summary>Parses a datagram or throws <see cref="FormatException"/>.</summary>
    public static CoapMessage Parse(ReadOnlySpan<byte> datagram)
    {
        var status = TryParse(datagram, out var message);
        return status == CoapFormatError.None ? message! : throw new FormatException($"Malformed CoAP message: {status}.");
    }

    /// <summary>Copies a validated view into an owned message.</summary>
    public static CoapMessage FromView(CoapMessageView view)
    {
        var message = new CoapMessage
        {
            Type = view.Type,
            Code = view.Code,
            MessageId = view.MessageId,
            Token = view.Token.ToArray(),
            Payload = view.Payload.ToArray(),
        };
        message.Options.AddFrom(view.Options);
        return message;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Type} {Code.Name} MID={MessageId} Token={Convert.ToHexString(Token.Span)} Options={Options.Count} Payload={Payload.Length}B";
}
