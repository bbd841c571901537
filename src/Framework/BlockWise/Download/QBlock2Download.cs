using System.Net;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Exchanges;
using Coap.Transport;

namespace Coap.BlockWise.Download;

/// <summary>
/// Receives a response body sent with Q-Block2 to a NON request (RFC 9177 §4.4, §7.2; seeds-app §9.1 C4). The request
/// carries Q-Block2 0/1/SZX ("send the whole body") on a token this transfer holds; payloads arrive on that token (and on
/// the tokens of later requests) in MAX_PAYLOADS sets. When a set is complete the client sends a 'Continue' (Q-Block2
/// NUM = next set, M=1, new token). Holes in earlier sets are asked for as soon as a payload of a later set shows them
/// (QB-55), and after NON_RECEIVE_TIMEOUT without progress (QB-35), doubling the wait per retry; after NON_MAX_RETRANSMIT
/// retries the body is given up (QB-59). Missing-block requests carry no Observe and no ETag (QB-38, QB-41). Duplicates
/// are ignored (QB-36); a new ETag drops the partial body (QB-39, QB-40); a partial body lives at most
/// min(NON_PARTIAL_TIMEOUT, Max-Age) (QB-37) after its latest payload. Every token is released at the end.
/// </summary>
internal sealed partial class QBlock2Download : ITransferResponseSink
{
    private static readonly TimeSpan s_defaultMaxAge = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly CoapEndpoint _endpoint;
    private readonly CoapMessage _template;
    private readonly IPEndPoint _destination;
    private readonly CoapQBlockOptions _qblock;
    private readonly int _maxBodySize;
    private readonly int _requestedSizeExponent;
    private readonly IProgress<CoapTransferProgress>? _progress;
    private readonly TaskCompletionSource<CoapResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<TokenKey> _tokens = [];
    private readonly Dictionary<int, ReadOnlyMemory<byte>> _blocks = [];
    private readonly HashSet<int> _continuedSets = [];
    private ITimer? _timer;
    private CoapMessage? _header;
    private ReadOnlyMemory<byte>? _etag;
    private int _sizeExponent = -1;
    private int? _blockCount;
    private long? _total;
    private long _bytes;
    private int _retries;
    private int _holesReportedBelowSet;
    private long _partialDeadline = long.MaxValue;
    private TimeSpan _partialLifetime;
    private bool _done;

    /// <param name="endpoint">Holds the tokens and sends the requests.</param>
    /// <param name="template">The request (NON GET or FETCH): later requests copy its options minus Observe, ETag and the block options.</param>
    /// <param name="destination">The server.</param>
    /// <param name="options">MaxBodySize and the Q-Block parameters.</param>
    /// <param name="blockSize">The block size to ask for (Q-Block2 SZX).</param>
    /// <param name="progress">Told after each new block.</param>
    public QBlock2Download(CoapEndpoint endpoint, CoapMessage template, IPEndPoint destination, CoapBlockWiseOptions options, int blockSize, IProgress<CoapTransferProgress>? progress)
    {
        _endpoint = endpoint;
        _template = template;
        _destination = destination;
        _qblock = options.QBlock;
        _maxBodySize = options.MaxBodySize;
        _requestedSizeExponent = CoapBlock.ToSizeExponent(blockSize);
        _progress = progress;
        Peer = endpoint.Transport.GetPeerAddress(destination);
    }

    public PeerAddress Peer { get; }

    /// <summary>Tokens this transfer still holds (all released once it ends).</summary>
    public int HeldTokens
    {
        get
        {
            lock (_gate)
            {
                return _tokens.Count;
            }
        }
    }

    /// <summary>Body bytes received so far.</summary>
    public long BytesReceived
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Completes with the whole body, or fails (<see cref="CoapTimeoutException"/> when blocks stay missing).</summary>
    public Task<CoapResponse> Completion => _completion.Task;

    /// <summary>The ETag of the body being collected, once a payload arrived.</summary>
    public bool IsFor(ReadOnlyMemory<byte>? etag)
    {
        lock (_gate)
        {
            return _header is not null && SameEtag(_etag, etag);
        }
    }

