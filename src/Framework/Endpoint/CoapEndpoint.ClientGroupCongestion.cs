using Coap.Diagnostics;
using Coap.Exchanges;
using Coap.Transport;

namespace Coap.Endpoint;

/// <summary>
/// Congestion control for group requests (draft-ietf-core-groupcomm-bis §3.6): NSTART counts the open requests per
/// CoAP group (multicast address and port), and a group that answered nothing since the last transmission gets no
/// more than PROBING_RATE bytes per second on average.
/// <code>
///   StartGroupExchange ─▶ NSTART place free? ─no─▶ Waiting (FIFO, bounded) ─▶ place released ─┐
///                                 └─yes─────────────────────────────────────────────────────┤
///                         ┌─────────────────────────────────────────────────────────────────┘
///                         ▼
///   LaunchGroupRequest ─▶ group silent since last send? ─yes─▶ Paced until bytes/rate paid (a response ends the wait)
///                                 └─no─▶ send; deadline, repeats, and the place back after MaxServerResponseDelay
/// </code>
/// A request gives its place back when it ends or once MaxServerResponseDelay has passed since it last went out: the
/// members have answered by then, and a group observation, which never ends by itself, must not block the group.
/// </summary>
internal sealed partial class CoapEndpoint
{
    /// <summary>Per-group congestion state. Guarded by <see cref="_exchangesGate"/>.</summary>
    private readonly Dictionary<PeerAddress, GroupTraffic> _groupTraffic = [];

    /// <summary>The group's state, created as needed; idle entries are dropped when the table grows. Call under <see cref="_exchangesGate"/>.</summary>
    private GroupTraffic GroupTrafficFor(in PeerAddress group, GroupParameters parameters, int bound)
    {
        if (_groupTraffic.TryGetValue(group, out var traffic))
        {
            return traffic;
        }

        if (_groupTraffic.Count >= bound)
        {
            var now = Now;
            foreach (var (key, candidate) in _groupTraffic)
            {
                if (candidate.IsIdle(now, _time.TimestampFrequency))
                {
                    _groupTraffic.Remove(key);
                }
            }
        }

        traffic = new GroupTraffic(parameters);
        _groupTraffic.Add(group, traffic);
        return traffic;
    }

    /// <summary>Sends a group request that holds its NSTART place, now or once the probing rate allows.</summary>
    private void LaunchGroupRequest(GroupExchange exchange)
    {
        lock (_exchangesGate)
        {
            if (!IsActive(exchange) || exchange.Launched)
            {
                // Ended, or already sent when a response ended its wait before its pacing timer fired.
                return;
            }

            var traffic = exchange.Traffic;
            traffic.Paced.Remove(exchange);
            var now = Now;
            var earliest = traffic.EarliestSend(now, _time.TimestampFrequency);
            if (earliest > now)
            {
                var wait = _time.GetElapsedTime(now, earliest);
                traffic.Paced.Add(exchange);
                _metrics.GroupRequestWaited(GroupWait.ProbingRate);
                CoapLog.GroupRequestPaced(_logger, exchange.Method, new PeerAddressText(exchange.Group), wait, traffic.Parameters.ProbingRate);
                if (exchange.Pacer is { } pacer)
                {
                    pacer.Change(wait, Timeout.InfiniteTimeSpan);
                }
                else
                {
                    exchange.Pacer = _time.CreateTimer(static s => { var (e, x) = ((CoapEndpoint, GroupExchange))s!; e.LaunchGroupRequest(x); }, (this, exchange), wait, Timeout.InfiniteTimeSpan);
                }

                return;
            }

            exchange.Launched = true;
        }

        SendGroupRequest(exchange);
        CoapLog.GroupRequestSent(_logger, exchange.Method, new PeerAddressText(exchange.Group), exchange.Timeout);
        var state = (this, exchange);
        exchange.Deadline = _time.CreateTimer(static s => { var (e, x) = ((CoapEndpoint, GroupExchange))s!; e.EndGroupExchange(x); }, state, exchange.Timeout, Timeout.InfiniteTimeSpan);
        exchange.SlotRelease = _time.CreateTimer(static s => { var (e, x) = ((CoapEndpoint, GroupExchange))s!; e.ReleaseGroupSlot(x); }, state, exchange.Traffic.Parameters.MaxServerResponseDelay, Timeout.InfiniteTimeSpan);
        if (exchange.RepeatsLeft > 0)
        {
            exchange.Repeater = _time.CreateTimer(static s => { var (e, x) = ((CoapEndpoint, GroupExchange))s!; e.RepeatGroupRequest(x); }, state, exchange.RepeatInterval, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Gives the request's NSTART place to the next waiting request of its group, if it still holds one.</summary>
    private void ReleaseGroupSlot(GroupExchange exchange)
    {
        GroupExchange? next = null;
        lock (_exchangesGate)
        {
            if (!exchange.HoldsSlot)
            {
                return;
            }

            exchange.HoldsSlot = false;
            var traffic = exchange.Traffic;
            // Ended requests leave the queue as they end (EndGroupExchange): the first waiting one is active.
            if (traffic.Waiting.TryDequeue(out next))
            {
                next.HoldsSlot = true;
            }
            else
            {
                traffic.Holding--;
            }
        }

        if (next is not null)
        {
            LaunchGroupRequest(next);
        }
    }

    /// <summary>A member answered: the group is alive, so requests waiting for the probing rate go now.</summary>
    private void OnGroupAnswered(GroupTraffic traffic)
    {
        if (Volatile.Read(ref traffic.Answered))
        {
            return;
        }

        GroupExchange[] released;
        lock (_exchangesGate)
        {
            if (traffic.Answered)
            {
                return;
            }

            traffic.Answered = true;
            released = [.. traffic.Paced];
        }

        foreach (var exchange in released)
        {
            LaunchGroupRequest(exchange);
        }
    }
}
