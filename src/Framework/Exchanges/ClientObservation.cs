using System.Threading.Channels;
using Coap.Transport;

namespace Coap.Exchanges;

/// <summary>
/// One observation made by the client (RFC 7641): its token stays registered while it lasts, and
/// the registration response and every notification for it pass the ordering check (§3.4) into a
/// bounded buffer that drops the oldest entry when the consumer lags (the newest state matters).
/// A silence timer, re-armed by each fresh notification, asks the owner to register again once
/// Max-Age plus a margin has passed without one (§3.3.1).
/// </summary>
internal sealed class ClientObservation
{
    /// <summary>2^23: half the 24-bit sequence space (RFC 7641 §3.4).</summary>
    private const uint HalfSequenceSpace = 1u << 23;

    private const uint SequenceMask = 0xFF_FFFF;

    /// <summary>Max-Age when a notification carries none (RFC 7252 §5.10.5).</summary>
    private static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(60);

    /// <summary>The longest due time a system timer accepts (about 49 days).</summary>
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private readonly Lock _gate = new();
    private readonly Channel<CoapResponse> _channel;
    private readonly CoapMessage _registration;
    private readonly TimeProvider _time;
    private readonly Action<ClientObservation> _onSilence;
    private readonly long _freshnessWindow;
    private bool _hasLatest;
    private uint _latestValue;
    private long _latestTime;
    private bool _established;
    private bool _ended;
    private Exception? _failure;
    private ITimer? _silenceTimer;

    /// <param name="registration">The registration request, token set; re-registrations and the deregistration copy it.</param>
    /// <param name="peer">The server: notifications must come from it.</param>
    /// <param name="token">The registration's token.</param>
    /// <param name="options">Buffer size, margin and how to cancel.</param>
    /// <param name="time">The endpoint's clock, for the 128-second rule and the silence timer.</param>
    /// <param name="onSilence">Called (on a timer thread) when Max-Age plus the margin passed without a fresh notification.</param>
    /// <param name="onDropped">Called with a buffered notification dropped because the consumer lags.</param>
    public ClientObservation(
        CoapMessage registration,
        PeerAddress peer,
        TokenKey token,
        CoapObserveOptions options,
        TimeProvider time,
        Action<ClientObservation> onSilence,
        Action<CoapResponse>? onDropped = null)
    {
        _registration = registration;
        Peer = peer;
        Token = token;
        CancelExplicitly = options.CancelExplicitly;
        ReregistrationMargin = options.ReregistrationMargin;
        _time = time;
        _onSilence = onSilence;
        _freshnessWindow = 128 * time.TimestampFrequency;
        var channelOptions = new BoundedChannelOptions(options.BufferCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        };
        _channel = Channel.CreateBounded(channelOptions, onDropped);
    }

    public PeerAddress Peer { get; }

    public TokenKey Token { get; }

    public CoapCode Method => _registration.Code;

    public bool CancelExplicitly { get; }

    public TimeSpan ReregistrationMargin { get; }

    /// <summary>The responses to yield, in order; completed when the observation ends.</summary>
    public ChannelReader<CoapResponse> Reader => _channel.Reader;

    /// <summary>Whether the server accepted the registration (a 2.xx with Observe arrived), so it has state to cancel.</summary>
    public bool Established
    {
        get
        {
            lock (_gate)
            {
                return _established;
            }
        }
    }

    /// <summary>Why the observation ended, when it did not end normally.</summary>
    public Exception? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <summary>
    /// Whether a notification (<paramref name="v2"/> at <paramref name="t2"/>) is newer than the latest
    /// fresh one (<paramref name="v1"/> at <paramref name="t1"/>), per RFC 7641 §3.4.
    /// </summary>
    public static bool IsNewer(uint v1, long t1, uint v2, long t2, long freshnessWindow) =>
        (v1 < v2 && v2 - v1 < HalfSequenceSpace) ||
        (v1 > v2 && v1 - v2 > HalfSequenceSpace) ||
        t2 > t1 + freshnessWindow;

    /// <summary>The OSCORE context protecting this observation's requests, or null.</summary>
    public Security.Oscore.Runtime.OscoreContextEntry? OscoreEntry { get; init; }

