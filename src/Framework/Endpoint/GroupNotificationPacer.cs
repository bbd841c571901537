using System.Net;
using Coap.Diagnostics;
using Coap.Observe;
using Microsoft.Extensions.Logging;

namespace Coap.Endpoint;

/// <summary>
/// Serialises the Leisure of notifications per CoAP group (groupcomm-bis §3.7, GC-LEI-04): "a new leisure period
/// starts at the earliest after the previous one finishes", or a burst of changes to several resources would have
/// every member answer within one Leisure again. One notification per slot:
/// <code>
///   slot: start ──(U[0, Leisure))──▶ send ──▶ … ──▶ end (start + Leisure) ──▶ next queued one starts a slot
/// </code>
/// Each observation has at most one notification waiting; a newer one replaces it in place. Slots of different
/// group addresses run independently. Nothing is sent once the endpoint stops.
/// </summary>
internal sealed class GroupNotificationPacer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, Slot> _slots = [];
    private readonly Dictionary<ObserveRegistration, PacedNotification> _pending = [];
    private readonly TimeProvider _time;
    private readonly Func<double> _draw;
    private readonly Action<PacedNotification> _send;
    private readonly ILogger _logger;
    private readonly CoapMetrics _metrics;
    private bool _stopped;

    /// <param name="time">The clock the slots run on.</param>
    /// <param name="draw">A uniform draw in [0, 1), the fraction of the Leisure a slot's notification waits.</param>
    /// <param name="send">Sends a notification whose time came (outside the pacer's lock).</param>
    /// <param name="logger">Where the waits are logged.</param>
    /// <param name="metrics">Counts the delayed notifications.</param>
    /// <param name="stopping">Cancelled when the endpoint stops: the timers go, nothing more is sent.</param>
    public GroupNotificationPacer(TimeProvider time, Func<double> draw, Action<PacedNotification> send, ILogger logger, CoapMetrics metrics, CancellationToken stopping)
    {
        _time = time;
        _draw = draw;
        _send = send;
        _logger = logger;
        _metrics = metrics;
        stopping.UnsafeRegister(static s => ((GroupNotificationPacer)s!).Stop(), this);
    }

    /// <summary>Sends the notification in the group's next free slot, or in place of its observation's waiting one.</summary>
    public void Enqueue(PacedNotification notification, IPAddress group, TimeSpan leisure)
    {
        PacedNotification? due;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            var peer = new PeerAddressText(notification.Registration.Peer);
            if (_pending.TryGetValue(notification.Registration, out var waiting))
            {
                waiting.Supersede(notification);
                _metrics.GroupNotificationDelayed();
                CoapLog.GroupNotificationSuperseded(_logger, peer, group);
                return;
            }

            if (!_slots.TryGetValue(group, out var slot))
            {
                slot = new Slot(this, group, leisure);
                _slots.Add(group, slot);
            }

            if (slot.Running)
            {
                _pending.Add(notification.Registration, notification);
                slot.Waiting.Enqueue(notification);
                _metrics.GroupNotificationDelayed();
                CoapLog.GroupNotificationWaits(_logger, peer, group, slot.Waiting.Count);
                return;
            }

            due = StartLocked(slot, notification);
        }

        if (due is not null)
        {
            _send(due);
        }
    }

    /// <summary>Drops what waits and releases the timers; later notifications are ignored.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var slot in _slots.Values)
            {
                slot.Timer?.Dispose();
                slot.Timer = null;
            }

            _slots.Clear();
            _pending.Clear();
        }
    }

    /// <summary>Starts a slot for the notification; returns it when its draw is zero (the caller sends it at once).</summary>
    private PacedNotification? StartLocked(Slot slot, PacedNotification notification)
    {
        slot.Running = true;
        var delay = slot.Leisure * _draw();
        if (delay <= TimeSpan.Zero)
        {
            _pending.Remove(notification.Registration);
            Arm(slot, slot.Leisure);
            return notification;
        }

        _pending[notification.Registration] = notification;
        slot.Current = notification;
        slot.Remaining = slot.Leisure - delay;
        Arm(slot, delay);
        _metrics.GroupNotificationDelayed();
        CoapLog.GroupNotificationScheduled(_logger, new PeerAddressText(notification.Registration.Peer), delay, slot.Group);
        return null;
    }

    private void Arm(Slot slot, TimeSpan due)
    {
        if (slot.Timer is { } timer)
        {
            timer.Change(due, Timeout.InfiniteTimeSpan);
            return;
        }

        slot.Timer = _time.CreateTimer(static s => ((Slot)s!).Owner.OnTimer((Slot)s!), slot, due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The slot's notification is due (then the timer waits out the rest of the slot), or the slot ended.</summary>
    private void OnTimer(Slot slot)
    {
        PacedNotification? due = null;
        lock (_gate)
        {
            if (_stopped || slot.Timer is null)
            {
                return;
            }

            if (slot.Current is { } current)
            {
                slot.Current = null;
                _pending.Remove(current.Registration);
                due = Keep(current, slot.Group);
                Arm(slot, slot.Remaining);
            }
            else
            {
                due = StartNextLocked(slot);
            }
        }

        if (due is not null)
        {
            _send(due);
        }
    }

    /// <summary>Starts a slot for the first queued notification still wanted; frees the group's state when none waits.</summary>
    private PacedNotification? StartNextLocked(Slot slot)
    {
        while (slot.Waiting.TryDequeue(out var next))
        {
            if (Keep(next, slot.Group) is null)
            {
                // Its observation ended while it waited: it takes no slot.
                _pending.Remove(next.Registration);
                continue;
            }

            return StartLocked(slot, next);
        }

        slot.Running = false;
        slot.Timer?.Dispose();
        slot.Timer = null;
        _slots.Remove(slot.Group);
        return null;
    }

    private PacedNotification? Keep(PacedNotification notification, IPAddress group)
    {
        if (!notification.Obsolete)
        {
            return notification;
        }

        CoapLog.GroupNotificationDropped(_logger, new PeerAddressText(notification.Registration.Peer), group);
        return null;
    }

    /// <summary>One group address's Leisure slots: the running slot's notification and those queued behind it.</summary>
    private sealed class Slot(GroupNotificationPacer owner, IPAddress group, TimeSpan leisure)
    {
        public GroupNotificationPacer Owner { get; } = owner;

        public IPAddress Group { get; } = group;

        public TimeSpan Leisure { get; } = leisure;

        public Queue<PacedNotification> Waiting { get; } = new();

        /// <summary>A slot runs: later notifications queue.</summary>
        public bool Running { get; set; }

        /// <summary>The running slot's notification, until its drawn time comes.</summary>
        public PacedNotification? Current { get; set; }

        /// <summary>From the notification's send time to the slot's end.</summary>
        public TimeSpan Remaining { get; set; }

        public ITimer? Timer { get; set; }
    }
}
