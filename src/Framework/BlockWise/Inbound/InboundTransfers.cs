using System.Buffers;
using Coap.Diagnostics;
using Coap.Transport;
using Microsoft.Extensions.Logging;

namespace Coap.BlockWise.Inbound;

/// <summary>
/// The partial request bodies of one server endpoint, keyed by peer and request identity. Bounded:
/// bytes overall and per peer (<see cref="CoapBlockWiseOptions.MaxReassemblyBytes"/>,
/// <see cref="CoapBlockWiseOptions.MaxReassemblyBytesPerPeer"/>), transfers per peer, and time (an idle
/// body is dropped after <see cref="CoapBlockWiseOptions.ReassemblyTimeout"/>, or NON_PARTIAL_TIMEOUT
/// for Q-Block1). Buffers come from <see cref="ArrayPool{T}.Shared"/>; a finished body is handed to
/// the request context, which returns it when it is recycled.
/// </summary>
internal sealed partial class InboundTransfers : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<InboundTransferKey, InboundTransfer> _transfers = [];
    private readonly Dictionary<PeerAddress, PeerUsage> _peers = [];
    private readonly Dictionary<(PeerAddress Peer, ushort MessageId), InboundTransfer> _missingRequests = [];
    private readonly Queue<InboundTransfer> _finished = new();
    private readonly CoapBlockWiseOptions _options;
    private readonly TimeProvider _time;
    private readonly IInboundTransferSender _sender;
    private readonly ILogger _logger;
    private long _reservedBytes;
    private bool _disposed;

    public InboundTransfers(CoapBlockWiseOptions options, TimeProvider time, IInboundTransferSender sender, ILogger logger)
    {
        _options = options;
        _time = time;
        _sender = sender;
        _logger = logger;
    }

    /// <summary>Partial bodies held (finished Q-Block1 bodies kept to absorb late duplicates are not counted).</summary>
    public int ActiveCount
    {
        get
        {
            lock (_gate)
            {
                return _transfers.Values.Count(t => !t.Completed);
            }
        }
    }

    /// <summary>Bytes held by partial bodies.</summary>
    public long ReservedBytes
    {
        get
        {
            lock (_gate)
            {
                return _reservedBytes;
            }
        }
    }

    /// <summary>A Reset answering one of the NON 4.08s drops that body (RFC 9177 §4.3, QB-22). Returns whether it did.</summary>
    public bool OnReset(in PeerAddress peer, ushort messageId)
    {
        lock (_gate)
        {
            if (!_missingRequests.Remove((peer, messageId), out var transfer))
            {
                return false;
            }

            transfer.MissingMessageId = null;
            CoapLog.InboundTransferAbandoned(_logger, new PeerAddressText(peer));
            Remove(transfer);
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var transfer in _transfers.Values)
            {
                transfer.Timer?.Dispose();
                transfer.ReleaseBuffer();
            }

            _transfers.Clear();
            _peers.Clear();
            _missingRequests.Clear();
            _finished.Clear();
            _reservedBytes = 0;
        }
    }

    private long Now => _time.GetTimestamp();

    private long Ticks(TimeSpan span) => (long)Math.Min(span.TotalSeconds * _time.TimestampFrequency, long.MaxValue / 4);

    /// <summary>The transfer for a key, if its identity matches; <paramref name="conflict"/> when another request holds the key.</summary>
    private InboundTransfer? Find(in InboundTransferKey key, ReadOnlySpan<byte> identity, out bool conflict)
    {
        conflict = false;
        if (!_transfers.TryGetValue(key, out var transfer))
        {
            return null;
        }

        if (!identity.SequenceEqual(transfer.Identity))
        {
            conflict = true;
            return null;
        }

        return transfer;
    }

    /// <summary>Starts a transfer if the peer may have another one.</summary>
    private InboundTransfer? TryStart(in InboundTransferKey key, ReadOnlySpan<byte> identity, bool isQBlock)
    {
        ref var usage = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_peers, key.Peer, out _);
        if (usage.Transfers >= _options.MaxTransfersPerPeer)
        {
            CoapLog.InboundTransferRefused(_logger, new PeerAddressText(key.Peer), "MaxTransfersPerPeer");
            return null;
        }

        usage.Transfers++;
        var transfer = new InboundTransfer(key, identity.ToArray(), isQBlock);
        _transfers[key] = transfer;
        transfer.Timer = _time.CreateTimer(static state => ((TimerState)state!).Fire(), new TimerState(this, transfer), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        CoapLog.InboundTransferStarted(_logger, new PeerAddressText(key.Peer), isQBlock ? "Q-Block1" : "Block1");
        return transfer;
    }

    /// <summary>Makes the buffer hold at least <paramref name="needed"/> bytes (suggesting <paramref name="preferred"/>), within the budgets.</summary>
    private bool TryGrow(InboundTransfer transfer, int needed, int preferred)
    {
        if (transfer.Buffer is { } current && current.Length >= needed)
        {
            return true;
        }

        var size = Math.Min(_options.MaxBodySize, Math.Max(needed, preferred));
        var extra = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        var delta = extra.Length - transfer.Reserved;
        var usage = _peers.GetValueOrDefault(transfer.Peer);
        if (_reservedBytes + delta > _options.MaxReassemblyBytes || usage.Bytes + delta > _options.MaxReassemblyBytesPerPeer)
        {
            ArrayPool<byte>.Shared.Return(extra);
            CoapLog.InboundTransferRefused(_logger, new PeerAddressText(transfer.Peer), "MaxReassemblyBytes");
            return false;
        }

        if (transfer.Buffer is { } old)
        {
            old.AsSpan(0, Math.Min(old.Length, transfer.Length)).CopyTo(extra);
            transfer.ReleaseBuffer();
        }

        transfer.Buffer = extra;
        transfer.Reserved = extra.Length;
        _reservedBytes += delta;
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_peers, transfer.Peer).Bytes += delta;
        return true;
    }

    /// <summary>Stops counting a transfer against the budgets (its body leaves with the handler, or is freed).</summary>
    private void Unaccount(InboundTransfer transfer)
    {
        if (transfer.Completed)
        {
            return;
        }

        transfer.Completed = true;
        _reservedBytes -= transfer.Reserved;
        ref var usage = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_peers, transfer.Peer);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref usage))
        {
            usage.Bytes -= transfer.Reserved;
            usage.Transfers--;
            if (usage.Transfers <= 0)
            {
                _peers.Remove(transfer.Peer);
            }
        }

        transfer.Reserved = 0;
    }

    /// <summary>Hands the body over (the caller now owns the buffer) and stops counting it.</summary>
    private byte[] TakeBody(InboundTransfer transfer)
    {
        var body = transfer.Buffer!;
        transfer.Buffer = null;
        Unaccount(transfer);
        return body;
    }

    /// <summary>Forgets a transfer and frees its buffer.</summary>
    private void Remove(InboundTransfer transfer)
    {
        Unaccount(transfer);
        transfer.ReleaseBuffer();
        transfer.Timer?.Dispose();
        transfer.Timer = null;
        if (transfer.MissingMessageId is { } id)
        {
            _missingRequests.Remove((transfer.Peer, id));
            transfer.MissingMessageId = null;
        }

        if (_transfers.TryGetValue(transfer.Key, out var current) && ReferenceEquals(current, transfer))
        {
            _transfers.Remove(transfer.Key);
        }
    }

    private void Schedule(InboundTransfer transfer)
    {
        var due = Math.Min(transfer.ExpiresAt, transfer.NextRequestAt) - Now;
        var delay = TimeSpan.FromSeconds(Math.Max(0, due) / (double)_time.TimestampFrequency);
        transfer.Timer?.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer(InboundTransfer transfer)
    {
        int[] missing;
        PeerAddress peer;
        byte[] token;
        lock (_gate)
        {
            if (_disposed || transfer.Timer is null)
            {
                return;
            }

            var now = Now;
            if (now >= transfer.ExpiresAt)
            {
                if (!transfer.Completed)
                {
                    CoapLog.InboundTransferExpired(_logger, new PeerAddressText(transfer.Peer));
                }

                Remove(transfer);
                return;
            }

            if (now < transfer.NextRequestAt)
            {
                Schedule(transfer);
                return;
            }

            var options = transfer.QOptions!;
            if (transfer.Retries >= options.NonMaxRetransmit)
            {
                // NON_MAX_RETRANSMIT 4.08s went unanswered: give the body up (RFC 9177 §7.2, QB-16, Figure 7).
                CoapLog.InboundTransferGivenUp(_logger, new PeerAddressText(transfer.Peer), transfer.Retries);
                Remove(transfer);
                return;
            }

            missing = transfer.CollectMissing(transfer.TotalBlocks, options.MaxPayloads);
            transfer.Retries++;
            transfer.NextRequestAt = now + (Ticks(options.NonReceiveTimeout) << transfer.Retries);
            Schedule(transfer);
            peer = transfer.Peer;
            token = transfer.LastToken;
        }

        if (missing.Length == 0)
        {
            return;
        }

        var messageId = _sender.SendMissingBlocks(peer, token, missing);
        CoapLog.MissingBlocksRequested(_logger, new PeerAddressText(peer), missing.Length, missing[0]);
        RememberMissingRequest(transfer, messageId);
    }

    /// <summary>Notes the message ID of a NON 4.08 so that a Reset answering it drops the body.</summary>
    public void RememberMissingRequest(InboundTransfer transfer, ushort messageId)
    {
        lock (_gate)
        {
            if (transfer.Timer is null || transfer.Completed)
            {
                return;
            }

            if (transfer.MissingMessageId is { } previous)
            {
                _missingRequests.Remove((transfer.Peer, previous));
            }

            transfer.MissingMessageId = messageId;
            _missingRequests[(transfer.Peer, messageId)] = transfer;
        }
    }

    private struct PeerUsage
    {
        public int Transfers;
        public long Bytes;
    }

    private sealed class TimerState(InboundTransfers owner, InboundTransfer transfer)
    {
        public void Fire() => owner.OnTimer(transfer);
    }
}
