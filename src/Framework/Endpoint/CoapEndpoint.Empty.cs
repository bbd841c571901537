using Coap.Codec;
using Coap.Diagnostics;
using Coap.Exchanges;
using Coap.Transport;

namespace Coap.Endpoint;

internal sealed partial class CoapEndpoint
{
    private readonly Lock _transmissionsGate = new();
    private readonly Dictionary<Messaging.ExchangeKey, OutgoingTransmission> _awaitingAck = [];

    /// <summary>Messages sent and not yet acknowledged, reset or given up.</summary>
    internal int AwaitingAcknowledgement
    {
        get
        {
            lock (_transmissionsGate)
            {
                return _awaitingAck.Count;
            }
        }
    }

    /// <summary>
    /// Malformed messages: a CON whose header can be read is rejected with RST; anything else,
    /// and messages of an unknown version, are dropped silently (RFC 7252 §3, §4.2, §4.3).
    /// </summary>
    private void RejectMalformed(ReadOnlySpan<byte> datagram, CoapFormatError error, in PeerAddress remote)
    {
        _metrics.FormatError();
        var readable = CoapHeader.TryPeek(datagram, out var header, out var version);
        if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
        {
            CoapLog.MalformedMessage(_logger, header.Type, new PeerAddressText(remote), error);
        }

        if (readable && version == CoapHeader.Version && header.Type == CoapMessageType.Confirmable)
        {
            SendEmpty(CoapMessageType.Reset, header.MessageId, remote);
        }
    }

    /// <summary>A message we cannot process: RST for CON, silence otherwise.</summary>
    private void RejectUnprocessable(CoapMessageType type, CoapCode code, ushort messageId, in PeerAddress remote)
    {
        CoapLog.Unmatched(_logger, type, code, messageId, new PeerAddressText(remote));
        if (type == CoapMessageType.Confirmable)
        {
            SendEmpty(CoapMessageType.Reset, messageId, remote);
        }
    }

    private void OnEmptyMessage(in CoapMessageView message, in PeerAddress remote)
    {
        switch (message.Type)
        {
            case CoapMessageType.Confirmable:
                // CoAP ping (RFC 7252 §4.3): answered with RST.
                SendEmpty(CoapMessageType.Reset, message.MessageId, remote);
                break;
            case CoapMessageType.Acknowledgement:
                TakeTransmission(new(remote, message.MessageId))?.OnAcknowledged();
                break;
            case CoapMessageType.Reset:
                var key = new Messaging.ExchangeKey(remote, message.MessageId);
                if (TakeTransmission(key) is { } transmission)
                {
                    transmission.OnReset();
                }
                else if (!TryResetInbound(remote, message.MessageId) && !TryResetTransfer(key))
                {
                    // It may reject a non-confirmable notification (RFC 7641 §3.6).
                    Observations?.OnReset(this, key);
                }

                break;
            default:
                // An empty NON means nothing (RFC 7252 §4.3): ignore it.
                break;
        }
    }

    private OutgoingTransmission? TakeTransmission(in Messaging.ExchangeKey key)
    {
        lock (_transmissionsGate)
        {
            return _awaitingAck.Remove(key, out var transmission) ? transmission : null;
        }
    }

    /// <summary>Sends a message and, for CON, retransmits it until acknowledged (RFC 7252 §4.2).</summary>
    private void Transmit(OutgoingTransmission transmission)
    {
        if (transmission.Type == CoapMessageType.Confirmable || transmission is ClientExchange)
        {
            lock (_transmissionsGate)
            {
                _awaitingAck[transmission.Key] = transmission;
            }
        }

        if (transmission.Type == CoapMessageType.Confirmable)
        {
            var factor = 1 + (Random.Shared.NextDouble() * (_options.AckRandomFactor - 1));
            transmission.CurrentTimeout = _options.AckTimeout * factor;
            ScheduleTimer(transmission, transmission.CurrentTimeout);
        }

        _transport.Send(transmission.Encoded, transmission.Peer);
    }

    /// <summary>The retransmission timer fired: resend with a doubled timeout, or give up.</summary>
    private bool Retransmit(OutgoingTransmission transmission)
    {
        var gaveUp = false;
        lock (_transmissionsGate)
        {
            if (!_awaitingAck.TryGetValue(transmission.Key, out var current) || current != transmission)
            {
                return false;
            }

            if (transmission.Retransmissions >= _options.MaxRetransmit)
            {
                _awaitingAck.Remove(transmission.Key);
                gaveUp = true;
            }
            else
            {
                transmission.Retransmissions++;
                transmission.CurrentTimeout *= 2;
            }
        }

        if (gaveUp)
        {
            _metrics.TransmissionTimedOut();
            CoapLog.TransmissionTimedOut(_logger, transmission.MessageId, new PeerAddressText(transmission.Peer), transmission.Retransmissions);
            transmission.OnGaveUp();
            return false;
        }

        _metrics.Retransmitted();
        CoapLog.Retransmitting(_logger, transmission.MessageId, new PeerAddressText(transmission.Peer), transmission.Retransmissions);
        ScheduleTimer(transmission, transmission.CurrentTimeout);
        _transport.Send(transmission.Encoded, transmission.Peer);
        return true;
    }

    /// <summary>Arms (or re-arms) a transmission's single timer.</summary>
    private void ScheduleTimer(OutgoingTransmission transmission, TimeSpan due)
    {
        if (transmission.Timer is { } timer)
        {
            timer.Change(due, Timeout.InfiniteTimeSpan);
            return;
        }

        transmission.Timer = _time.CreateTimer(
            static s =>
            {
                var (endpoint, t) = ((CoapEndpoint, OutgoingTransmission))s!;
                endpoint.OnTransmissionTimer(t);
            },
            (this, transmission),
            due,
            Timeout.InfiniteTimeSpan);
    }

    private void OnTransmissionTimer(OutgoingTransmission transmission)
    {
        if (transmission is ClientExchange exchange)
        {
            OnExchangeTimer(exchange);
        }
        else
        {
            Retransmit(transmission);
        }
    }

    /// <summary>On shutdown: stops every retransmission timer so nothing outlives the socket.</summary>
    private void StopAllTransmissions()
    {
        OutgoingTransmission[] pending;
        lock (_transmissionsGate)
        {
            pending = [.. _awaitingAck.Values];
            _awaitingAck.Clear();
        }

        foreach (var transmission in pending)
        {
            transmission.Timer?.Dispose();
        }
    }
}
