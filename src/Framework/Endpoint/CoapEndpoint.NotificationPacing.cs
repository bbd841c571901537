using System.Diagnostics.CodeAnalysis;
using System.Net;
using Coap.Observe;

namespace Coap.Endpoint;

/// <summary>Notifications to observations registered by a group request, paced per group (groupcomm-bis §3.7).</summary>
internal sealed partial class CoapEndpoint
{
    private GroupNotificationPacer? _notificationPacer;

    /// <summary>Created on the first group-registered notification, so unicast-only endpoints have none.</summary>
    private GroupNotificationPacer NotificationPacer
    {
        get
        {
            if (Volatile.Read(ref _notificationPacer) is { } pacer)
            {
                return pacer;
            }

            var created = new GroupNotificationPacer(_time, () => LeisureRandom.NextDouble(), SendPaced, _logger, _metrics, _stopping.Token);
            if (Interlocked.CompareExchange(ref _notificationPacer, created, null) is { } raced)
            {
                created.Stop();
                return raced;
            }

            return created;
        }
    }

    /// <summary>Whether the registration's notifications wait a Leisure slot: it came via a group with a non-zero Leisure.</summary>
    private bool TryGetPacing(ObserveRegistration registration, [NotNullWhen(true)] out IPAddress? group, out TimeSpan leisure)
    {
        group = registration.GroupAddress;
        leisure = group is null ? TimeSpan.Zero : LeisureFor(group);
        return leisure > TimeSpan.Zero;
    }

    /// <summary>Sends a notification whose slot came: a final response, a confirmable transmission, or a NON datagram.</summary>
    private void SendPaced(PacedNotification notification)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        var registration = notification.Registration;
        if (notification.Final)
        {
            Transmit(new Exchanges.SeparateResponseTransmission(registration.Peer, notification.MessageId, notification.Datagram));
        }
        else if (notification.Confirmable)
        {
            registration.Owner.TransmitPaced(registration, notification.MessageId, notification.Datagram);
        }
        else
        {
            _transport.Send(notification.Datagram, registration.Peer);
        }
    }
}
