using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Transport;
using Coap.Transport.Udp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap;

/// <summary>
/// A CoAP server: binds its endpoints, runs the messaging layer on each and hands every
/// complete, valid request to one <see cref="ICoapRequestHandler"/>.
/// </summary>
public sealed partial class CoapServer : IAsyncDisposable
{
    private readonly ICoapRequestHandler _handler;
    private readonly CoapServerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider? _timeProvider;
    private readonly CoapMetrics _metrics;
    private readonly Func<IPEndPoint, CoapUdpOptions, ICoapTransport> _transportFactory;
    private readonly List<CoapEndpoint> _endpoints = [];
    private Security.Oscore.Runtime.OscoreLayer? _oscore;
    private bool _started;

    /// <summary>Creates a server; call <see cref="StartAsync"/> to bind and listen.</summary>
    public CoapServer(ICoapRequestHandler handler, CoapServerOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
        : this(handler, options, loggerFactory, timeProvider, meterFactory, transportFactory: null)
    {
    }

    internal CoapServer(ICoapRequestHandler handler, CoapServerOptions? options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, IMeterFactory? meterFactory, Func<IPEndPoint, ICoapTransport>? transportFactory, CoapObservations? observations = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handler = handler;
        _options = options ?? new CoapServerOptions();
        _options.Messaging.Validate();
        _options.BlockWise.Validate();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Coap.Server");
        _timeProvider = timeProvider;
        _metrics = new CoapMetrics(meterFactory);
        _transportFactory = transportFactory is null
            ? (endPoint, udp) => new UdpTransport(endPoint, udp, _logger, _metrics)
            : (endPoint, _) => transportFactory(endPoint);
        Observations = observations ?? new CoapObservations(_options.Observe, timeProvider);
        Observations.Attach(_logger, _metrics);
    }

    /// <summary>The observers of this server's resources; <see cref="CoapObservations.Notify"/> signals a change.</summary>
    public CoapObservations Observations { get; }

    /// <summary>The bound endpoints, with actual ports; empty until started.</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints => _endpoints.ConvertAll(e => e.Transport.LocalEndPoint);

    internal IReadOnlyList<CoapEndpoint> Endpoints => _endpoints;

    /// <summary>
    /// Binds every configured endpoint and starts receiving. Throws <see cref="CoapException"/>
    /// naming the endpoint when one cannot be bound (e.g. the port is in use).
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        var urls = _options.Endpoints.Count > 0 ? _options.Endpoints : [CoapServerOptions.DefaultEndpoint];
        var endPoints = urls.Select(EndpointUrl.Parse).ToList();

        // One set of OSCORE contexts for all endpoints: their sequence numbers and replay windows are per context.
        _oscore = Security.Oscore.Runtime.OscoreLayer.Create(_options.Security, _timeProvider ?? TimeProvider.System, _logger, _metrics);
        var unassignedGroups = _options.Groups.Resolve().ToList();
        var assignedGroups = new List<CoapGroup>();
        try
        {
            foreach (var endPoint in endPoints)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ICoapTransport transport;
                try
                {
                    transport = _transportFactory(endPoint, UdpOptionsFor(endPoint, unassignedGroups, assignedGroups));
                }
                catch (SocketException ex)
                {
                    throw new CoapException($"Cannot listen on coap://{endPoint}: {ex.SocketErrorCode} ({ex.Message}).", ex);
                }

                var endpoint = new CoapEndpoint(transport, _options.Messaging, _metrics, _logger, _timeProvider)
                {
                    Observations = Observations,
                    BlockWise = _options.BlockWise,
                    TransferPolicy = _handler as Routing.ICoapTransferPolicy,
                    Oscore = _oscore,
                    GroupOptions = _options.Groups,
                };
                _endpoints.Add(endpoint);
                RecordMemberships(assignedGroups, endpoint);
                assignedGroups.Clear();
                endpoint.Start(_handler);
                CoapLog.Listening(_logger, transport.LocalEndPoint);
            }
        }
        catch
        {
            foreach (var endpoint in _endpoints)
            {
                endpoint.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            _endpoints.Clear();
            ForgetMemberships();
            _oscore?.Dispose();
            _oscore = null;
            throw;
        }

        // Groups no endpoint could receive (none of their address family) are members in name only; they can be left.
        RecordMemberships(unassignedGroups, listener: null);

        _started = true;
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting requests, lets in-flight ones finish (up to the shutdown timeout) and closes the sockets.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_started)
        {
            return;
        }

        lock (_membershipGate)
        {
            // No group is joined from here on (JoinGroup checks this under the same lock).
            _started = false;
        }

        await Task.WhenAll(_endpoints.Select(e => e.DrainAsync(_options.ShutdownTimeout, cancellationToken))).ConfigureAwait(false);
        foreach (var endpoint in _endpoints)
        {
            await endpoint.DisposeAsync().ConfigureAwait(false);
        }

        _endpoints.Clear();
        ForgetMemberships();

        // Saves the exact next sequence numbers, so the next start skips none (RFC 8613 Appendix B.1.1).
        _oscore?.Dispose();
        _oscore = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _metrics.Dispose();
    }
}
