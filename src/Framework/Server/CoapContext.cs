using System.Net;
using System.Text;
using Coap.Codec;
using Coap.Messaging;
using Coap.Transport;

namespace Coap;

/// <summary>
/// One request being handled by a server: the request as received (viewed in place, nothing
/// parsed into objects) and the <see cref="Response"/> being built. Contexts are pooled: do
/// not keep one after the handler's task completes.
/// </summary>
public sealed partial class CoapContext
{
    private byte[] _datagram = new byte[1280];
    private int _length;
    private int _optionsStart;
    private int _optionsLength;
    private int _payloadStart;
    private int _payloadLength;
    private IPEndPoint? _remoteEndPoint;

    internal CoapContext()
    {
    }

    /// <summary>The method code.</summary>
    public CoapCode Method { get; private set; }

    /// <summary>Confirmable or non-confirmable.</summary>
    public CoapMessageType Type { get; private set; }

    /// <summary>The request's message ID.</summary>
    public ushort MessageId { get; private set; }

    /// <summary>The token.</summary>
    public ReadOnlySpan<byte> Token => _datagram.AsSpan(CoapHeader.Size, TokenLength);

    /// <summary>The options in wire order.</summary>
    public CoapOptionsCursor Options => new(_datagram.AsSpan(_optionsStart, _optionsLength));

    /// <summary>The encoded options, for copying.</summary>
    public ReadOnlyMemory<byte> RawOptions => _datagram.AsMemory(_optionsStart, _optionsLength);

    /// <summary>
    /// The payload: the whole request body, also when it arrived in blocks (Block1, Q-Block1) and was
    /// reassembled before the handler ran.
    /// </summary>
    public ReadOnlyMemory<byte> Payload => _body is null ? _datagram.AsMemory(_payloadStart, _payloadLength) : _body.AsMemory(0, _bodyLength);

    /// <summary>The client's endpoint.</summary>
    public IPEndPoint RemoteEndPoint => _remoteEndPoint ??= Peer.ToEndPoint();

    /// <summary>The local address the request was sent to, when the transport reports it.</summary>
    public IPAddress? LocalAddress => Info.LocalAddress;

    /// <summary>Whether the request arrived on a multicast address.</summary>
    public bool IsMulticast => Info.IsMulticast;

    /// <summary>The response being built.</summary>
    public CoapResponseWriter Response { get; } = new();

    /// <summary>Signalled when the server stops.</summary>
    public CancellationToken RequestAborted { get; private set; }

    /// <summary>The services of the application, when the server is hosted.</summary>
    public IServiceProvider? RequestServices { get; set; }

    internal PeerAddress Peer { get; private set; }

    internal DatagramInfo Info { get; private set; }

    internal DeduplicationTicket DeduplicationTicket { get; private set; }

    internal int TokenLength { get; private set; }

    /// <summary>Guards the race between the separate-response timer and completion.</summary>
    internal Lock Gate { get; } = new();

    /// <summary>An empty ACK has been sent; the response must go separately.</summary>
    internal bool AckSent { get; set; }

    /// <summary>The response (or its suppression) has been sent.</summary>
    internal bool Responded { get; set; }

    internal ITimer? SeparateResponseTimer { get; set; }

    /// <summary>Incremented on every reuse, so a late timer can tell it belongs to an earlier request.</summary>
    internal int Generation { get; private set; }

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
                // Options are in ascending order: it is not there.
                break;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The path as "/a/b", as routed: without an application group prefix (allocates; routers match segments in place instead).</summary>
    public string GetPath()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < PathSegmentCount; i++)
        {
            builder.Append('/').Append(Encoding.UTF8.GetString(GetPathSegment(i)));
        }

        return builder.Length == 0 ? "/" : builder.ToString();
    }

    /// <summary>The Uri-Query arguments, decoded (allocates).</summary>
    public IReadOnlyList<string> GetQuery()
    {
        var list = new List<string>();
        var cursor = Options;
        while (cursor.MoveNext())
        {
            if (cursor.Number == CoapOptionNumber.UriQuery)
            {
                list.Add(Encoding.UTF8.GetString(cursor.Value));
            }
        }

        return list;
    }

    /// <summary>Loads a validated request; copies the datagram so the handler may outlive the receive buffer.</summary>
    internal void Initialize(ReadOnlySpan<byte> datagram, in CoapMessageView view, in PeerAddress peer, in DatagramInfo info, DeduplicationTicket ticket, CancellationToken aborted)
    {
        if (datagram.Length > _datagram.Length)
        {
            _datagram = new byte[Math.Max(datagram.Length, _datagram.Length * 2)];
        }

        datagram.CopyTo(_datagram);
        _length = datagram.Length;
        Method = view.Code;
        Type = view.Type;
        MessageId = view.MessageId;
        TokenLength = view.Token.Length;
        _optionsStart = CoapHeader.Size + TokenLength;
        _optionsLength = view.RawOptions.Length;
        _payloadLength = view.Payload.Length;
        _payloadStart = _length - _payloadLength;
        Peer = peer;
        Info = info;
        DeduplicationTicket = ticket;
        RequestAborted = aborted;
        _remoteEndPoint = null;
        RequestServices = null;
        AckSent = false;
        Responded = false;
        MulticastSilenced = false;
        MulticastDelaysDisabled = false;
        ApplicationGroup = null;
        ApplicationGroupRefused = false;
        SeparateResponseTimer = null;
        Response.Reset();
        ResetObserve();
        ResetBody();
        IndexPathSegments();
    }

    /// <summary>Loads a stored registration request to render a notification from it.</summary>
    internal bool InitializeForNotification(ReadOnlySpan<byte> datagram, in PeerAddress peer, in DatagramInfo info, CancellationToken aborted)
    {
        if (CoapMessageReader.TryRead(datagram, out var view) != CoapFormatError.None)
        {
            return false;
        }

        Initialize(datagram, view, peer, info, default, aborted);
        IsNotification = true;
        return true;
    }

    /// <summary>The request datagram as received, for keeping beyond the handler.</summary>
    internal ReadOnlySpan<byte> Datagram => _datagram.AsSpan(0, _length);

    /// <summary>Drops references to the finished request before the context goes back to the pool.</summary>
    internal void Recycle()
    {
        lock (Gate)
        {
            Generation++;
        }

        RequestServices = null;
        _remoteEndPoint = null;
        Response.SetPayload(default);
        ResetBody();
    }
}
