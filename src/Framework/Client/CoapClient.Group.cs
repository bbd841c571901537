using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Coap.BlockWise.Download;
using Coap.Diagnostics;

namespace Coap;

public sealed partial class CoapClient
{
    /// <summary>The longest deadline a timer takes (about 49 days).</summary>
    private static readonly TimeSpan LongestGroupTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private readonly CoapGroupClientOptions _group;
    private readonly Exchanges.GroupParameterTable _groupParameters;

    /// <summary>Sends GET to a group URI; see <see cref="SendToGroupAsync(CoapRequest, TimeSpan, CancellationToken)"/>.</summary>
    public IAsyncEnumerable<CoapResponse> SendToGroupAsync(string uri, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        SendToGroupAsync(CoapRequest.Get(uri), timeout, cancellationToken);

    /// <summary>
    /// Sends a request once to a CoAP group (draft-ietf-core-groupcomm-bis §3.1) and yields every response that
    /// arrives within <paramref name="timeout"/>, each with <see cref="CoapResponse.RemoteEndPoint"/> naming the server
    /// that sent it. The URI's host is an IP multicast address (<c>coap://224.0.1.187/…</c>,
    /// <c>coap://[ff02::fd%25eth0]/…</c>) or a name resolving to one. A server may answer more than once; every
    /// response is yielded, a network duplicate of the same datagram once.
    /// </summary>
    /// <remarks>
    /// <para>The request always goes non-confirmable, whatever <see cref="CoapRequest.Type"/> says: a multicast request is
    /// never confirmable (RFC 7252 §8.1), and <see cref="CoapRequest"/> defaults to confirmable. Confirmable responses
    /// are acknowledged.</para>
    /// <para>When a response is the first block of several (Block2 with M=1) the rest is fetched from that server alone
    /// by unicast (§3.8) and the whole body is yielded as one response. Those transfers finish even after the deadline;
    /// stopping the enumeration or cancelling stops them.</para>
    /// <para>Congestion control (§3.6) may hold the request back before it goes out: at most
    /// <see cref="CoapGroupClientOptions.NStart"/> group requests are open per group, and a group that answered
    /// nothing since the last transmission gets no more than <see cref="CoapGroupClientOptions.ProbingRate"/> bytes per
    /// second. <paramref name="timeout"/> counts from when the request goes out.</para>
    /// <para>After the deadline the token stays in quarantine for <see cref="CoapGroupClientOptions.EffectiveMinTokenReuseTime"/>
    /// (§3.1.5); responses still arriving on it are dropped, without a Reset. Stopping the enumeration early ends the
    /// request the same way. Cancellation throws <see cref="OperationCanceledException"/>.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The destination is not a multicast address, the port is 5684 (never used for groups,
    /// §3.4), the request has a body to send in blocks or a Q-Block option (block-wise requests are not defined for groups, §3.8),
    /// or it is larger than <see cref="CoapGroupClientOptions.MaxRequestSize"/>.</exception>
    /// <exception cref="CoapException"><see cref="CoapGroupClientOptions.MaxGroupTokens"/> tokens are in flight or in quarantine,
    /// or <see cref="CoapGroupClientOptions.MaxQueuedRequestsPerGroup"/> requests wait for the group already.</exception>
    public IAsyncEnumerable<CoapResponse> SendToGroupAsync(CoapRequest request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, LongestGroupTimeout);
        ValidateGroupRequest(request);
        return SendToGroupCoreAsync(request, timeout, cancellationToken);
    }

    private const int GroupForbiddenPort = 5684;

    /// <summary>Checks what can be checked before sending: no block-wise request body, no Q-Block, a multicast literal (names are checked once resolved).</summary>
    private static void ValidateGroupRequest(CoapRequest request)
    {
        if (request.BodyReader is not null)
        {
            throw new ArgumentException("A group request cannot carry a body in blocks: Block1 is not defined for groups.", nameof(request));
        }

        if (request.Options.Contains(CoapOptionNumber.QBlock1) || request.Options.Contains(CoapOptionNumber.QBlock2))
        {
            throw new ArgumentException("Q-Block options are not allowed in group requests (RFC 9177 §4.8).", nameof(request));
        }

        var parts = CoapUri.Parse(request.Uri);
        if (parts.Port == GroupForbiddenPort)
        {
            throw new ArgumentException($"Port {GroupForbiddenPort} is never used for group communication.", nameof(request));
        }

        if (request.Destination is { } destination)
        {
            EnsureMulticast(destination);
        }
        else if (IPAddress.TryParse(parts.Host, out var literal))
        {
            EnsureMulticast(new IPEndPoint(literal, parts.Port));
        }
    }