    /// <summary>
    /// Collects a body whose payloads someone else receives (a Q-Block2 notification: they come on the observation's
    /// token and are handed over with <see cref="OnResponse"/>); requests for missing blocks and 'Continue' still go
    /// out on this transfer's own tokens.
    /// </summary>
    public void Attach()
    {
        lock (_gate)
        {
            _timer = _endpoint.Time.CreateTimer(static state => ((QBlock2Download)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            ArmLocked();
        }
    }

    /// <summary>Stops collecting (a newer body superseded this one): timer stopped, tokens released, <see cref="Completion"/> cancelled.</summary>
    public void Abandon()
    {
        if (End())
        {
            _completion.TrySetCanceled();
        }
    }

    /// <summary>Sends the request with Q-Block2 0/1/SZX and completes with the whole body.</summary>
    public async Task<CoapResponse> RunAsync(CancellationToken cancellationToken)
    {
        var first = CreateRequest(keepObserve: true);
        first.Options.Remove(CoapOptionNumber.QBlock2);
        first.Options.Add(CoapOptionNumber.QBlock2, new CoapBlock(0, more: true, _requestedSizeExponent).Value);
        lock (_gate)
        {
            _timer = _endpoint.Time.CreateTimer(static state => ((QBlock2Download)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            ArmLocked();
        }

        Send(first);
        using var registration = cancellationToken.Register(static state => ((QBlock2Download)state!).Fail(new OperationCanceledException()), this);
        return await _completion.Task.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void OnResponse(CoapResponse response)
    {
        List<CoapMessage>? toSend = null;
        CoapResponse? whole = null;
        Exception? failure = null;
        lock (_gate)
        {
            if (_done)
            {
                return;
            }

            try
            {
                whole = AcceptLocked(response, ref toSend);
            }
            catch (CoapException ex)
            {
                failure = ex;
            }
        }

        if (failure is not null)
        {
            Fail(failure);
            return;
        }

        if (whole is not null)
        {
            Finish(whole);
            return;
        }

        SendAll(toSend);
    }

    private CoapResponse? AcceptLocked(CoapResponse response, ref List<CoapMessage>? toSend)
    {
        var message = response.Message;
        if (!response.IsSuccess)
        {
            throw new CoapResponseException(response);
        }

        if (!message.Options.TryGet(CoapOptionNumber.QBlock2, out var option) || !CoapBlock.TryDecode(option.Value.Span, out var block))
        {
            // The server sent the body whole (it fits one message).
            _header = message;
            return Assemble(response.RemoteEndPoint, message.Payload);
        }

        var etag = message.Options.TryGet(CoapOptionNumber.ETag, out var tag) ? tag.Value : (ReadOnlyMemory<byte>?)null;
        if (_header is not null && !SameEtag(_etag, etag))
        {
            // QB-39/QB-40: a new representation; the old partial body is stale.
            CoapLog.QBlock2EtagChanged(_endpoint.Logger, response.RemoteEndPoint);
            ResetLocked();
        }

        if (_header is null)
        {
            _header = message;
            _etag = etag;
            _sizeExponent = block.SizeExponent;
            var maxAge = message.Options.GetUInt(CoapOptionNumber.MaxAge) is { } seconds ? TimeSpan.FromSeconds(seconds) : s_defaultMaxAge;
            _partialLifetime = maxAge < _qblock.NonPartialTimeout ? maxAge : _qblock.NonPartialTimeout;
        }

        if (block.SizeExponent != _sizeExponent || _blocks.ContainsKey(block.Number) || (_blockCount is { } known && block.Number >= known))
        {
            // QB-36: a duplicate (or a block that does not fit this body) is silently ignored.
            return null;
        }

        var payload = message.Payload;
        if ((block.More && payload.Length != block.Size) || payload.Length > block.Size)
        {
            throw new CoapException($"Q-Block2 {block} from {response.RemoteEndPoint} carries {payload.Length} bytes.");
        }

        if (message.Options.GetUInt(CoapOptionNumber.Size2) is { } size2)
        {
            EnsureWithinLimit(size2, response.RemoteEndPoint);
            _total = size2;
            _blockCount = CoapBlock.CountBlocks(size2, block.Size);
        }

        if (!block.More)
        {
            _blockCount = block.Number + 1;
            _total = block.Offset + payload.Length;
        }

        EnsureWithinLimit(block.Offset + payload.Length, response.RemoteEndPoint);
        _blocks.Add(block.Number, payload);
        _bytes += payload.Length;
        _retries = 0;

        // QB-37: the partial body lives min(NON_PARTIAL_TIMEOUT, Max-Age of the first payload) past its latest payload.
        _partialDeadline = _endpoint.Time.GetTimestamp() + (long)(_partialLifetime.TotalSeconds * _endpoint.Time.TimestampFrequency);
        _progress?.Report(new CoapTransferProgress(CoapTransferDirection.Download, _bytes, _total, _blocks.Count, _blockCount));
        if (block.Number == 0 && !ReferenceEquals(_header, message))
        {
            _header = message;
        }

        if (_blockCount is { } count && _blocks.Count == count)
        {
            return Assemble(response.RemoteEndPoint, default);
        }

        PlanAfterBlockLocked(block.Number, ref toSend);
        ArmLocked();
        return null;
    }

    /// <summary>After a new block: a 'Continue' when its set just completed, or a request for holes a later set's payload revealed (QB-55).</summary>
    private void PlanAfterBlockLocked(int number, ref List<CoapMessage>? toSend)
    {
        var maxPayloads = _qblock.MaxPayloads;
        var set = number / maxPayloads;
        if (set > _holesReportedBelowSet)
        {
            _holesReportedBelowSet = set;
            var holes = MissingLocked(limit: set * maxPayloads);
            if (holes.Count > 0)
            {
                (toSend ??= []).Add(CreateMissingRequest(holes));
                return;
            }
        }

        var setStart = set * maxPayloads;
        var setEnd = setStart + maxPayloads;
        if (_blockCount is { } count && setEnd >= count)
        {
            return;
        }

        for (var n = setStart; n < setEnd; n++)
        {
            if (!_blocks.ContainsKey(n))
            {
                return;
            }
        }

        if (_continuedSets.Add(set) && !_blocks.ContainsKey(setEnd))
        {
            // The whole set arrived: 'Continue' (RFC 9177 §4.4) asks for the next one at once.
            var next = CreateRequest(keepObserve: false);
            next.Options.Add(CoapOptionNumber.QBlock2, new CoapBlock(setEnd, more: true, _sizeExponent).Value);
            (toSend ??= []).Add(next);
        }
    }

    private CoapResponse Assemble(IPEndPoint remote, ReadOnlyMemory<byte> whole)
    {
        var header = _header!;
        byte[] body;
        if (_blocks.Count == 0)
        {
            body = whole.ToArray();
        }
        else
        {
            body = new byte[_total ?? _bytes];
            var size = 16 << _sizeExponent;
            foreach (var (number, payload) in _blocks)
            {
                payload.Span.CopyTo(body.AsSpan(number * size));
            }
        }

        var message = new CoapMessage { Type = header.Type, Code = header.Code, MessageId = header.MessageId, Token = _template.Token, Payload = body };
        foreach (var option in header.Options)
        {
            if (option.Number != CoapOptionNumber.QBlock2)
            {
                message.Options.Add(option);
            }
        }

        CoapLog.DownloadCompleted(_endpoint.Logger, body.Length, _blocks.Count, remote);
        return new CoapResponse(message, remote);
    }

    private void ResetLocked()
    {
        _header = null;
        _etag = null;
        _blocks.Clear();
        _continuedSets.Clear();
        _blockCount = null;
        _total = null;
        _bytes = 0;
        _holesReportedBelowSet = 0;
        _partialDeadline = long.MaxValue;
    }

    private void EnsureWithinLimit(long size, IPEndPoint remote)
    {
        if (size > _maxBodySize)
        {
            throw new CoapException($"The body from {remote} exceeds {_maxBodySize} bytes (Coap:BlockWise:MaxBodySize).");
        }
    }

    private static bool SameEtag(ReadOnlyMemory<byte>? a, ReadOnlyMemory<byte>? b) =>
        a is null ? b is null : b is not null && a.Value.Span.SequenceEqual(b.Value.Span);

    private void Finish(CoapResponse response)
    {
        if (End())
        {
            _completion.TrySetResult(response);
        }
    }

    private void Fail(Exception exception)
    {
        if (End())
        {
            CoapLog.DownloadFailed(_endpoint.Logger, _destination, exception);
            _completion.TrySetException(exception);
        }
    }

    /// <summary>Ends the transfer once: stops the timer and releases every token (QB-59), so late payloads get RST.</summary>
    private bool End()
    {
        TokenKey[] tokens;
        lock (_gate)
        {
            if (_done)
            {
                return false;
            }

            _done = true;
            _timer?.Dispose();
            tokens = [.. _tokens];
            _tokens.Clear();
        }

        foreach (var token in tokens)
        {
            _endpoint.ReleaseTransferToken(token, this);
        }

        return true;
    }
}
