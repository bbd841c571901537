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

    private PipeReader? _body;

    /// <summary>The whole message as received.</summary>
    public CoapMessage Message { get; }

    /// <summary>The response code.</summary>
    public CoapCode Code => Message.Code;

    /// <summary>How it arrived: piggybacked in an ACK, or as a separate CON or NON.</summary>
    public CoapMessageType Type => Message.Type;

    /// <summary>The options.</summary>
    public CoapOptionCollection Options => Message.Options;

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Payload => Message.Payload;

    /// <summary>
    /// The body as a pipe. For a response received with <see cref="CoapCompletionOption.ResponseHeadersRead"/>
    /// it yields the blocks as they arrive; otherwise it reads <see cref="Payload"/>.
    /// </summary>
    public PipeReader Body => _body ??= PipeReader.Create(new ReadOnlySequence<byte>(Payload));

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
    public override string ToString() => $"{Code} from {RemoteEndPoint} ({Payload.Length} bytes)";
}
