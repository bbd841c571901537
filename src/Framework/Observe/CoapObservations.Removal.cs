using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Observe;

namespace Coap;

public sealed partial class CoapObservations
{
    /// <summary>A RST that matched no transmission: it may reject a non-confirmable notification (RFC 7641 §3.6).</summary>
    internal bool OnReset(CoapEndpoint endpoint, in Messaging.ExchangeKey key)
    {
        lock (_gate)
        {
            if (!_nonConfirmable.TryGetValue((endpoint, key), out var member))
            {
                return false;
            }

            RemoveLocked(member, RemovalReason.Reset);
            return true;
        }
    }

    /// <summary>A confirmable notification was acknowledged: the observer is alive.</summary>
    internal void OnConfirmed(NotificationTransmission transmission)
    {
        lock (_gate)
        {
            if (transmission.Registration.Outstanding == transmission)
            {
                transmission.Registration.Outstanding = null;
            }
        }
    }

    /// <summary>A confirmable notification was reset or never acknowledged (RFC 7641 §4.5).</summary>
    internal void OnRejected(ObserveRegistration registration, RemovalReason reason)
    {
        lock (_gate)
        {
            registration.Outstanding = null;
            RemoveLocked(registration, reason);
        }
    }

    /// <summary>Forgets every observer of an endpoint that stops.</summary>
    internal void RemoveEndpoint(CoapEndpoint endpoint)
    {
        lock (_gate)
        {
            var leaving = new List<ObserveRegistration>();
            foreach (var registration in _registrations.Values)
            {
                if (registration.Endpoint == endpoint)
                {
                    leaving.Add(registration);
                }
            }

            foreach (var registration in leaving)
            {
                RemoveLocked(registration, RemovalReason.Stopped);
            }
        }
    }

    private void Remove(in RegistrationKey key, RemovalReason reason)
    {
        lock (_gate)
        {
            if (_registrations.TryGetValue(key, out var registration))
            {
                RemoveLocked(registration, reason);
            }
        }
    }

    private void RemoveLocked(ObserveRegistration registration, RemovalReason reason)
    {
        if (registration.Removed)
        {
            return;
        }

        registration.Removed = true;
        _registrations.Remove(registration.Key);
        var peer = registration.Peer;
        var remaining = _perPeer.GetValueOrDefault(peer) - 1;
        if (remaining <= 0)
        {
            _perPeer.Remove(peer);
        }
        else
        {
            _perPeer[peer] = remaining;
        }

        ForgetNonConfirmable(registration);
        registration.Timer?.Dispose();
        registration.Timer = null;
        if (registration.Outstanding is { } outstanding)
        {
            // Nobody listens any more: stop retransmitting.
            registration.Outstanding = null;
            registration.Endpoint.CancelTransmission(outstanding);
        }

        LeaveGroup(registration);
        _metrics?.ObserverRemoved();
        CoapLog.ObserverRemoved(_logger, registration.Key.Path, new PeerAddressText(peer), reason);
    }

    /// <summary>Swap-removes the registration from its group; drops empty groups and resources.</summary>
    private void LeaveGroup(ObserveRegistration registration)
    {
        var group = registration.Group;
        var members = group.Members;
        var index = registration.GroupIndex;
        var last = members.Count - 1;
        if (index <= last && members[index] == registration)
        {
            members[index] = members[last];
            members[index].GroupIndex = index;
            members.RemoveAt(last);
        }

        if (members.Count > 0)
        {
            return;
        }

        group.Removed = true;
        var resource = group.Resource;
        resource.Groups.Remove(group);
        if (resource.Groups.Count == 0)
        {
            _resources.Remove(resource.Path);
        }
    }
}
