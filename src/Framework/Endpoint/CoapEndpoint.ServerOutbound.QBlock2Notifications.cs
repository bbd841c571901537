using Coap.BlockWise.Outbound;
using Coap.Codec;
using Coap.Observe;
using Coap.Transport;

namespace Coap.Endpoint;

/// <summary>
/// Q-Block2 notifications (RFC 9177 §4.4, Figures 8, 9, 19) and the paced senders behind every Q-Block2 body: sending
/// their payloads, tracking them for 'Continue', superseding a body with a newer notification's (QB-40).
/// </summary>
internal sealed partial class CoapEndpoint : IQBlock2Transport
{
    private readonly Lock _qblockGate = new();
    private readonly Dictionary<(PeerAddress Peer, OutboundBody Body), QBlock2Sender> _qblockSenders = [];

    /// <summary>Draws NON_TIMEOUT_RANDOM (replaceable for tests).</summary>
    internal Random QBlockRandom { get; set; } = Random.Shared;

    /// <summary>Senders still pacing a whole body (they take 'Continue').</summary>
    internal int ActiveQBlock2Transfers
    {
        get
        {
            lock (_qblockGate)
            {
                return _qblockSenders.Count;
            }
        }
    }

    /// <summary>
    /// Starts sending a Q-Block2 notification body to one observer (Figures 8, 9, 19): every payload carries the
    /// notification's Observe value (QB-41); returns the first payload's message ID. </summary>
    internal ushort SendQBlock2Notification(in PeerAddress peer, byte[] token, NotificationBlocks blocks, uint sequence, bool confirmable)
    {
        var options = blocks.QBlock!;
        var count = blocks.Body.CountBlocks(16 << blocks.SizeExponent);
        var type = confirmable ? CoapMessageType.Confirmable : CoapMessageType.NonConfirmable;
        var sender = new QBlock2Sender(this, _time, peer, token, blocks.Body, blocks.SizeExponent, sequence & 0xFF_FFFF, type,
            options.MaxPayloads, DrawPause(options), Enumerable.Range(0, count).ToArray());
        QBlockBodies.Put(peer, blocks.RequestKey, blocks.RequestHash, blocks.Body);
        Register(sender);
        sender.Start(firstAlreadySent: false);
        return sender.FirstMessageId;
    }

    ushort IQBlock2Transport.SendPayload(QBlock2Sender sender, CoapResponseWriter response)
    {
        var messageId = NextMessageId(sender.Peer);
        var buffer = SendBuffer;
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(sender.Type, response.Code, messageId, sender.Token);
        response.WriteBody(ref writer);
        var encoded = buffer.AsSpan(0, writer.BytesWritten);
        _metrics.Response(response.Code);
        if (sender.Type == CoapMessageType.Confirmable)
        {
            Transmit(new QBlock2PayloadTransmission(sender, messageId, encoded.ToArray()));
        }
        else
        {
            _transport.Send(encoded, sender.Peer);
        }

        return messageId;
    }

    bool IQBlock2Transport.Stopping => _stopping.IsCancellationRequested;

    /// <summary>
    /// A finished sender stays registered for NON_PARTIAL_TIMEOUT: a late 'Continue' still gets its set with the
    /// original token and Observe (Figure 11); <see cref="Register"/> prunes it.
    /// </summary>
    void IQBlock2Transport.OnFinished(QBlock2Sender sender) => sender.FinishedAt = Now;

    /// <summary>
    /// Tracks a whole-body sender for 'Continue'. A new body on the same token supersedes the previous one (a newer
    /// notification, QB-40), whose pacing stops; senders finished longer than NON_PARTIAL_TIMEOUT ago are dropped.
    /// </summary>
    private void Register(QBlock2Sender sender)
    {
        List<QBlock2Sender>? superseded = null;
        var now = Now;
        var keep = (long)(BlockWise.QBlock.NonPartialTimeout.TotalSeconds * _time.TimestampFrequency);
        lock (_qblockGate)
        {
            foreach (var (key, other) in _qblockSenders)
            {
                var sameObservation = other.Peer.Equals(sender.Peer) && other.Token.AsSpan().SequenceEqual(sender.Token);
                var stale = other.FinishedAt != 0 && now - other.FinishedAt > keep;
                if (sameObservation || stale)
                {
                    (superseded ??= []).Add(other);
                }
            }

            foreach (var other in superseded ?? [])
            {
                _qblockSenders.Remove((other.Peer, other.Body));
            }

            // Bounded per peer (MaxTransfersPerPeer): finished senders make room first, then the others.
            var ofPeer = _qblockSenders.Values.Where(other => other.Peer.Equals(sender.Peer)).OrderBy(other => other.FinishedAt == 0).ToList();
            for (var i = 0; i <= ofPeer.Count - BlockWise.MaxTransfersPerPeer; i++)
            {
                _qblockSenders.Remove((ofPeer[i].Peer, ofPeer[i].Body));
                (superseded ??= []).Add(ofPeer[i]);
            }

            _qblockSenders[(sender.Peer, sender.Body)] = sender;
        }

        foreach (var other in superseded ?? [])
        {
            other.Stop();
        }
    }

    /// <summary>A running whole-body sender to this peer waiting to send the set a 'Continue' asks for.</summary>
    private QBlock2Sender? FindContinuable(in PeerAddress peer, CoapBlock requested)
    {
        QBlock2Sender? found = null;
        lock (_qblockGate)
        {
            foreach (var sender in _qblockSenders.Values)
            {
                if (sender.Peer.Equals(peer) && sender.FinishedAt == 0 && sender.NextBlock == QBlock2Requests.ToBlockNumber(requested, sender.SizeExponent))
                {
                    found = sender;
                }
            }
        }

        return found;
    }

    /// <summary>NON_TIMEOUT_RANDOM: uniform in [NON_TIMEOUT, NON_TIMEOUT × 1.5], drawn once per body (RFC 9177 §7.2).</summary>
    private TimeSpan DrawPause(CoapQBlockOptions options)
    {
        double fraction;
        lock (QBlockRandom)
        {
            fraction = QBlockRandom.NextDouble();
        }

        return options.NonTimeout + ((options.NonTimeoutRandomMax - options.NonTimeout) * fraction);
    }
}
