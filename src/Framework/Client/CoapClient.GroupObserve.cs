using System.Net;
using System.Runtime.CompilerServices;
using Coap.Exchanges;

namespace Coap;

public sealed partial class CoapClient
{
    /// <summary>Observes a resource at every member of a group with GET; see <see cref="ObserveGroupAsync(CoapRequest, CancellationToken)"/>.</summary>
    public IAsyncEnumerable<CoapResponse> ObserveGroupAsync(string uri, CancellationToken cancellationToken = default) =>
        ObserveGroupAsync(CoapRequest.Get(uri), cancellationToken);

    /// <summary>
    /// Observes a resource at every member of a group (draft-ietf-core-groupcomm-bis §3.7): one NON GET or FETCH with
    /// Observe: 0 to the group, then every member's registration response and notifications on the one token, each
    /// with <see cref="CoapResponse.RemoteEndPoint"/> naming the member, until the enumeration stops or is cancelled.
    /// Ordering (RFC 7641 §3.4) is kept per member: a member's notification older than its latest one is dropped.
    /// </summary>
    /// <remarks>
    /// A member's response without Observe or with an error code ends that member's part only (the draft allows
    /// members outside the application group to answer 4.04). Stopping the enumeration sends the registration once
    /// more with Observe: 1 to the group, cancelling at every member at once, and quarantines the token as for
    /// <see cref="SendToGroupAsync(CoapRequest, TimeSpan, CancellationToken)"/>. Notifications in blocks are yielded
    /// as their first block. Members are not re-registered when they fall silent.
    /// </remarks>
    /// <exception cref="ArgumentException">The method is neither GET nor FETCH, or the destination is not a group.</exception>
    public IAsyncEnumerable<CoapResponse> ObserveGroupAsync(CoapRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method != CoapCode.Get && request.Method != CoapCode.Fetch)
        {
            throw new ArgumentException($"Only GET and FETCH can observe, not {request.Method.Name}.", nameof(request));
        }

        ValidateGroupRequest(request);
        return ObserveGroupCoreAsync(request, cancellationToken);
    }

    private async IAsyncEnumerable<CoapResponse> ObserveGroupCoreAsync(CoapRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (message, destination) = await PrepareAsync(request, extraQuery: [], cancellationToken).ConfigureAwait(false);
        EnsureMulticast(destination);
        message.Options.Remove(CoapOptionNumber.Observe);
        message.Options.Add(CoapOptionNumber.Observe, 0u);
        var exchange = _endpoint.StartGroupExchange(message, destination, request.Token is not null, Timeout.InfiniteTimeSpan, _group, _groupParameters, cancellationToken);
        var time = _endpoint.Time;
        var freshnessWindow = 128 * time.TimestampFrequency;
        var latest = new Dictionary<IPEndPoint, (uint Value, long Time)>();
        try
        {
            var reader = exchange.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var response))
                {
                    var source = response.RemoteEndPoint;
                    if (!response.IsSuccess || response.Observe is not { } observe)
                    {
                        // This member refused or ended its part; a later registration response starts it afresh.
                        latest.Remove(source);
                        yield return response;
                        continue;
                    }

                    var now = time.GetTimestamp();
                    var value = observe & 0xFF_FFFF;
                    if (latest.TryGetValue(source, out var previous) && !ClientObservation.IsNewer(previous.Value, previous.Time, value, now, freshnessWindow))
                    {
                        continue;
                    }

                    latest[source] = (value, now);
                    yield return response;
                }
            }

            if (exchange.Failure is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            _endpoint.EndGroupExchange(exchange);
            _endpoint.SendGroupDeregistration(exchange);
        }
    }
}
