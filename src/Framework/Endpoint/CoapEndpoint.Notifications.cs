using Coap.Codec;
using Coap.Observe;
using Coap.Transport;

namespace Coap.Endpoint;

internal sealed partial class CoapEndpoint
{
    /// <summary>The server's observer list; null on a client-only endpoint.</summary>
    public CoapObservations? Observations { get; set; }

    /// <summary>A pooled context loaded with a stored registration, or null when the endpoint no longer serves.</summary>
    internal CoapContext? RentNotificationContext(byte[] request, in PeerAddress peer, in DatagramInfo info, CoapSecurityIdentity? security)
    {
        if (_handler is null || _stopping.IsCancellationRequested)
        {
            return null;
        }

        var context = _contexts.Rent();
        if (!context.InitializeForNotification(request, peer, info, _stopping.Token))
        {
            _contexts.Return(context);
            return null;
        }

        // The handler renders for the registrant as it did for the registration; the notification is protected per observer.
        context.SetSecurity(security, default, Oscore?.RequireOscore ?? false);
        ApplyApplicationGroup(context);
        return context;
    }

    internal void ReturnNotificationContext(CoapContext context) => _contexts.Return(context);

    /// <summary>Runs the handler to render a notification (the same handler that answered the registration).</summary>
    internal ValueTask RenderAsync(CoapContext context) =>
        _handler is { } handler ? handler.HandleAsync(context) : ValueTask.CompletedTask;

    /// <summary>Encodes and sends one notification; returns its message ID.</summary>
    internal ushort SendNotification(ObserveRegistration registration, NotificationRepresentation representation, uint sequence, uint maxAge, bool confirmable)
    {
        var messageId = NextMessageId(registration.Peer);
        var type = confirmable ? CoapMessageType.Confirmable : CoapMessageType.NonConfirmable;
        var buffer = SendBuffer;
        var length = representation.Write(buffer, type, messageId, registration.Token, sequence, maxAge);
        if (registration.Oscore.Context is not null && (length = ProtectNotification(buffer, length, registration.Oscore)) < 0)
        {
            // The context may not protect any more (logged): the observer hears nothing rather than plaintext.
            return messageId;
        }

        _metrics.Response(representation.Code);
        if (TryGetPacing(registration, out var group, out var leisure))
        {
            // Registered by a group request: it waits the group's next Leisure slot (groupcomm-bis §3.7, GC-LEI-04),
            // or every member would answer the change at once. CON ones too; their retransmissions do not (GC-LEI-05).
            var paced = new PacedNotification(registration, messageId, buffer.AsSpan(0, length).ToArray(), confirmable, final: false);
            NotificationPacer.Enqueue(paced, group, leisure);
            return messageId;
        }

        if (!confirmable)
        {
            _transport.Send(buffer.AsSpan(0, length), registration.Peer);
            return messageId;
        }

        TransmitNotification(registration, messageId, buffer.AsSpan(0, length).ToArray());
        return messageId;
    }

    /// <summary>Starts a confirmable notification's transmission; under the observations' lock.</summary>
    internal void TransmitNotification(ObserveRegistration registration, ushort messageId, byte[] datagram)
    {
        var transmission = new NotificationTransmission(registration, messageId, datagram);
        if (registration.Outstanding is { } previous)
        {
            // RFC 7641 §4.5.2: the new state replaces the one still in transit, keeping its back-off.
            TakeOver(transmission, previous);
        }
        else
        {
            Transmit(transmission);
        }

        registration.Outstanding = transmission;
    }

    /// <summary>
    /// Sends a final, error response to an observer (no Observe option): the observation ends. It goes confirmable,
    /// so the observer learns of the end even on a lossy path; a notification still in transit is superseded.
    /// </summary>
    internal void SendFinalNotification(ObserveRegistration registration, NotificationRepresentation representation)
    {
        var buffer = SendBuffer;
        var messageId = NextMessageId(registration.Peer);
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, representation.Code, messageId, registration.Token);
        var length = writer.BytesWritten;
        representation.CompleteBody.CopyTo(buffer.AsSpan(length));
        length += representation.CompleteBody.Length;
        if (registration.Oscore.Context is not null && (length = ProtectNotification(buffer, length, registration.Oscore)) < 0)
        {
            return;
        }

        _metrics.Response(representation.Code);
        if (registration.Outstanding is { } previous)
        {
            CancelTransmission(previous);
            registration.Outstanding = null;
        }

        var datagram = buffer.AsSpan(0, length).ToArray();
        if (TryGetPacing(registration, out var group, out var leisure))
        {
            // The end of a group-registered observation waits its slot as well, in place of a notification still waiting.
            NotificationPacer.Enqueue(new PacedNotification(registration, messageId, datagram, confirmable: true, final: true), group, leisure);
            return;
        }

        Transmit(new Exchanges.SeparateResponseTransmission(registration.Peer, messageId, datagram));
    }

    /// <summary>Stops retransmitting a message nobody needs any more.</summary>
    internal void CancelTransmission(Exchanges.OutgoingTransmission transmission)
    {
        lock (_transmissionsGate)
        {
            if (_awaitingAck.TryGetValue(transmission.Key, out var current) && current == transmission)
            {
                _awaitingAck.Remove(transmission.Key);
            }
        }

        transmission.Timer?.Dispose();
    }

    /// <summary>Sends <paramref name="next"/> in place of <paramref name="previous"/>, inheriting its retransmission count and timeout.</summary>
    private void TakeOver(Exchanges.OutgoingTransmission next, Exchanges.OutgoingTransmission previous)
    {
        CancelTransmission(previous);
        next.Retransmissions = previous.Retransmissions;
        next.CurrentTimeout = previous.CurrentTimeout;
        lock (_transmissionsGate)
        {
            _awaitingAck[next.Key] = next;
        }

        ScheduleTimer(next, next.CurrentTimeout);
        _transport.Send(next.Encoded, next.Peer);
    }
}