    private static void EnsureMulticast(IPEndPoint destination)
    {
        if (!IsMulticast(destination.Address) || destination.Port == GroupForbiddenPort)
        {
            throw new ArgumentException($"{destination} is not a group address: use an IP multicast address, on a port other than {GroupForbiddenPort}.", "request");
        }
    }

    /// <summary>
    /// A request to a multicast address has many answers and must go NON (groupcomm-bis, GC-MC-01): the unicast
    /// calls refuse it and name the group call to use instead.
    /// </summary>
    private static void RefuseGroupDestination(IPEndPoint destination, string groupMethod)
    {
        if (IsMulticast(destination.Address))
        {
            throw new ArgumentException($"{destination.Address} is a multicast address: a group request can have many responses; use {groupMethod}.", "request");
        }
    }

    private static bool IsMulticast(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => (address.GetAddressBytes()[0] & 0xF0) == 0xE0,
        AddressFamily.InterNetworkV6 => address.IsIPv4MappedToIPv6 ? IsMulticast(address.MapToIPv4()) : address.IsIPv6Multicast,
        _ => false,
    };

    private static CoapGroupClientOptions ValidatedGroupOptions(CoapClientOptions options)
    {
        options.Group.Validate();
        return options.Group;
    }

    private async IAsyncEnumerable<CoapResponse> SendToGroupCoreAsync(CoapRequest request, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (message, destination) = await PrepareAsync(request, extraQuery: [], cancellationToken).ConfigureAwait(false);
        EnsureMulticast(destination);
        var exchange = _endpoint.StartGroupExchange(message, destination, request.Token is not null, timeout, _group, _groupParameters, cancellationToken);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var continuations = new List<Task<CoapResponse?>>();
        try
        {
            var reader = exchange.Reader;
            var open = true;
            Task<bool>? arrival = null;
            while (open || continuations.Count > 0)
            {
                for (var i = continuations.Count - 1; i >= 0; i--)
                {
                    if (continuations[i].IsCompleted)
                    {
                        var done = continuations[i];
                        continuations.RemoveAt(i);
                        if (await done.ConfigureAwait(false) is { } whole)
                        {
                            yield return whole;
                        }
                    }
                }

                while (open && reader.TryRead(out var response))
                {
                    if (Block2Download.StartsDownload(response))
                    {
                        continuations.Add(ContinueBlock2Async(message, response, stopping.Token));
                        continue;
                    }

                    yield return response;
                }

                if (open)
                {
                    arrival ??= reader.WaitToReadAsync(cancellationToken).AsTask();
                }

                Task[] waits = open ? [arrival!, .. continuations] : [.. continuations];
                if (waits.Length == 0)
                {
                    break;
                }

                await Task.WhenAny(waits).ConfigureAwait(false);
                if (arrival is { IsCompleted: true })
                {
                    open = await arrival.ConfigureAwait(false);
                    arrival = null;
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
            await stopping.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Fetches the remaining blocks of one server's response by unicast (draft-ietf-core-groupcomm-bis §3.8): confirmable
    /// requests for block 1 onwards with the group request's options, to the address the first block came from.
    /// </summary>
    /// <returns>The whole response, or null when the transfer failed (logged; the group request goes on).</returns>
    private async Task<CoapResponse?> ContinueBlock2Async(CoapMessage groupRequest, CoapResponse first, CancellationToken cancellationToken)
    {
        var template = new CoapMessage { Type = CoapMessageType.Confirmable, Code = groupRequest.Code, Payload = groupRequest.Payload };
        foreach (var option in groupRequest.Options)
        {
            template.Options.Add(option);
        }

        var sink = new BufferedDownloadSink();
        var download = new Block2Download(_endpoint, template, first.RemoteEndPoint, _blockWise, progress: null, sink);
        try
        {
            var next = await download.AcceptAsync(first, cancellationToken).ConfigureAwait(false);
            await download.CompleteAsync(next, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CoapLog.GroupContinuationFailed(_endpoint.Logger, first.RemoteEndPoint, ex);
            return null;
        }

        return Assemble(download.Header!, sink.Body, first.RemoteEndPoint);
    }
}
