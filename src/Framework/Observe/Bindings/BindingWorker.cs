using System.Net;
using System.Net.Sockets;
using Coap.Diagnostics;

namespace Coap.Observe.Bindings;

/// <summary>
/// Carries out one Binding Table entry until cancelled (draft-ietf-core-dynlink §4.1):
/// <list type="bullet">
/// <item><c>obs</c> (LB-07): observes the source with the entry's conditions over the destination's
/// defaults as <c>c.*</c> Uri-Query, and PUTs each notification, payload and Content-Format, to the
/// local destination, the registration response (the current state) included.</item>
/// <item><c>poll</c> (LB-06): GETs the source every pmax (else pmin, else the configured interval), keeps
/// st/gt/lt/band/edge copies only (compared with the last copy), and PUTs them to the local destination.</item>
/// <item><c>push</c>/<c>exec</c> (LB-08, LB-09): observes the local source with the entry's conditions, so the
/// server's own evaluator decides when they hold (B5), and sends each notification (not the registration
/// response: that is the state before any change) to the destination with PUT or POST; to a multicast
/// group as NON without waiting for responses (LB-10).</item>
/// </list>
/// Failures are logged once until the next success; a lost observation is registered again after
/// 1 s, doubling up to 60 s.
/// </summary>
internal sealed partial class BindingWorker(BindingWorkerContext context, LinkBinding entry)
{
    /// <summary>The first wait before observing a source again.</summary>
    internal static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before observing a source again.</summary>
    internal static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    /// <summary>How long a group request stays open for a response that may never come (LB-10).</summary>
    internal static readonly TimeSpan GroupResponseWait = TimeSpan.FromSeconds(2);

    // The local source answers over loopback and notifies on change only: re-registering when it is silent
    // would yield the re-registration response, i.e. push a state whose conditions never held (LB-08).
    private static readonly TimeSpan s_localReregistrationMargin = TimeSpan.FromDays(365);

    // Task.Delay takes at most 2^32 - 2 ms; longer intervals (valid pmin/pmax up to 1e9 s) wait in chunks.
    private static readonly TimeSpan s_longestDelay = TimeSpan.FromDays(24);

    private bool _sourceFailureLogged;
    private bool _destinationFailureLogged;

    /// <summary>Runs the binding until <paramref name="cancellationToken"/> is cancelled; never throws.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            switch (entry.Method)
            {
                case BindingMethods.Observe:
                    await ObserveAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case BindingMethods.Poll:
                    await PollAsync(cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await PushAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Removed from the table, or the engine stops.
        }
        catch (ObjectDisposedException)
        {
            // The client is gone: the application is shutting down.
        }
        catch (Exception ex)
        {
            CoapLog.BindingCrashed(context.Logger, entry, ex);
        }
    }

    /// <summary>
    /// The request URI of the local end of an entry: the server's base with the reference's path and
    /// query as written (still percent-encoded), whether it is a path or a loopback URI.
    /// </summary>
    internal static string ToLocalUri(string localBase, string reference)
    {
        if (reference.StartsWith('/'))
        {
            return localBase + reference;
        }

        var authority = reference.IndexOf("://", StringComparison.Ordinal) + 3;
        var rest = reference.IndexOfAny(['/', '?', '#'], authority);
        return rest < 0 || reference[rest] == '#' ? localBase + "/" : localBase + reference[rest..];
    }

    /// <summary>The request URI of the other end: a path is a resource of this server, a URI is used as written.</summary>
    internal static string ToRemoteUri(string localBase, string reference) =>
        reference.StartsWith('/') ? localBase + reference : reference;

