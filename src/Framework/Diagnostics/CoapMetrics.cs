using System.Diagnostics.Metrics;

namespace Coap.Diagnostics;

/// <summary>
/// The counters of one endpoint on the "Coap" meter. Tags are precomputed objects so that
/// counting never boxes or allocates.
/// </summary>
internal sealed partial class CoapMetrics : IDisposable
{
    public const string MeterName = "Coap";
    private static readonly object?[] s_codeTags = CreateCodeTags();

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _datagramsReceived;
    private readonly Counter<long> _datagramsSent;
    private readonly Counter<long> _sendFailures;
    private readonly Counter<long> _retransmissions;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _formatErrors;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _responses;
    private readonly Counter<long> _deduplicationEvictions;
    private readonly Counter<long> _transmissionTimeouts;
    private readonly UpDownCounter<long> _observers;
    private readonly Counter<long> _observeRefused;
    private readonly Counter<long> _notificationsRendered;
    private readonly Counter<long> _notificationsSent;

    public CoapMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _datagramsReceived = _meter.CreateCounter<long>("coap.datagrams.received", "{datagram}", "UDP datagrams received.");
        _datagramsSent = _meter.CreateCounter<long>("coap.datagrams.sent", "{datagram}", "UDP datagrams sent.");
        _sendFailures = _meter.CreateCounter<long>("coap.send.failures", "{datagram}", "Datagrams the socket refused to send.");
        _retransmissions = _meter.CreateCounter<long>("coap.retransmissions", "{message}", "Confirmable messages retransmitted.");
        _duplicates = _meter.CreateCounter<long>("coap.duplicates", "{message}", "Duplicate messages detected.");
        _formatErrors = _meter.CreateCounter<long>("coap.format_errors", "{message}", "Malformed messages rejected or dropped.");
        _requests = _meter.CreateCounter<long>("coap.requests", "{request}", "Requests received, by method code.");
        _responses = _meter.CreateCounter<long>("coap.responses", "{response}", "Responses sent, by response code.");
        _deduplicationEvictions = _meter.CreateCounter<long>("coap.deduplication.evictions", "{entry}", "Deduplication entries dropped before their lifetime because the cache was full.");
        _transmissionTimeouts = _meter.CreateCounter<long>("coap.transmission.timeouts", "{message}", "Confirmable messages given up after MAX_RETRANSMIT.");
        _observers = _meter.CreateUpDownCounter<long>("coap.observe.observers", "{observer}", "Observe registrations held by the server.");
        _observeRefused = _meter.CreateCounter<long>("coap.observe.refused", "{request}", "Observe registrations refused because a limit was reached.");
        _notificationsRendered = _meter.CreateCounter<long>("coap.observe.renderings", "{rendering}", "Observed resources rendered after a change (once per representation, not per observer).");
        _notificationsSent = _meter.CreateCounter<long>("coap.observe.notifications", "{notification}", "Notifications sent to observers.");
        CreateBlockWiseInstruments();
    }

    public Meter Meter => _meter;

    public void DatagramReceived() => _datagramsReceived.Add(1);

    public void DatagramSent() => _datagramsSent.Add(1);

    public void SendFailed() => _sendFailures.Add(1);

    public void Retransmitted() => _retransmissions.Add(1);

    public void Duplicate() => _duplicates.Add(1);

    public void FormatError() => _formatErrors.Add(1);

    public void DeduplicationEvicted() => _deduplicationEvictions.Add(1);

    public void TransmissionTimedOut() => _transmissionTimeouts.Add(1);

    public void ObserverAdded() => _observers.Add(1);

    public void ObserverRemoved() => _observers.Add(-1);

    public void ObserveRefused() => _observeRefused.Add(1);

    public void NotificationRendered() => _notificationsRendered.Add(1);

    public void NotificationSent() => _notificationsSent.Add(1);

    public void Request(CoapCode method)
    {
        if (_requests.Enabled)
        {
            _requests.Add(1, new KeyValuePair<string, object?>("coap.code", s_codeTags[method.Value]));
        }
    }

    public void Response(CoapCode code)
    {
        if (_responses.Enabled)
        {
            _responses.Add(1, new KeyValuePair<string, object?>("coap.code", s_codeTags[code.Value]));
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static object?[] CreateCodeTags()
    {
        var tags = new object?[256];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = new CoapCode((byte)i).ToString();
        }

        return tags;
    }
}
