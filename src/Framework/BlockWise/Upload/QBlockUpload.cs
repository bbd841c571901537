using System.Net;
using System.Threading.Channels;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Exchanges;
using Coap.Transport;

namespace Coap.BlockWise.Upload;

/// <summary>
/// Sends one request body with Q-Block1 over NON (RFC 9177 §4.3, §7.2): MAX_PAYLOADS blocks back to back,
/// each with a new token, Request-Tag and Size1, then a pause of NON_TIMEOUT_RANDOM unless a 2.31 arrives;
/// blocks a 4.08 (Content-Format 272) lists are sent again, then the rest of the current set. The final
/// response on any of the body's tokens completes the upload (a Q-Block2 one is collected whole first, see
/// <see cref="CollectResponseBodyAsync"/>); every token is released at the end, so a late 4.08 gets an RST (QB-22).
/// </summary>
internal sealed partial class QBlockUpload : ITransferResponseSink
{
    /// <summary>Responses queued from the receive thread; more than this many unread are dropped (the oldest first).</summary>
    private const int MaxQueuedResponses = 256;

    private readonly CoapEndpoint _endpoint;
    private readonly CoapMessage _template;
    private readonly IPEndPoint _destination;
    private readonly CoapBlockWiseOptions _blockWise;
    private readonly ReadOnlyMemory<byte> _body;
    private readonly CoapQBlockOptions _options;
    private readonly ReadOnlyMemory<byte> _requestTag;
    private readonly IProgress<CoapTransferProgress>? _progress;
    private readonly int _sizeExponent;
    private readonly int _blockSize;
    private readonly int _count;
    private readonly TimeSpan _pause;
    private readonly List<TokenKey> _tokens = [];
    private readonly long[] _resentAt;
    private readonly SortedSet<int> _missing = [];
    private readonly List<int> _listed = [];
    private readonly Channel<CoapResponse> _responses = Channel.CreateBounded<CoapResponse>(
        new BoundedChannelOptions(MaxQueuedResponses) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private int _resendBudget;
    private int _next;
    private int _confirmed;

    public QBlockUpload(CoapEndpoint endpoint, CoapMessage template, IPEndPoint destination, ReadOnlyMemory<byte> body, int blockSize, CoapBlockWiseOptions blockWise, ReadOnlyMemory<byte> requestTag, Random random, IProgress<CoapTransferProgress>? progress)
    {
        var options = blockWise.QBlock;
        _endpoint = endpoint;
        _template = template;
        _destination = destination;
        _blockWise = blockWise;
        _body = body;
        _options = options;
        _requestTag = requestTag;
        _progress = progress;
        _blockSize = blockSize;
        _sizeExponent = CoapBlock.ToSizeExponent(blockSize);
        _count = CoapBlock.CountBlocks(body.Length, blockSize);
        if (_count - 1 > CoapBlock.MaxNumber)
        {
            throw new CoapException($"A body of {body.Length} bytes needs more than 2^20 blocks of {blockSize} bytes.");
        }

        // Bounds what a server's 4.08s can make us send: NON_MAX_RETRANSMIT resends per block on average (QB-59).
        _resendBudget = _count * Math.Max(1, options.NonMaxRetransmit);
        _resentAt = new long[_count];
        Peer = endpoint.Transport.GetPeerAddress(destination);

        // NON_TIMEOUT_RANDOM: drawn once per body, reused for every gap (RFC 9177 §7.2).
        var spread = (options.NonTimeoutRandomMax - options.NonTimeout).Ticks;
        _pause = options.NonTimeout + TimeSpan.FromTicks((long)(random.NextDouble() * spread));
    }

    /// <inheritdoc />
    public PeerAddress Peer { get; }

    /// <inheritdoc />
    public void OnReset() =>
        _responses.Writer.TryComplete(new CoapResetException($"{Peer} reset a Q-Block1 request: it does not take Q-Block for this resource."));

    /// <summary>Sends the body; returns the final response (which may start a block-wise response body).</summary>
    /// <remarks>
    /// Once every block went out, silence is met by sending the last block again (its M=0 marks the end; a server
    /// answers a duplicate as if it were new, QB-21, so a lost final response or 4.08 is recovered), after
    /// 2 × NON_RECEIVE_TIMEOUT, doubling, NON_MAX_RETRANSMIT times; then one more doubled wait and the upload times
    /// out (about NON_PARTIAL_TIMEOUT with the defaults: 8 + 16 + 32 + 64 + 128 s).
    /// </remarks>
    public async Task<CoapResponse> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var newSet = true;
            while (true)
            {
                // Timed from before the burst, and probes from the previous deadline (not from when this loop runs
                // again), so that a late continuation does not stretch the schedule.
                var burstStart = _endpoint.Time.GetUtcNow();
                SendBurst(newSet);
                newSet = true;
                var allSent = _next >= _count && _missing.Count == 0;
                var silence = _options.NonReceiveTimeout * 2;
                var probes = 0;
                var deadline = burstStart + (allSent ? silence : _pause);
                while (true)
                {
                    var response = await NextResponseAsync(deadline, cancellationToken).ConfigureAwait(false);
                    if (response is null)
                    {
                        if (!allSent)
                        {
                            break; // The pause is over: next set.
                        }

                        if (probes++ == _options.NonMaxRetransmit)
                        {
                            CoapLog.QBlockUploadTimedOut(_endpoint.Logger, new PeerAddressText(Peer), _count, silence);
                            throw new CoapTimeoutException($"No final response to the {_count}-block Q-Block1 body from {Peer}.");
                        }

                        Send(_count - 1);
                        silence *= 2;
                        deadline += silence;
                        continue;
                    }

                    if (response.Code == CoapCode.Continue)
                    {
                        OnContinue(response);
                        if (!allSent)
                        {
                            break; // A 2.31 for the set: go on at once (QB-52).
                        }

                        continue;
                    }

                    if (response.Code == CoapCode.RequestEntityIncomplete)
                    {
                        if (response.ContentFormat != CoapContentFormat.MissingBlocksCborSeq)
                        {
                            throw new CoapResponseException(response); // RFC 7959 §2.9.2 semantics (QB-19).
                        }

                        if (TryQueueMissing(response))
                        {
                            newSet = false; // Resend, then the rest of the current set, then pause (QB-56).
                            break;
                        }

                        continue;
                    }

                    Report(_count);
                    return IsPayloadOfLargerBody(response, out var block)
                        ? await CollectResponseBodyAsync(response, block, cancellationToken).ConfigureAwait(false)
                        : response;
                }
            }
        }
        finally
        {
            foreach (var token in _tokens)
            {
                _endpoint.ReleaseTransferToken(token, this);
            }
        }
    }

    /// <summary>
    /// Sends the blocks asked for again (ascending, at most one set, QB-13, QB-57), then new blocks: a whole new
    /// set when <paramref name="newSet"/>, otherwise only the rest of the set in progress.
    /// </summary>
    private void SendBurst(bool newSet)
    {
        var sent = 0;
        while (_missing.Count > 0 && sent < _options.MaxPayloads)
        {
            var number = _missing.Min;
            _missing.Remove(number);
            _resentAt[number] = _endpoint.Time.GetTimestamp();
            Send(number);
            sent++;
        }

        if (_next >= _count || (!newSet && _next % _options.MaxPayloads == 0))
        {
            return;
        }

        var setEnd = Math.Min(_count, ((_next / _options.MaxPayloads) + 1) * _options.MaxPayloads);
        while (_next < setEnd)
        {
            Send(_next++);
        }
    }

    private void Send(int number)
    {
        var offset = number * _blockSize;
        var length = Math.Min(_blockSize, _body.Length - offset);
        var block = new CoapBlock(number, number < _count - 1, _sizeExponent);
        var message = BlockRequests.Create(_template, _body.Slice(offset, length), CoapOptionNumber.QBlock1, block, _body.Length, _requestTag);
        message.Type = CoapMessageType.NonConfirmable;
        _tokens.Add(_endpoint.ReserveTransferToken(message, this));
        _endpoint.SendNonConfirmableRequest(message, Peer, this);
    }

    /// <summary>Reads a 4.08 list (QB-17, QB-18): duplicates ignored, a list out of order dropped, unknown numbers skipped.</summary>
    private bool TryQueueMissing(CoapResponse response)
    {
        if (!MissingBlocks.TryRead(response.Payload.Span, _listed))
        {
            CoapLog.QBlockMissingListDropped(_endpoint.Logger, new PeerAddressText(Peer));
            return false;
        }

        var queued = false;
        foreach (var number in _listed)
        {
            // A block resent less than NON_TIMEOUT ago is not sent again: that 4.08 crossed the resend (a server asks
            // again only after NON_RECEIVE_TIMEOUT, longer than that), and duplicated or delayed 4.08s must not multiply it.
            var recent = _resentAt[number] != 0 && _endpoint.Time.GetElapsedTime(_resentAt[number]) < _options.NonTimeout;
            if (number < _next && !recent && _resendBudget > 0 && _missing.Add(number))
            {
                _resendBudget--;
                queued = true;
            }
        }

        CoapLog.QBlockMissingBlocks(_endpoint.Logger, new PeerAddressText(Peer), _listed.Count);
        return queued;
    }

    private void OnContinue(CoapResponse response)
    {
        if (BlockRequests.TryGetBlock(response, CoapOptionNumber.QBlock1, out var block) && block.Number < _count && block.Number + 1 > _confirmed)
        {
            Report(block.Number + 1);
        }
    }

    private void Report(int blocks)
    {
        _confirmed = blocks;
        var bytes = Math.Min(_body.Length, (long)blocks * _blockSize);
        _progress?.Report(new CoapTransferProgress(CoapTransferDirection.Upload, bytes, _body.Length, blocks, _count));
    }

    /// <summary>The next response, or null once <paramref name="deadline"/> passes on the endpoint's clock.</summary>
    private async Task<CoapResponse?> NextResponseAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var reader = _responses.Reader;
        while (true)
        {
            if (reader.TryRead(out var response))
            {
                return response;
            }

            if (reader.Completion.IsCompleted)
            {
                await reader.Completion.ConfigureAwait(false); // Throws the Reset (OnReset).
            }

            var remaining = deadline - _endpoint.Time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(remaining, _endpoint.Time, waiting.Token);
            var arrival = reader.WaitToReadAsync(waiting.Token).AsTask();
            await Task.WhenAny(delay, arrival).ConfigureAwait(false);
            await waiting.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
