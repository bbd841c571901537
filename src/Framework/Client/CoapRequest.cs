using System.IO.Pipelines;
using System.Net;
using System.Text;

namespace Coap;

/// <summary>
/// A request to send with <see cref="CoapClient"/>: a method, a <c>coap://</c> URI and optional
/// options and payload. The URI is decomposed into Uri-Host, Uri-Port, Uri-Path and Uri-Query
/// options when it is sent (RFC 7252 §6.4).
/// </summary>
public sealed class CoapRequest
{
    private int? _blockSize;

    /// <summary>Creates a request.</summary>
    public CoapRequest(CoapCode method, string uri)
    {
        if (!method.IsRequest)
        {
            throw new ArgumentException($"{method} is not a request code.", nameof(method));
        }

        ArgumentException.ThrowIfNullOrEmpty(uri);
        Method = method;
        Uri = uri;
    }

    /// <summary>The method code.</summary>
    public CoapCode Method { get; }

    /// <summary>The target URI, e.g. <c>coap://[::1]:5683/sensors/temp?unit=c</c>.</summary>
    public string Uri { get; }

    /// <summary>Confirmable (the default) or non-confirmable.</summary>
    public CoapMessageType Type { get; set; } = CoapMessageType.Confirmable;

    /// <summary>Options beyond those the URI yields (Content-Format, Accept, ETag, …).</summary>
    public CoapOptionCollection Options { get; } = new();

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Payload { get; set; }

    /// <summary>Send to this endpoint instead of resolving the URI's host (the URI still fills Uri-Host).</summary>
    public IPEndPoint? Destination { get; set; }

    /// <summary>A token to use instead of a random one (0–8 bytes).</summary>
    public ReadOnlyMemory<byte>? Token { get; set; }

    /// <summary>
    /// A request body read while it is sent, in blocks (Block1 or Q-Block1); set with
    /// <see cref="WithBody(Stream, ushort?)"/> or <see cref="WithBody(PipeReader, ushort?)"/>. Takes the place of <see cref="Payload"/>.
    /// </summary>
    public PipeReader? BodyReader { get; private set; }

    /// <summary>The length of <see cref="BodyReader"/>'s body when known up front (a seekable stream), sent as Size1.</summary>
    public long? BodyLength { get; private set; }

    /// <summary>Receives progress after each block of the request or response body.</summary>
    public IProgress<CoapTransferProgress>? Progress { get; set; }

    /// <summary>
    /// Use Q-Block (RFC 9177) for this request's bodies: true tries it (a CON probe finds whether the
    /// server supports it; if not, Block1/Block2 are used), false never, null (default) follows
    /// <see cref="CoapQBlockOptions.Enabled"/> of the client.
    /// </summary>
    public bool? UseQBlock { get; set; }

    /// <summary>The block size for this request's bodies (a power of two, 16–1024); null uses the client's preferred size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is not a power of two from 16 to 1024.</exception>
    public int? BlockSize
    {
        get => _blockSize;
        set
        {
            if (value is { } size && !CoapBlock.IsValidSize(size))
            {
                throw new ArgumentOutOfRangeException(nameof(value), size, "A block size is a power of two from 16 to 1024.");
            }

            _blockSize = value;
        }
    }


#pragma warning disable CS1591 // Factory names say what they make.
    public static CoapRequest Get(string uri) => new(CoapCode.Get, uri);

    public static CoapRequest Post(string uri) => new(CoapCode.Post, uri);

    public static CoapRequest Put(string uri) => new(CoapCode.Put, uri);

    public static CoapRequest Delete(string uri) => new(CoapCode.Delete, uri);

    public static CoapRequest Fetch(string uri) => new(CoapCode.Fetch, uri);

    public static CoapRequest Patch(string uri) => new(CoapCode.Patch, uri);

    public static CoapRequest IPatch(string uri) => new(CoapCode.IPatch, uri);
#pragma warning restore CS1591

    /// <summary>Sets the payload and, when given, its Content-Format.</summary>
    public CoapRequest WithPayload(ReadOnlyMemory<byte> payload, ushort? contentFormat = null)
    {
        Payload = payload;
        if (contentFormat is { } format)
        {
            Options.Set(CoapOption.FromUInt(CoapOptionNumber.ContentFormat, format));
        }

        return this;
    }

    /// <summary>Sends the rest of a stream as the body, in blocks when it does not fit one message; a seekable stream's length goes in Size1.</summary>
    public CoapRequest WithBody(Stream body, ushort? contentFormat = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var length = body.CanSeek ? body.Length - body.Position : (long?)null;
        WithBody(PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true)), contentFormat);
        BodyLength = length;
        return this;
    }

    /// <summary>Sends what a pipe yields until it completes as the body, in blocks when it does not fit one message.</summary>
    public CoapRequest WithBody(PipeReader body, ushort? contentFormat = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        BodyReader = body;
        BodyLength = null;
        Payload = default;
        if (contentFormat is { } format)
        {
            Options.Set(CoapOption.FromUInt(CoapOptionNumber.ContentFormat, format));
        }

        return this;
    }

    /// <summary>Sets a UTF-8 text payload with Content-Format text/plain.</summary>
    public CoapRequest WithPayload(string text) => WithPayload(Encoding.UTF8.GetBytes(text), CoapContentFormat.TextPlain);

    /// <summary>Makes the request non-confirmable.</summary>
    public CoapRequest AsNonConfirmable()
    {
        Type = CoapMessageType.NonConfirmable;
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Method.Name} {Uri}";
}
