using Coap.Codec;
using Coap.Diagnostics;
using Coap.Exchanges;
using Coap.Messaging;
using Coap.Security.Oscore;
using Coap.Transport;

namespace Coap.Endpoint;

internal sealed partial class CoapEndpoint
{
    private readonly SupportedOptions _supportedOptions;
    private readonly RequestContextPool _contexts = new(1024);
    private ICoapRequestHandler? _handler;
    private int _inFlight;
    private TaskCompletionSource? _drained;

    /// <summary>Requests whose handlers have not finished.</summary>
    public int InFlightRequests => Volatile.Read(ref _inFlight);

    internal SupportedOptions SupportedOptions => _supportedOptions;

    private void OnRequest(ReadOnlySpan<byte> datagram, in CoapMessageView message, in PeerAddress remote, in DatagramInfo info)
    {
        var type = message.Type;
        if (type is CoapMessageType.Acknowledgement or CoapMessageType.Reset || _handler is null)
        {
            // ACK and RST cannot carry requests; a client-only endpoint serves none.
            _metrics.FormatError();
            RejectUnprocessable(type, message.Code, message.MessageId, remote);
            return;
        }

        var key = new ExchangeKey(remote, message.MessageId);
        var confirmable = type == CoapMessageType.Confirmable;
        var buffer = SendBuffer;
        var outcome = _deduplication.Begin(key, TokenKey.From(message.Token).Hash, confirmable, Now, buffer, out var cachedLength, out var ticket);
        if (outcome != DeduplicationOutcome.New)
        {
            RepeatForDuplicate(outcome, confirmable, buffer.AsSpan(0, cachedLength), message.MessageId, remote);
            return;
        }

        _metrics.Request(message.Code);
        if (Oscore is not null && message.HasOption(CoapOptionNumber.Oscore) && !message.HasOption(CoapOptionNumber.Block1))
        {
            OnProtectedRequest(datagram, message, remote, info, ticket, confirmable);
            return;
        }

        // A protected request in outer Block1 blocks (RFC 8613 §4.1.3.4.2) is reassembled below and verified in Dispatch.

        Serve(datagram, message, remote, info, ticket, confirmable, default);
    }

    /// <summary>Validates a new request (decrypted, when it came protected) and hands it to block-wise or the handler.</summary>
    private void Serve(ReadOnlySpan<byte> datagram, in CoapMessageView message, in PeerAddress remote, in DatagramInfo info, DeduplicationTicket ticket, bool confirmable, in OscoreRequestBinding binding)
    {
        var rejection = RequestValidator.Validate(message, _registry, _supportedOptions, _options.MaxRequestPayloadSize, out var offendingOption);
        if (!confirmable && RequestValidator.IsBadOption(rejection))
        {
            // A NON with a bad critical option is rejected, not answered (RFC 7252 §5.4.1, §4.3).
            _deduplication.Complete(ticket);
            CoapLog.RequestRejected(_logger, message.Code, new PeerAddressText(remote), CoapCode.Empty, RequestValidator.Describe(rejection));
            if (!info.IsMulticast)
            {
                // A multicast request is never answered with a Reset (RFC 7252 §8.1).
                SendEmpty(CoapMessageType.Reset, message.MessageId, remote);
            }

            return;
        }
        // Every request is counted once here and released once when its response is sent.
        if (rejection == RequestRejection.None && Interlocked.Increment(ref _inFlight) > _options.MaxConcurrentRequests)
        {
            rejection = RequestRejection.Overloaded;
        }
        else if (rejection != RequestRejection.None)
        {
            Interlocked.Increment(ref _inFlight);
        }

        var context = _contexts.Rent();
        context.Initialize(datagram, message, remote, info, ticket, _stopping.Token);
        context.SetSecurity(binding.Context is null ? null : Oscore!.EntryOf(binding.Context).Identity, binding, Oscore?.RequireOscore ?? false);
        if (rejection == RequestRejection.None && binding.Context is not null &&
            (message.HasOption(CoapOptionNumber.QBlock1) || message.HasOption(CoapOptionNumber.QBlock2)))
        {
            // Q-Block sends several responses to one request, each needing its own Partial IV: not offered under OSCORE.
            rejection = RequestRejection.QBlockUnderOscore;
        }

        if (rejection != RequestRejection.None)
        {
            Reject(context, rejection, offendingOption);
            CompleteResponse(context);
            return;
        }

        // Block-wise requests: a block of a request body, or a request for a later block of a response.
        if (TryInterceptInbound(context) || TryInterceptOutbound(context))
        {
            return;
        }

        Dispatch(context);
    }

