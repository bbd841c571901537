using Coap.Codec;
using Coap.Diagnostics;
using Coap.Exchanges;
using Coap.Messaging;
using Coap.Transport;
using Microsoft.Extensions.Logging;

namespace Coap.Endpoint;

/// <summary>
/// The messaging and exchange layers over one transport (RFC 7252 §4–5), for both roles:
/// <code>
///   transport ──datagram──▶ OnDatagram ─┬─ Empty: ping → RST, ACK/RST → pending transmissions
///                                        ├─ request: dedup → validate → ICoapRequestHandler
///                                        └─ response: ACK if CON → match token → ClientExchange
/// </code>
/// Per-datagram work on the server path allocates nothing. State is bounded: deduplication
/// entries, peers, concurrent requests.
/// </summary>
internal sealed partial class CoapEndpoint : IDatagramReceiver, IExchangeOwner, IAsyncDisposable
{
    /// <summary>The per-thread send buffer: no message this endpoint originates may exceed it.</summary>
    internal const int SendBufferSize = 65_536;

    [ThreadStatic]
    private static byte[]? t_sendBuffer;

    private readonly ICoapTransport _transport;
    private readonly CoapMessagingOptions _options;
    private readonly CoapOptionRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CoapMetrics _metrics;
    private readonly DeduplicationCache _deduplication;
    private readonly PeerTable _peers;
    private readonly CancellationTokenSource _stopping = new();

    public CoapEndpoint(
        ICoapTransport transport,
        CoapMessagingOptions options,
        CoapMetrics metrics,
        ILogger logger,
        TimeProvider? timeProvider = null,
        CoapOptionRegistry? registry = null)
    {
        options.Validate();
        _transport = transport;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _registry = registry ?? CoapOptionRegistry.Default;
        var frequency = _time.TimestampFrequency;
        _deduplication = new DeduplicationCache(options.DeduplicationCapacity, options.DeduplicationSlotSize, options.ExchangeLifetime, options.NonLifetime, frequency);
        _deduplication.EvictedEarly += OnDeduplicationEvicted;
        _peers = new PeerTable(options.MaxPeers, (long)(options.ExchangeLifetime.TotalSeconds * frequency));
        _supportedOptions = SupportedOptions.CreateDefault(_registry);
    }

    public ICoapTransport Transport => _transport;

    public CoapMessagingOptions Options => _options;

    /// <summary>The clock timers and pacing use (block-wise transfers pace with it).</summary>
    public TimeProvider Time => _time;

    /// <summary>The endpoint's logger, for the transfers that run beside it.</summary>
    public ILogger Logger => _logger;

    internal DeduplicationCache Deduplication => _deduplication;

    internal PeerTable Peers => _peers;

    /// <summary>Starts receiving. A handler makes this endpoint a server as well as a client.</summary>
    public void Start(ICoapRequestHandler? handler)
    {
        _handler = handler;
        StartInboundTransfers();
        if (Oscore is not null)
        {
            // Passes validation only on the outer block-wise path, where a fragmented protected request is reassembled first.
            _supportedOptions.Add(CoapOptionNumber.Oscore);
        }

        _transport.Start(this);
    }

    public void OnDatagram(ReadOnlySpan<byte> datagram, in PeerAddress remote, in DatagramInfo info)
    {
        if (info.IsMulticast)
        {
            // Group communication: no Reset, no ACK, requests only (CoapEndpoint.ServerMulticast.cs).
            OnMulticastDatagram(datagram, remote, info);
            return;
        }

        var status = CoapMessageReader.TryRead(datagram, out var message);
        if (status != CoapFormatError.None)
        {
            RejectMalformed(datagram, status, remote);
            return;
        }

        var code = message.Code;
        if (code.IsEmpty)
        {
            OnEmptyMessage(message, remote);
        }
        else if (code.IsRequest)
        {
            OnRequest(datagram, message, remote, info);
        }
        else if (code.IsResponse)
        {
            OnResponse(message, remote);
        }
        else
        {
            // Reserved classes 1, 6, 7: the message cannot be processed (RFC 7252 §4.2, §4.3).
            RejectUnprocessable(message.Type, message.Code, message.MessageId, remote);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        Observations?.RemoveEndpoint(this);
        await _transport.DisposeAsync().ConfigureAwait(false);
        FailAllExchanges(new ObjectDisposedException(nameof(CoapEndpoint)));
        StopAllTransmissions();
        StopInboundTransfers();
        _stopping.Dispose();
    }

    private long Now => _time.GetTimestamp();

    private static byte[] SendBuffer => t_sendBuffer ??= GC.AllocateUninitializedArray<byte>(SendBufferSize);

    private void SendEmpty(CoapMessageType type, ushort messageId, in PeerAddress remote)
    {
        Span<byte> empty = stackalloc byte[CoapHeader.Size];
        WriteEmpty(empty, type, messageId);
        _transport.Send(empty, remote);
    }

    private static void WriteEmpty(Span<byte> destination, CoapMessageType type, ushort messageId)
    {
        var writer = new CoapMessageWriter(destination);
        writer.WriteHeader(type, CoapCode.Empty, messageId, default);
    }

    private void OnDeduplicationEvicted(bool first)
    {
        _metrics.DeduplicationEvicted();
        if (first)
        {
            CoapLog.DeduplicationFull(_logger, _deduplication.Capacity);
        }
    }
}
