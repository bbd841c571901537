using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;

namespace Coap;

/// <summary>A response received by <see cref="CoapClient"/>.</summary>
public sealed class CoapResponse
{
    internal CoapResponse(CoapMessage message, IPEndPoint remoteEndPoint)
    {
        Message = message;
        RemoteEndPoint = remoteEndPoint;
    }

    /// <summary>A response whose body is still arriving: <paramref name="body"/> yields it (the message holds the first block's options).</summary>
    internal CoapResponse(CoapMessage message, IPEndPoint remoteEndPoint, PipeReader body)
        : this(message, remoteEndPoint)
    {
        _body = body;
        IsStreamed = true;
    }

    private PipeReader? _body;

    /// <summary>The whole message as received.</summary>
    public CoapMessage Message { get; }

    /// <summary>The response code.</summary>
    public CoapCode Code => Message.Code;

    /// <summary>How it arrived: piggybacked in an ACK, or as a separate CON or NON.</summary>
    public CoapMessageType Type => Message.Type;

    /// <summary>The options.</summary>
    public CoapOptionCollection Options => Message.Options;

    /// <summary>
    /// The payload: for a block-wise response (Block2, Q-Block2) the whole reassembled body.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The response is streamed (<see cref="IsStreamed"/>): its body is still arriving and only <see cref="Body"/>
    /// yields all of it, so a partial payload is never returned silently.
    /// </exception>
    public ReadOnlyMemory<byte> Payload => IsStreamed
        ? throw new InvalidOperationException("The body of this response is streamed (CoapCompletionOption.ResponseHeadersRead): read it from Body.")
        : Message.Payload;

    /// <summary>
    /// Whether the body is streamed through <see cref="Body"/> while its blocks arrive (a block-wise response
    /// received with <see cref="CoapCompletionOption.ResponseHeadersRead"/>); then <see cref="Payload"/> throws.
    /// </summary>
    public bool IsStreamed { get; }

    /// <summary>
    /// The body as a pipe. For a streamed response (<see cref="IsStreamed"/>) it yields the blocks as they arrive and
    /// throws from <c>ReadAsync</c> when the transfer fails (a <see cref="CoapException"/>); otherwise it reads <see cref="Payload"/>.
    /// Completing the reader early stops a streamed transfer.
    /// </summary>
    public PipeReader Body => _body ??= PipeReader.Create(Payload.IsEmpty ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(Payload));

    /// <summary>The endpoint that sent the response.</summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>The Content-Format option, if present.</summary>
    public ushort? ContentFormat => (ushort?)Options.GetUInt(CoapOptionNumber.ContentFormat);

    /// <summary>The Observe option (RFC 7641): the notification's sequence number, or null when absent.</summary>
    public uint? Observe => Options.GetUInt(CoapOptionNumber.Observe);

    /// <summary>True for 2.xx.</summary>
    public bool IsSuccess => Code.IsSuccess;

    /// <summary>The payload decoded as UTF-8.</summary>
    public string GetPayloadAsString() => Encoding.UTF8.GetString(Payload.Span);

    /// <summary>Throws <see cref="CoapResponseException"/> unless the code is 2.xx.</summary>
    public CoapResponse EnsureSuccess() => IsSuccess ? this : throw new CoapResponseException(this);

    /// <inheritdoc />
    public override string ToString() => IsStreamed
        ? $"{Code} from {RemoteEndPoint} (streamed body)"
        : $"{Code} from {RemoteEndPoint} ({Payload.Length} bytes)";
}
