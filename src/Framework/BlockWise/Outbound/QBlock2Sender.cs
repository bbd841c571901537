using Coap.Transport;

namespace Coap.BlockWise.Outbound;

/// <summary>
/// Sends chosen blocks of one body with Q-Block2 (RFC 9177 §4.4, §7.2) to one peer on one token: MAX_PAYLOADS
/// back to back, then a pause of NON_TIMEOUT_RANDOM (drawn once per sender) before the next set, unless a
/// 'Continue' for the next set arrives first (QB-52, QB-44). Every payload carries ETag and Size2 (QB-32, QB-33),
/// and Observe when it is a notification (QB-41). All payloads have the type chosen at the start (QB-50); a CON
/// payload that is reset or never acknowledged ends the transfer (QB-43).
/// </summary>
internal sealed class QBlock2Sender
{
    private readonly Lock _gate = new();
    private readonly IQBlock2Transport _transport;
    private readonly TimeProvider _time;
    private readonly int[] _blocks;
    private readonly CoapResponseWriter _writer = new();
    private int _next;
    private ITimer? _timer;
    private bool _stopped;

    public QBlock2Sender(IQBlock2Transport transport, TimeProvider time, PeerAddress peer, byte[] token, OutboundBody body, int sizeExponent,
        uint? observe, CoapMessageType type, int maxPayloads, TimeSpan pause, int[] blocks)
    {
        _transport = transport;
        _time = time;
        Peer = peer;
        Token = token;
        Body = body;
        SizeExponent = sizeExponent;
        Observe = observe;
        Type = type;
        MaxPayloads = maxPayloads;
        Pause = pause;
        _blocks = blocks;
    }

    public PeerAddress Peer { get; }

    public byte[] Token { get; }

    public OutboundBody Body { get; }

    public int SizeExponent { get; }

    public uint? Observe { get; }

    public CoapMessageType Type { get; }

    public int MaxPayloads { get; }

    /// <summary>When the sender finished or was stopped (a timestamp; 0 while it runs). Set by the endpoint.</summary>
    public long FinishedAt { get; set; }

    /// <summary>The message ID of the first payload this sender sent (0 before).</summary>
    public ushort FirstMessageId { get; private set; }

    /// <summary>NON_TIMEOUT_RANDOM for this body.</summary>
    public TimeSpan Pause { get; }

    /// <summary>Every block has been sent, or the transfer was ended.</summary>
    public bool Finished
    {
        get
        {
            lock (_gate)
            {
                return _stopped || _next >= _blocks.Length;
            }
        }
    }

    /// <summary>The block the next set starts with, or −1 when none is left.</summary>
    public int NextBlock
    {
        get
        {
            lock (_gate)
            {
                return _next < _blocks.Length && !_stopped ? _blocks[_next] : -1;
            }
        }
    }

    /// <summary>Loads block <paramref name="number"/> into <paramref name="response"/> as this sender sends it.</summary>
    public void LoadBlock(CoapResponseWriter response, int number) =>
        Body.WriteBlock(response, CoapOptionNumber.QBlock2, number, SizeExponent, size2: true, Observe);

    /// <summary>
    /// Sends the first set. When <paramref name="firstAlreadySent"/>, the first block went as the response to the
    /// request (piggybacked or not) and the set goes on from the second.
    /// </summary>
    public void Start(bool firstAlreadySent)
    {
        lock (_gate)
        {
            if (firstAlreadySent)
            {
                _next = 1;
            }

            SendSetLocked(firstAlreadySent ? MaxPayloads - 1 : MaxPayloads);
        }
    }

    /// <summary>A 'Continue' (QB-44): when it asks for the set this sender sends next, that set goes now. Returns whether it did.</summary>
    public bool Continue(int number)
    {
        lock (_gate)
        {
            if (_stopped || _next >= _blocks.Length || _blocks[_next] != number)
            {
                return false;
            }

            _timer?.Dispose();
            _timer = null;
            SendSetLocked(MaxPayloads);
            return true;
        }
    }

    /// <summary>Ends the transfer: nothing more is sent.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _timer?.Dispose();
            _timer = null;
        }

        _transport.OnFinished(this);
    }

    private void SendSetLocked(int count)
    {
        if (_transport.Stopping)
        {
            // The endpoint is shutting down: nothing more goes out.
            _stopped = true;
            _transport.OnFinished(this);
            return;
        }

        for (var sent = 0; sent < count && _next < _blocks.Length && !_stopped; sent++)
        {
            LoadBlock(_writer, _blocks[_next++]);
            var messageId = _transport.SendPayload(this, _writer);
            if (FirstMessageId == 0)
            {
                FirstMessageId = messageId;
            }
        }

        if (_stopped)
        {
            return;
        }

        if (_next < _blocks.Length)
        {
            _timer = _time.CreateTimer(static s => ((QBlock2Sender)s!).OnPauseElapsed(), this, Pause, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _transport.OnFinished(this);
        }
    }

    private void OnPauseElapsed()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            if (!_stopped)
            {
                SendSetLocked(MaxPayloads);
            }
        }
    }
}

/// <summary>What a <see cref="QBlock2Sender"/> needs from the endpoint.</summary>
internal interface IQBlock2Transport
{
    /// <summary>Sends one payload loaded in <paramref name="response"/> with the sender's type, token and peer; returns its message ID.</summary>
    ushort SendPayload(QBlock2Sender sender, CoapResponseWriter response);

    /// <summary>The endpoint stops: senders end instead of sending their next set.</summary>
    bool Stopping { get; }

    /// <summary>The sender has nothing more to send.</summary>
    void OnFinished(QBlock2Sender sender);
}

/// <summary>A CON Q-Block2 payload: a reset or a give-up ends its body's transfer (RFC 9177 §4.4, QB-43).</summary>
internal sealed class QBlock2PayloadTransmission : Exchanges.OutgoingTransmission
{
    private readonly QBlock2Sender _sender;

    public QBlock2PayloadTransmission(QBlock2Sender sender, ushort messageId, byte[] encoded)
        : base(sender.Peer)
    {
        _sender = sender;
        MessageId = messageId;
        Type = CoapMessageType.Confirmable;
        Encoded = encoded;
    }

    public override void OnAcknowledged() => Timer?.Dispose();

    public override void OnReset()
    {
        Timer?.Dispose();
        _sender.Stop();
    }

    public override void OnGaveUp()
    {
        Timer?.Dispose();
        _sender.Stop();
    }
}
