using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Observe;
using Coap.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap;

/// <summary>
/// The server's observers (RFC 7641): registrations keyed by client endpoint, token and resource,
/// bounded by <see cref="CoapObservationOptions"/>. <see cref="Notify"/> renders a changed
/// resource once per distinct representation and sends it to each observer whose conditional
/// attributes let it through. Controllers use the typed <see cref="ICoapNotifier{TController}"/>.
/// </summary>
public sealed partial class CoapObservations
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ObservedResource> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<RegistrationKey, ObserveRegistration> _registrations = [];
    private readonly Dictionary<PeerAddress, int> _perPeer = [];
    private readonly Dictionary<(CoapEndpoint, Messaging.ExchangeKey), ObserveRegistration> _nonConfirmable = [];
    private readonly CoapObservationOptions _options;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private ILogger _logger = NullLogger.Instance;
    private CoapMetrics? _metrics;
    private bool _limitLogged;
    private int _completedRenderings;

    /// <summary>Creates an observer list; a <see cref="CoapServer"/> creates its own unless given one.</summary>
    public CoapObservations(CoapObservationOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new CoapObservationOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _origin = _time.GetTimestamp();
    }

    /// <summary>The registrations currently held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _registrations.Count;
            }
        }
    }

    /// <summary>The observers of the resource at <paramref name="path"/> (e.g. "/sensors/temp").</summary>
    public int GetObserverCount(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        lock (_gate)
        {
            if (!_resources.TryGetValue(path, out var resource))
            {
                return 0;
            }

            var count = 0;
            foreach (var group in resource.Groups)
            {
                count += group.Members.Count;
            }

            return count;
        }
    }

    /// <summary>
    /// Signals that the resource at <paramref name="path"/> changed. Returns at once; the resource
    /// is rendered in the background (changes arriving during a rendering are coalesced into one
    /// more) and each observer is notified as its conditions allow.
    /// </summary>
    public void Notify(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        lock (_gate)
        {
            if (_resources.TryGetValue(path, out var resource))
            {
                foreach (var group in resource.Groups)
                {
                    RequestRender(group);
                }
            }
        }
    }

    /// <summary>Renderings finished and delivered (tests wait on it: rendering runs on the thread pool).</summary>
    internal int CompletedRenderings => Volatile.Read(ref _completedRenderings);

    private TimeSpan Now => _time.GetElapsedTime(_origin);

    /// <summary>Gives the list the server's logger and counters (done once, before endpoints start).</summary>
    internal void Attach(ILogger logger, CoapMetrics metrics)
    {
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>For tests: the resource's Observe counter.</summary>
    internal void SetSequence(string path, uint value)
    {
        lock (_gate)
        {
            if (_resources.TryGetValue(path, out var resource))
            {
                resource.SetSequence(value);
            }
        }
    }
}
