using System.Net;
using System.Text;
using Coap.Codec;
using Coap.Diagnostics;
using Coap.Transport;

namespace Coap.Endpoint;

/// <summary>
/// The server side of group communication (draft-ietf-core-groupcomm-bis): what a datagram that arrived via
/// multicast may do, which responses to it are sent, and the Leisure they wait.
/// <code>
///   multicast datagram ─▶ malformed / not a request / CON / foreign Uri-Host ─▶ dropped, counted (never a Reset)
///                     └─▶ OnRequest ─▶ handler ─▶ SendResponse ─▶ suppressed? (opt-out, errors, empty 2.05,
///                                                   No-Response, amplification cap) ─▶ NON after [0, Leisure)
/// </code>
/// Confirmable group requests are ignored, not answered: RFC 7252 §8.1 says multicast requests are NON, an ACK
/// would be a unicast reply from every member at once (the implosion Leisure exists to avoid), and a Reset is never
/// sent to a multicast request. libcoap drops them the same way.
/// </summary>
internal sealed partial class CoapEndpoint
{
    private CoapGroupOptions _groupOptions = new();
    private IReadOnlyList<CoapGroup> _groups = [];
    private int _confirmableMulticastLogged;

    /// <summary>How requests that arrived via multicast are answered, and the groups whose names Uri-Host may carry.</summary>
    internal CoapGroupOptions GroupOptions
    {
        get => _groupOptions;
        init
        {
            _groups = value.Resolve();
            _applicationGroups = [.. value.ApplicationGroups.Select(ApplicationGroupName.From)];
            _groupOptions = value;
        }
    }

    /// <summary>Draws the Leisure delays; tests replace it.</summary>
    internal Random LeisureRandom { get; set; } = Random.Shared;

    /// <summary>The first filter of a datagram that arrived on a multicast address; what passes goes on as a request.</summary>
    private void OnMulticastDatagram(ReadOnlySpan<byte> datagram, in PeerAddress remote, in DatagramInfo info)
    {
        if (CoapMessageReader.TryRead(datagram, out var message) != CoapFormatError.None)
        {
            _metrics.FormatError();
            DropMulticast(MulticastDropReason.Malformed, remote);
            return;
        }

        if (!message.Code.IsRequest || _handler is null)
        {
            DropMulticast(MulticastDropReason.NotRequest, remote);
            return;
        }

        if (message.Type != CoapMessageType.NonConfirmable)
        {
            if (Interlocked.Exchange(ref _confirmableMulticastLogged, 1) == 0)
            {
                CoapLog.MulticastConfirmableIgnored(_logger, new PeerAddressText(remote), info.LocalAddress?.ToString() ?? "?");
            }

            DropMulticast(MulticastDropReason.Confirmable, remote);
            return;
        }

        if (message.TryGetOption(CoapOptionNumber.UriHost, out var uriHost) && !NamesJoinedGroup(uriHost, info.LocalAddress))
        {
            DropMulticast(MulticastDropReason.UnknownUriHost, remote);
            return;
        }

        OnRequest(datagram, message, remote, info);
    }

    private void DropMulticast(MulticastDropReason reason, in PeerAddress remote)
    {
        _metrics.MulticastDropped(reason);
        CoapLog.MulticastDropped(_logger, new PeerAddressText(remote), reason);
    }

