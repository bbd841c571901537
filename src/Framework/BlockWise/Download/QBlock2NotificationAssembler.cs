using System.Net;
using Coap.Diagnostics;
using Coap.Endpoint;

namespace Coap.BlockWise.Download;

/// <summary>
/// Puts Q-Block2 notifications together (RFC 9177 §4.5): their payloads arrive on the observation's token, all with the
/// same Observe value and ETag; a <see cref="QBlock2Download"/> per body asks for missing blocks and 'Continue' on its
/// own tokens. A payload with another ETag, or a notification without Q-Block2, supersedes the body being collected
/// (QB-40); each complete body is handed out once.
/// </summary>
internal sealed class QBlock2NotificationAssembler(CoapEndpoint endpoint, CoapMessage registration, IPEndPoint destination, CoapBlockWiseOptions options, int blockSize) : IDisposable
{
    private QBlock2Download? _current;
    private ReadOnlyMemory<byte>? _completedEtag;
    private uint? _completedObserve;

    /// <summary>The body being collected, to wait on along with new notifications; null when none is.</summary>
    public Task? Pending => _current?.Completion;

    /// <summary>Takes a payload of a Q-Block2 notification.</summary>
    public void Offer(CoapResponse payload)
    {
        var etag = payload.Options.TryGet(CoapOptionNumber.ETag, out var option) ? option.Value : (ReadOnlyMemory<byte>?)null;
        if (_current is not null && _current.IsFor(etag))
        {
            _current.OnResponse(payload);
            return;
        }

        if (_current is null && _completedObserve == payload.Observe && SameEtag(_completedEtag, etag))
        {
            // A late duplicate of the body already handed out (QB-36).
            return;
        }

        Supersede();
        _current = new QBlock2Download(endpoint, registration, destination, options, blockSize, progress: null);
        _current.Attach();
        _current.OnResponse(payload);
    }

    /// <summary>The complete body, once; a body that failed (blocks never came) is logged and dropped.</summary>
    public bool TryTakeCompleted(out CoapResponse? body)
    {
        body = null;
        if (_current is not { Completion.IsCompleted: true } done)
        {
            return false;
        }

        _current = null;
        if (done.Completion.IsCompletedSuccessfully)
        {
            body = done.Completion.Result;
            _completedEtag = body.Options.TryGet(CoapOptionNumber.ETag, out var option) ? option.Value : null;
            _completedObserve = body.Observe;
            return true;
        }

        if (done.Completion.Exception?.InnerException is { } failure)
        {
            CoapLog.NotificationBodyFailed(endpoint.Logger, 0, destination, failure);
        }

        return false;
    }

    /// <summary>A newer notification came whole: drop the body being collected.</summary>
    public void Supersede()
    {
        if (_current is { } current)
        {
            _current = null;
            current.Abandon();
            CoapLog.NotificationBodySuperseded(endpoint.Logger, 0, destination);
        }
    }

    public void Dispose() => _current?.Abandon();

    private static bool SameEtag(ReadOnlyMemory<byte>? a, ReadOnlyMemory<byte>? b) =>
        a is null ? b is null : b is not null && a.Value.Span.SequenceEqual(b.Value.Span);
}