    /// <summary>The binding of the latest protected (re-)registration: notifications verify against it.</summary>
    public Security.Oscore.OscoreRequestBinding OscoreBinding { get; set; }

    /// <summary>
    /// Notification replay protection (RFC 8613 §7.4.1): a notification's Partial IV must exceed every earlier
    /// one's. Notifications arrive on one receive loop, so a plain field suffices.
    /// </summary>
    public bool TryAcceptNotificationPartialIv(ulong partialIv)
    {
        if (_highestNotificationPartialIv is { } highest && partialIv <= highest)
        {
            return false;
        }

        _highestNotificationPartialIv = partialIv;
        return true;
    }

    private ulong? _highestNotificationPartialIv;

    /// <summary>A copy of the registration request with Observe set to <paramref name="observe"/> (0 register, 1 deregister).</summary>
    public CoapMessage CreateRequest(uint observe)
    {
        var message = new CoapMessage
        {
            Type = _registration.Type,
            Code = _registration.Code,
            Token = _registration.Token,
            Payload = _registration.Payload,
        };
        foreach (var option in _registration.Options)
        {
            if (option.Number != CoapOptionNumber.Observe)
            {
                message.Options.Add(option);
            }
        }

        message.Options.Add(CoapOption.FromUInt(CoapOptionNumber.Observe, observe));
        return message;
    }

    /// <summary>
    /// Offers a response for this token. <paramref name="toRegistration"/> marks the answer to a
    /// (re-)registration, which is fresh whatever its sequence number: it restarts the ordering.
    /// </summary>
    public NotificationOutcome Offer(CoapResponse response, bool toRegistration)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_ended)
            {
                return NotificationOutcome.Ended;
            }

            if (!response.IsSuccess || response.Observe is not { } observe)
            {
                // The server ended or refused the observation: yield this last response and stop.
                _channel.Writer.TryWrite(response);
                EndLocked(failure: null);
                return NotificationOutcome.Final;
            }

            var value = observe & SequenceMask;
            if (!toRegistration && _hasLatest && value == _latestValue && response.Options.Contains(CoapOptionNumber.QBlock2))
            {
                // RFC 9177 §4.5 (QB-41): every payload of a Q-Block2 notification carries the same Observe value.
                _channel.Writer.TryWrite(response);
                return NotificationOutcome.Accepted;
            }

            if (!toRegistration && _hasLatest && !IsNewer(_latestValue, _latestTime, value, now, _freshnessWindow))
            {
                return NotificationOutcome.Stale;
            }

            _hasLatest = true;
            _latestValue = value;
            _latestTime = now;
            _established = true;
            _channel.Writer.TryWrite(response);
            ArmSilenceTimerLocked(response);
            return NotificationOutcome.Accepted;
        }
    }

    /// <summary>Ends the observation: no more responses are buffered and the timer stops. False when it had ended already.</summary>
    public bool End(Exception? failure)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return false;
            }

            EndLocked(failure);
            return true;
        }
    }

    /// <summary>Throws the failure that ended the observation, if any.</summary>
    public void ThrowIfFailed()
    {
        if (Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private void EndLocked(Exception? failure)
    {
        _ended = true;
        _failure = failure;
        _silenceTimer?.Dispose();
        _silenceTimer = null;
        _channel.Writer.TryComplete();
    }

    /// <summary>Max-Age (default 60 s) plus the margin from now: then the cached state is stale and we ask again.</summary>
    private void ArmSilenceTimerLocked(CoapResponse response)
    {
        var maxAge = response.Options.GetUInt(CoapOptionNumber.MaxAge) is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultMaxAge;
        var due = maxAge + ReregistrationMargin;
        if (due > LongestTimer)
        {
            due = LongestTimer;
        }

        if (_silenceTimer is { } timer)
        {
            timer.Change(due, Timeout.InfiniteTimeSpan);
            return;
        }

        _silenceTimer = _time.CreateTimer(
            static state =>
            {
                var observation = (ClientObservation)state!;
                observation._onSilence(observation);
            },
            this,
            due,
            Timeout.InfiniteTimeSpan);
    }
}