    /// <summary>Whether the URI's host is an IPv4 (224.0.0.0/4) or IPv6 (ff00::/8) multicast address.</summary>
    internal static bool IsGroup(string uri)
    {
        if (!CoapUri.TryParse(uri, out var parts) || !IPAddress.TryParse(parts.Host, out var address))
        {
            return false;
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? address.IsIPv6Multicast
            : (address.GetAddressBytes()[0] & 0xF0) == 0xE0;
    }

    private ConditionalAttributes ConditionsAt(string localReference)
    {
        var defaults = BindingReference.TryResolve(localReference, out var path) && path is not null
            ? context.ResolveLocal(path)?.Defaults
            : null;
        return BindingConditions.Merge(defaults ?? ConditionalAttributes.None, entry.Conditions);
    }

    private Task ObserveAsync(CancellationToken cancellationToken)
    {
        var destination = ToLocalUri(context.LocalBase, entry.Destination);
        var options = new CoapObserveOptions { Conditions = ConditionsAt(entry.Destination) };
        return FollowAsync(
            ToRemoteUri(context.LocalBase, entry.Source),
            options,
            skipRegistrationResponse: false,
            (state, token) => DeliverAsync(CoapCode.Put, destination, state, group: false, token),
            cancellationToken);
    }

    private Task PushAsync(CancellationToken cancellationToken)
    {
        var destination = ToRemoteUri(context.LocalBase, entry.Destination);
        var method = entry.Method == BindingMethods.Push ? CoapCode.Put : CoapCode.Post;
        var group = IsGroup(destination);
        var options = new CoapObserveOptions
        {
            Conditions = ConditionsAt(entry.Source),
            ReregistrationMargin = s_localReregistrationMargin,
        };
        return FollowAsync(
            ToLocalUri(context.LocalBase, entry.Source),
            options,
            skipRegistrationResponse: true,
            (state, token) => DeliverAsync(method, destination, state, group, token),
            cancellationToken);
    }

    /// <summary>Observes <paramref name="source"/> for ever, handing each 2.xx response to <paramref name="deliver"/>; registers again after a loss.</summary>
    private async Task FollowAsync(
        string source,
        CoapObserveOptions options,
        bool skipRegistrationResponse,
        Func<CoapResponse, CancellationToken, Task<bool>> deliver,
        CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                var first = true;
                await foreach (var response in context.Client.ObserveAsync(source, options, cancellationToken).ConfigureAwait(false))
                {
                    if (!response.IsSuccess)
                    {
                        SourceRefused(source, response.Code);
                        break;
                    }

                    if (response.Observe is not null)
                    {
                        // Registered: the source works again.
                        _sourceFailureLogged = false;
                        delay = FirstRetryDelay;
                    }

                    if (!first || !skipRegistrationResponse)
                    {
                        await deliver(response, cancellationToken).ConfigureAwait(false);
                    }

                    first = false;
                }
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                SourceFailed(source, ex);
            }

            CoapLog.BindingObservationEnded(context.Logger, entry, source, delay);
            await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
        }
    }

    /// <summary>Sends a copy of <paramref name="state"/> to <paramref name="uri"/>; true when it was accepted (2.xx).</summary>
    private async Task<bool> DeliverAsync(CoapCode method, string uri, CoapResponse state, bool group, CancellationToken cancellationToken)
    {
        var request = new CoapRequest(method, uri).WithPayload(state.Payload, state.ContentFormat);
        if (group)
        {
            // LB-10: NON to the group, and nothing waits for the answers (which may never come).
            _ = SendToGroupAsync(request.AsNonConfirmable(), cancellationToken);
            return true;
        }

        try
        {
            var response = await context.Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                _destinationFailureLogged = false;
                return true;
            }

            if (!_destinationFailureLogged)
            {
                _destinationFailureLogged = true;
                CoapLog.BindingDestinationRefused(context.Logger, entry, method, uri, response.Code);
            }
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            if (!_destinationFailureLogged)
            {
                _destinationFailureLogged = true;
                CoapLog.BindingDestinationFailed(context.Logger, entry, method, uri, ex);
            }
        }

        return false;
    }

    private async Task SendToGroupAsync(CoapRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // The answers (any number, or none) are read and dropped until the wait ends.
            await foreach (var _ in context.Client.SendToGroupAsync(request, GroupResponseWait, cancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch (OperationCanceledException)
        {
            // No member answered in time, or the binding was removed: both are fine for a group.
        }
        catch (Exception ex)
        {
            CoapLog.BindingGroupSendFailed(context.Logger, entry, request.Method, request.Uri, ex);
        }
    }

    private void SourceFailed(string source, Exception exception)
    {
        if (!_sourceFailureLogged)
        {
            _sourceFailureLogged = true;
            CoapLog.BindingSourceFailed(context.Logger, entry, source, exception);
        }
    }

    private void SourceRefused(string source, CoapCode code)
    {
        if (!_sourceFailureLogged)
        {
            _sourceFailureLogged = true;
            CoapLog.BindingSourceRefused(context.Logger, entry, source, code);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        while (delay > TimeSpan.Zero)
        {
            var step = delay < s_longestDelay ? delay : s_longestDelay;
            await Task.Delay(step, context.Time, cancellationToken).ConfigureAwait(false);
            delay -= step;
        }
    }

    // Network and protocol failures are retried; cancellation of the binding and a disposed client end it.
    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        exception is not ObjectDisposedException
        && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