    /// <summary>
    /// Uri-Host on a group request names the group (groupcomm-bis §2.1): one configured here, or the multicast
    /// address the request was sent to (a client may leave in what it would normally elide).
    /// </summary>
    private bool NamesJoinedGroup(ReadOnlySpan<byte> uriHost, IPAddress? destination)
    {
        var host = Encoding.UTF8.GetString(uriHost);
        if (destination is not null && CoapGroup.TryParseLiteral(host, out var literal) && SameAddress(literal, destination))
        {
            return true;
        }

        foreach (var group in _groups)
        {
            if (group.IsNamedBy(host))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the response the handler left is withheld, before it is encoded; counts and logs a suppression.</summary>
    private bool SuppressesMulticastResponse(CoapContext context)
    {
        var reason = MulticastSuppressionFor(context);
        if (reason == MulticastSuppression.None)
        {
            return false;
        }

        _metrics.MulticastResponseSuppressed(reason);
        CoapLog.MulticastResponseSuppressed(_logger, context.Response.Code, new PeerAddressText(context.Peer), reason);
        return true;
    }

    private MulticastSuppression MulticastSuppressionFor(CoapContext context)
    {
        if (context.ApplicationGroupRefused)
        {
            return MulticastSuppression.ForeignApplicationGroup;
        }

        if (context.MulticastSilenced)
        {
            return MulticastSuppression.NotOptedIn;
        }

        var code = context.Response.Code;
        if (NoResponse.Suppresses(context, code))
        {
            return MulticastSuppression.NoResponse;
        }

        // An authenticated client's No-Response says exactly what it wants; an unauthenticated one may only add
        // suppression (groupcomm-bis §6.5), or a spoofed "No-Response: 0" would make every member answer errors.
        var options = _groupOptions;
        if (options.NoResponseOverridesDefaults && context.OscoreBinding.Context is not null && context.TryGetOption(CoapOptionNumber.NoResponse, out _))
        {
            return MulticastSuppression.None;
        }

        if (options.SuppressErrorResponses && code.Class is 4 or 5)
        {
            return MulticastSuppression.Default;
        }

        return options.SuppressEmptyContent && code == CoapCode.Content && context.Response.Payload.IsEmpty
            ? MulticastSuppression.Default
            : MulticastSuppression.None;
    }

    /// <summary>
    /// Sends an encoded NON response to a multicast request: dropped when an unauthenticated sender would get more
    /// than the cap, otherwise after a uniformly random delay in [0, Leisure) (RFC 7252 §8.2).
    /// </summary>
    private void SendMulticastResponse(CoapContext context, ReadOnlySpan<byte> encoded)
    {
        var options = _groupOptions;
        if (context.OscoreBinding.Context is null && encoded.Length > options.MaxUnauthenticatedResponseSize)
        {
            _metrics.MulticastResponseSuppressed(MulticastSuppression.AmplificationCap);
            CoapLog.MulticastAmplificationCapped(_logger, encoded.Length, new PeerAddressText(context.Peer), options.MaxUnauthenticatedResponseSize);
            return;
        }

        _metrics.Response(context.Response.Code);
        if (context.MulticastDelaysDisabled)
        {
            // [Multicast(DelayResponses = false)]: the application scheduled its own delay (GC-LEI-07).
            _transport.Send(encoded, context.Peer);
            return;
        }

        DelayByLeisure(context.Peer, encoded, context.Response.Code, LeisureFor(context.Info.LocalAddress));
    }

    /// <summary>
    /// The Leisure for what answers a message that arrived on <paramref name="group"/>: that group's own when it is
    /// configured (GC-CC-14), else <see cref="CoapGroupOptions.Leisure"/> (also for All CoAP Nodes and unknown groups).
    /// </summary>
    internal TimeSpan LeisureFor(IPAddress? group)
    {
        if (group is not null)
        {
            foreach (var candidate in _groups)
            {
                if (candidate.Leisure is { } own && SameAddress(candidate.Address, group))
                {
                    return own;
                }
            }
        }

        return _groupOptions.Leisure;
    }

    /// <summary>Address equality that ignores an IPv6 scope and IPv4-mapping (a dual-mode socket reports both).</summary>
    private static bool SameAddress(IPAddress configured, IPAddress received)
    {
        if (received.IsIPv4MappedToIPv6)
        {
            received = received.MapToIPv4();
        }

        return configured.AddressFamily == received.AddressFamily &&
            configured.GetAddressBytes().AsSpan().SequenceEqual(received.GetAddressBytes());
    }

    /// <summary>Sends an encoded NON message after a uniformly random delay in [0, <paramref name="leisure"/>) (RFC 7252 §8.2).</summary>
    private void DelayByLeisure(in PeerAddress peer, ReadOnlySpan<byte> encoded, CoapCode code, TimeSpan leisure)
    {
        var delay = leisure * LeisureRandom.NextDouble();
        if (delay <= TimeSpan.Zero)
        {
            _transport.Send(encoded, peer);
            return;
        }

        // The caller's buffer is reused at once: the timer keeps its own copy of the bytes and the peer.
        _metrics.MulticastResponseDelayed();
        CoapLog.MulticastResponseDelayed(_logger, code, new PeerAddressText(peer), delay);
        var pending = new LeisureResponse(this, peer, encoded.ToArray());
        pending.Start(delay);
    }

    /// <summary>One response waiting out its Leisure; sent unless the endpoint is stopping by then.</summary>
    private sealed class LeisureResponse(CoapEndpoint endpoint, PeerAddress peer, byte[] datagram)
    {
        private ITimer? _timer;

        public void Start(TimeSpan delay) =>
            _timer = endpoint._time.CreateTimer(static s => ((LeisureResponse)s!).Fire(), this, delay, Timeout.InfiniteTimeSpan);

        private void Fire()
        {
            // A one-shot timer: disposing it only releases it early (it may fire before Start stored it).
            _timer?.Dispose();
            if (!endpoint._stopping.IsCancellationRequested)
            {
                endpoint._transport.Send(datagram, peer);
            }
        }
    }
}