    private void RepeatForDuplicate(DeduplicationOutcome outcome, bool confirmable, ReadOnlySpan<byte> cached, ushort messageId, in PeerAddress remote)
    {
        _metrics.Duplicate();
        CoapLog.Duplicate(_logger, messageId, new PeerAddressText(remote));
        if (!confirmable)
        {
            return;
        }

        if (outcome == DeduplicationOutcome.Responded)
        {
            _transport.Send(cached, remote);
        }
        else if (outcome == DeduplicationOutcome.AckSent)
        {
            SendEmpty(CoapMessageType.Acknowledgement, messageId, remote);
        }
    }

    private void Reject(CoapContext context, RequestRejection rejection, int offendingOption)
    {
        var response = context.Response;
        response.Code = RequestValidator.ToCode(rejection);
        CoapLog.RequestRejected(_logger, context.Method, new PeerAddressText(context.Peer), response.Code, RequestValidator.Describe(rejection));
        switch (rejection)
        {
            case RequestRejection.PayloadTooLarge:
                response.AddOption(CoapOptionNumber.Size1, (uint)_options.MaxRequestPayloadSize);
                break;
            case RequestRejection.Overloaded:
                response.AddOption(CoapOptionNumber.MaxAge, 1u);
                break;
            case var _ when RequestValidator.IsBadOption(rejection):
                Span<char> text = stackalloc char[64];
                if (text.TryWrite($"Bad critical option {offendingOption}", out var written))
                {
                    response.SetContentFormat(CoapContentFormat.TextPlain);
                    response.WritePayload(text[..written]);
                }

                break;
        }
    }

    private void Dispatch(CoapContext context)
    {
        if (context.OscoreBinding.Context is null && Oscore is not null && context.TryGetOption(CoapOptionNumber.Oscore, out _))
        {
            DispatchReassembledProtected(context);
            return;
        }

        if (!AdmitApplicationGroup(context))
        {
            CompleteResponse(context);
            return;
        }

        ValueTask pending;
        try
        {
            pending = _handler!.HandleAsync(context);
        }
        catch (Exception ex)
        {
            pending = ValueTask.FromException(ex);
        }

        if (pending.IsCompletedSuccessfully)
        {
            pending.GetAwaiter().GetResult();
            CompleteResponse(context);
            return;
        }

        if (pending.IsCompleted)
        {
            ObserveFailure(context, pending);
            CompleteResponse(context);
            return;
        }

        if (context.Type == CoapMessageType.Confirmable)
        {
            ScheduleSeparateResponse(context);
        }

        _ = AwaitHandlerAsync(context, pending);
    }

    private async Task AwaitHandlerAsync(CoapContext context, ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            HandlerFailed(context, ex);
        }

        CompleteResponse(context);
    }

    private void ObserveFailure(CoapContext context, ValueTask completed)
    {
        try
        {
            completed.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            HandlerFailed(context, ex);
        }
    }

    private void HandlerFailed(CoapContext context, Exception exception)
    {
        CoapLog.HandlerFailed(_logger, context.Method, new PeerAddressText(context.Peer), exception);
        context.Response.Reset();
        context.Response.Code = CoapCode.InternalServerError;
    }

    private void ReleaseInFlight()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _stopping.IsCancellationRequested)
        {
            _drained?.TrySetResult();
        }
    }

    /// <summary>Stops handing new requests to the handler and waits for running ones, up to the timeout.</summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _handler = null;
        await _stopping.CancelAsync().ConfigureAwait(false);
        var remaining = InFlightRequests;
        if (remaining == 0)
        {
            return;
        }

        CoapLog.Draining(_logger, remaining);
        try
        {
            await _drained.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // In-flight handlers were given their chance; shutdown goes on.
        }
    }
}
