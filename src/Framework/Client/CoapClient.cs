using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Transport.Udp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap;

/// <summary>
/// Sends CoAP requests over UDP and returns their responses: confirmable requests are
/// retransmitted until acknowledged, responses matched by token and endpoint, separate
/// responses acknowledged. One client uses one local socket; share it.
/// </summary>
public sealed class CoapClient : IAsyncDisposable
{
    private readonly CoapEndpoint _endpoint;
    private readonly CoapMetrics _metrics;

    /// <summary>Creates a client bound to <see cref="CoapClientOptions.LocalEndPoint"/>.</summary>
    public CoapClient(CoapClientOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
    {
        options ??= new CoapClientOptions();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Coap.Client");
        _metrics = new CoapMetrics(meterFactory);
        var transport = new UdpTransport(options.LocalEndPoint, options.Udp, logger, _metrics);
        _endpoint = new CoapEndpoint(transport, options.Messaging, _metrics, logger, timeProvider);
        _endpoint.Start(handler: null);
    }

    internal CoapClient(CoapEndpoint endpoint)
    {
        _endpoint = endpoint;
        _metrics = new CoapMetrics();
    }

    /// <summary>The local endpoint requests are sent from.</summary>
    public IPEndPoint LocalEndPoint => _endpoint.Transport.LocalEndPoint;

#pragma warning disable CS1591 // One line each: the method says which request it sends.
    public Task<CoapResponse> GetAsync(string uri, CancellationToken cancellationToken = default) =>
        SendAsync(CoapRequest.Get(uri), cancellationToken);

    public Task<CoapResponse> DeleteAsync(string uri, CancellationToken cancellationToken = default) =>
        SendAsync(CoapRequest.Delete(uri), cancellationToken);

    public Task<CoapResponse> PostAsync(string uri, ReadOnlyMemory<byte> payload, ushort? contentFormat = null, CancellationToken cancellationToken = default) =>
        SendAsync(CoapRequest.Post(uri).WithPayload(payload, contentFormat), cancellationToken);

    public Task<CoapResponse> PutAsync(string uri, ReadOnlyMemory<byte> payload, ushort? contentFormat = null, CancellationToken cancellationToken = default) =>
        SendAsync(CoapRequest.Put(uri).WithPayload(payload, contentFormat), cancellationToken);

    public Task<CoapResponse> FetchAsync(string uri, ReadOnlyMemory<byte> payload, ushort? contentFormat = null, CancellationToken cancellationToken = default) =>
        SendAsync(CoapRequest.Fetch(uri).WithPayload(payload, contentFormat), cancellationToken);

    public Task<CoapResponse> PatchAsync(string uri, ReadOnlyMemory<byte> payload, ushort? contentFormat = null, CancellationToken cancellationToken = default) =>
        SendAsync(CoapRequest.Patch(uri).WithPayload(payload, contentFormat), cancellationToken);

    public Task<CoapResponse> IPatchAsync(string uri, ReadOnlyMemory<byte> payload, ushort? contentFormat = null, CancellationToken cancellationToken = default) =>
        SendAsync(CoapRequest.IPatch(uri).WithPayload(payload, contentFormat), cancellationToken);
#pragma warning restore CS1591

    /// <summary>
    /// Sends a request and waits for its response. Throws <see cref="CoapTimeoutException"/>
    /// when it is never acknowledged or answered, <see cref="CoapResetException"/> when the
    /// server resets it, <see cref="OperationCanceledException"/> on cancellation.
    /// </summary>
    public async Task<CoapResponse> SendAsync(CoapRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parts = CoapUri.Parse(request.Uri);
        if (parts.IsSecure)
        {
            throw new NotSupportedException("coaps:// (DTLS) is not supported; use OSCORE over coap://.");
        }

        var destination = request.Destination ?? await ResolveAsync(parts, cancellationToken).ConfigureAwait(false);
        var message = new CoapMessage { Type = request.Type, Code = request.Method, Payload = request.Payload };
        CoapUri.AddOptions(parts, message.Options, destination.Port);
        foreach (var option in request.Options)
        {
            message.Options.Add(option);
        }

        if (request.Token is { } token)
        {
            message.Token = token;
        }

        return await _endpoint.SendRequestAsync(message, destination, request.Token is not null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _endpoint.DisposeAsync().ConfigureAwait(false);
        _metrics.Dispose();
    }

    private static async Task<IPEndPoint> ResolveAsync(CoapUriParts parts, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(parts.Host, out var literal))
        {
            return new IPEndPoint(literal, parts.Port);
        }

        var addresses = await Dns.GetHostAddressesAsync(parts.Host, cancellationToken).ConfigureAwait(false);
        var chosen = Array.Find(addresses, a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new CoapException($"The host '{parts.Host}' has no address.");
        return new IPEndPoint(chosen, parts.Port);
    }
}
