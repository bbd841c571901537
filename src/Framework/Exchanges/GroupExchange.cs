using System.Threading.Channels;
using Coap.Messaging;
using Coap.Transport;

namespace Coap.Exchanges;

/// <summary>
/// One request sent to a CoAP group (draft-ietf-core-groupcomm-bis §3.1): responses are matched by token only,
/// from any source, and every one is kept until the deadline, since a response never completes a group request
/// (§3.1.6). A datagram seen twice (same source, same message ID) is a network duplicate and is taken once;
/// a server's further responses, with new message IDs, are all delivered.
/// </summary>
internal sealed class GroupExchange
{
    private readonly Lock _gate = new();
    private readonly Channel<CoapResponse> _channel;
    private readonly HashSet<ExchangeKey> _seen = [];
    private readonly Queue<ExchangeKey> _seenOrder = new();
    private readonly int _capacity;
    private bool _ended;
    private Exception? _failure;
    private ITimer? _deadline;
    private ITimer? _repeater;
    private ITimer? _pacer;
    private ITimer? _slotRelease;

    /// <param name="request">The request as sent, token set.</param>
    /// <param name="group">The group's multicast address and port.</param>
    /// <param name="token">The request's token.</param>
    /// <param name="capacity">Responses buffered for the consumer; also how many sources and message IDs are remembered for duplicate detection.</param>
    /// <param name="traffic">The group's congestion state (NSTART, PROBING_RATE), shared by its requests.</param>
    /// <param name="timeout">How long responses are collected once the request has gone out.</param>
    public GroupExchange(CoapMessage request, PeerAddress group, TokenKey token, int capacity, GroupTraffic traffic, TimeSpan timeout)
    {
        Request = request;
        Group = group;
        Token = token;
        Traffic = traffic;
        Timeout = timeout;
        Quarantine = traffic.Parameters.Quarantine;
        _capacity = capacity;
        _channel = Channel.CreateBounded<CoapResponse>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public CoapMessage Request { get; }

    public PeerAddress Group { get; }

    public TokenKey Token { get; }

    public TimeSpan Quarantine { get; }

    public GroupTraffic Traffic { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Holds one of the group's NSTART places. Guarded by the endpoint's exchange lock.</summary>
    public bool HoldsSlot { get; set; }

    /// <summary>Has gone out at least once; until then its token needs no quarantine. Guarded by the endpoint's exchange lock.</summary>
    public bool Launched { get; set; }

    public CoapCode Method => Request.Code;

    /// <summary>The responses, in arrival order; completed when the request ends.</summary>
    public ChannelReader<CoapResponse> Reader => _channel.Reader;

    /// <summary>Responses accepted so far.</summary>
    public int Accepted { get; private set; }

    /// <summary>Fires at the deadline. Set by the owner when the request goes out.</summary>
    public ITimer? Deadline { get => _deadline; set => Attach(ref _deadline, value); }

    /// <summary>Sends the request again while repeats are left (<see cref="CoapGroupClientOptions.RequestRepeats"/>).</summary>
    public ITimer? Repeater { get => _repeater; set => Attach(ref _repeater, value); }

    /// <summary>Sends the request once the probing rate allows (<see cref="CoapGroupClientOptions.ProbingRate"/>).</summary>
    public ITimer? Pacer { get => _pacer; set => Attach(ref _pacer, value); }

    /// <summary>Gives the NSTART place back once the members have had their time to answer.</summary>
    public ITimer? SlotRelease { get => _slotRelease; set => Attach(ref _slotRelease, value); }

    /// <summary>The pause before each repeat.</summary>
    public TimeSpan RepeatInterval { get; set; }

    /// <summary>Repeats still to send.</summary>
    public int RepeatsLeft { get; set; }

    public CancellationTokenRegistration Cancellation { get; set; }

    /// <summary>Why the request ended early (the endpoint stopped), or null.</summary>
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

    /// <summary>Takes a response that arrived as datagram <paramref name="source"/> (its sender and message ID).</summary>
    public GroupOffer Offer(CoapResponse response, in ExchangeKey source)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return GroupOffer.Ended;
            }

            if (!_seen.Add(source))
            {
                return GroupOffer.Duplicate;
            }

            _seenOrder.Enqueue(source);
            if (_seenOrder.Count > _capacity)
            {
                _seen.Remove(_seenOrder.Dequeue());
            }

            if (!_channel.Writer.TryWrite(response))
            {
                return GroupOffer.Overflow;
            }

            Accepted++;
            return GroupOffer.Accepted;
        }
    }

    /// <summary>Ends the request: the consumer gets what is buffered, then the end. False when it had ended already.</summary>
    public bool End(Exception? failure = null)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return false;
            }

            _ended = true;
            _failure = failure;
            _channel.Writer.TryComplete();
        }

        _deadline?.Dispose();
        _repeater?.Dispose();
        _pacer?.Dispose();
        _slotRelease?.Dispose();
        Cancellation.Dispose();
        return true;
    }

    /// <summary>Whether the request has ended.</summary>
    public bool IsEnded
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    /// <summary>Keeps a timer for disposal at the end; one attached after the end is disposed at once.</summary>
    private void Attach(ref ITimer? field, ITimer? timer)
    {
        lock (_gate)
        {
            if (!_ended)
            {
                field = timer;
                return;
            }
        }

        timer?.Dispose();
    }
}
