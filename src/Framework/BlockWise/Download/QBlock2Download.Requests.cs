using Coap.Diagnostics;

namespace Coap.BlockWise.Download;

/// <summary>
/// The requests a Q-Block2 download sends after the first (RFC 9177 §4.4, §7.2): missing-block requests when
/// NON_RECEIVE_TIMEOUT passes without progress (doubling per retry, at most NON_MAX_RETRANSMIT), each on a new token.
/// </summary>
internal sealed partial class QBlock2Download
{
    /// <inheritdoc />
    public void OnReset() => Fail(new CoapResetException($"{Peer} reset a Q-Block2 request: it does not take Q-Block for this resource."));

    private void OnTimer()
    {
        CoapMessage? request = null;
        Exception? failure = null;
        lock (_gate)
        {
            if (_done)
            {
                return;
            }

            if (_endpoint.Time.GetTimestamp() >= _partialDeadline)
            {
                failure = new CoapTimeoutException($"The partial body from {_destination} outlived min(NON_PARTIAL_TIMEOUT, Max-Age) (RFC 9177 §4.4).");
            }
            else if (_retries >= _qblock.NonMaxRetransmit)
            {
                failure = new CoapTimeoutException($"Blocks from {_destination} still missing after {_retries} requests (NON_MAX_RETRANSMIT, RFC 9177 §7.2).");
            }
            else
            {
                _retries++;
                request = _header is null ? CreateFirstRetry() : CreateMissingRequest(MissingLocked(limit: null));
                CoapLog.QBlock2MissingRequested(_endpoint.Logger, _destination, _blockCount is { } count ? count - _blocks.Count : 0, _retries);
                ArmLocked();
            }
        }

        if (failure is not null)
        {
            Fail(failure);
            return;
        }

        Send(request!);
    }

    /// <summary>NON_RECEIVE_TIMEOUT × 2^retries from now (QB-35, QB-53), but no later than the partial body's deadline.</summary>
    private void ArmLocked()
    {
        var wait = _qblock.NonReceiveTimeout * Math.Pow(2, _retries);
        if (_partialDeadline != long.MaxValue)
        {
            var left = _endpoint.Time.GetElapsedTime(_endpoint.Time.GetTimestamp(), _partialDeadline);
            if (left < wait)
            {
                wait = left < TimeSpan.Zero ? TimeSpan.Zero : left;
            }
        }

        _timer?.Change(wait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Missing block numbers below <paramref name="limit"/> (or the body's end), ascending; when the end is unknown, the block after the highest one received.</summary>
    private List<int> MissingLocked(int? limit)
    {
        var highest = _blocks.Count == 0 ? -1 : _blocks.Keys.Max();
        var end = limit ?? _blockCount ?? (highest + 2);
        var missing = new List<int>();
        for (var n = 0; n < end && missing.Count <= _qblock.MaxPayloads * 2; n++)
        {
            if (!_blocks.ContainsKey(n))
            {
                missing.Add(n);
            }
        }

        return missing;
    }

    private CoapMessage CreateMissingRequest(List<int> missing)
    {
        var request = CreateRequest(keepObserve: false);
        foreach (var block in MissingBlockRequest.Plan(missing, _qblock.MaxPayloads, _blockCount, _sizeExponent))
        {
            request.Options.Add(CoapOptionNumber.QBlock2, block.Value);
        }

        return request;
    }

    /// <summary>Nothing arrived for the first request: ask again for the whole body (new token).</summary>
    private CoapMessage CreateFirstRetry()
    {
        var request = CreateRequest(keepObserve: true);
        request.Options.Add(CoapOptionNumber.QBlock2, new CoapBlock(0, more: true, _requestedSizeExponent).Value);
        return request;
    }

    /// <summary>
    /// A copy of the request without the block options, ETag (QB-38) and, for later requests, Observe (QB-41). A Request-Tag
    /// stays: after a Q-Block1 FETCH it names the body the missing blocks belong to (Figure 16).
    /// </summary>
    private CoapMessage CreateRequest(bool keepObserve)
    {
        var request = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = _template.Code, Payload = _template.Code == CoapCode.Fetch ? _template.Payload : default };
        foreach (var option in _template.Options)
        {
            if (option.Number is CoapOptionNumber.Block1 or CoapOptionNumber.Block2 or CoapOptionNumber.QBlock1 or CoapOptionNumber.QBlock2
                or CoapOptionNumber.Size1 or CoapOptionNumber.ETag
                || (option.Number == CoapOptionNumber.Observe && !keepObserve))
            {
                continue;
            }

            request.Options.Add(option);
        }

        return request;
    }

    private void Send(CoapMessage request)
    {
        lock (_gate)
        {
            if (_done)
            {
                return;
            }

            _tokens.Add(_endpoint.ReserveTransferToken(request, this));
        }

        try
        {
            _endpoint.SendNonConfirmableRequest(request, Peer, this);
        }
        catch (ObjectDisposedException ex)
        {
            Fail(ex);
        }
    }

    private void SendAll(List<CoapMessage>? requests)
    {
        if (requests is null)
        {
            return;
        }

        foreach (var request in requests)
        {
            Send(request);
        }
    }
}
