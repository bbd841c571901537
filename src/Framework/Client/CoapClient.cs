using System.Diagnostics.Metrics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Coap.BlockWise.Download;
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
public sealed partial class CoapClient : IAsyncDisposable
{
    private readonly CoapEndpoint _endpoint;
    private readonly CoapMetrics _metrics;
    private readonly int _maxObservations;
    private readonly CoapBlockWiseOptions _blockWise;

    /// <summary>Creates a client bound to <see cref="CoapClientOptions.LocalEndPoint"/>.</summary>
    public CoapClient(CoapClientOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
    {
        options ??= new CoapClientOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxObservations, nameof(options));
        _maxObservations = options.MaxObservations;
        _group = ValidatedGroupOptions(options);
        _groupParameters = Exchanges.GroupParameterTable.Build(_group);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Coap.Client");
        _metrics = new CoapMetrics(meterFactory);
        var transport = new UdpTransport(options.LocalEndPoint, options.Udp, logger, _metrics);
        options.BlockWise.Validate();
        _blockWise = options.BlockWise;
        var oscore = Security.Oscore.Runtime.OscoreLayer.Create(options.Security, timeProvider ?? TimeProvider.System, logger, _metrics);
        _endpoint = new CoapEndpoint(transport, options.Messaging, _metrics, logger, timeProvider) { BlockWise = options.BlockWise, Oscore = oscore };
        _endpoint.Start(handler: null);
    }

    internal CoapClient(CoapEndpoint endpoint, CoapClientOptions? options = null)
    {
        _endpoint = endpoint;
        _metrics = new CoapMetrics();
        _maxObservations = (options ?? new CoapClientOptions()).MaxObservations;
        _group = ValidatedGroupOptions(options ?? new CoapClientOptions());
        _groupParameters = Exchanges.GroupParameterTable.Build(_group);
        _blockWise = endpoint.BlockWise;
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

    public Task<CoapResponse> PutAsync(string uri, Stream body, ushort? contentFormat = null, CancellationToken cancellationToken = default) =>
        SendAsync(CoapRequest.Put(uri).WithBody(body, contentFormat), cancellationToken);

    public Task<CoapResponse> PutAsync(string uri, PipeReader body, ushort? contentFormat = null, CancellationToken cancellationToken = default) =>
        SendAsync(CoapRequest.Put(uri).WithBody(body, contentFormat), cancellationToken);

    public Task<CoapResponse> PostAsync(string uri, Stream body, ushort? contentFormat = null, CancellationToken cancellationToken = default) =>
        SendAsync(CoapRequest.Post(uri).WithBody(body, contentFormat), cancellationToken);

    public Task<CoapResponse> PostAsync(string uri, PipeReader body, ushort? contentFormat = null, CancellationToken cancellationToken = default) =>
        SendAsync(CoapRequest.Post(uri).WithBody(body, contentFormat), cancellationToken);
#pragma warning restore CS1591

    /// <summary>
    /// Sends a request and waits for its response. Throws <see cref="CoapTimeoutException"/>
    /// when it is never acknowledged or answered, <see cref="CoapResetException"/> when the
    /// server resets it, <see cref="OperationCanceledException"/> on cancellation.
    /// </summary>
    public Task<CoapResponse> SendAsync(CoapRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(request, CoapCompletionOption.ResponseContentRead, cancellationToken);

    /// <summary>
    /// Sends a request and waits for its response, moving large bodies in blocks: a request body
    /// larger than one block goes as Block1 (or Q-Block1), and a response in blocks (Block2, Q-Block2)
    /// is collected. With <see cref="CoapCompletionOption.ResponseHeadersRead"/> the task completes
    /// with the first block and <see cref="CoapResponse.Body"/> streams the rest as it arrives.
    /// Progress goes to <see cref="CoapRequest.Progress"/>.
    /// </summary>
    public async Task<CoapResponse> SendAsync(CoapRequest request, CoapCompletionOption completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (message, destination) = await PrepareAsync(request, extraQuery: [], cancellationToken).ConfigureAwait(false);
        RefuseGroupDestination(destination, nameof(SendToGroupAsync));
        CoapResponse? first = null;
        if (IsBlockWiseUpload(request, message))
        {
            first = await UploadAsync(request, message, destination, cancellationToken).ConfigureAwait(false);
        }

        return await DownloadAsync(request, message, destination, first, completion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Observes a resource with GET (RFC 7641); see <see cref="ObserveAsync(CoapRequest, CoapObserveOptions?, CancellationToken)"/>.</summary>
    public IAsyncEnumerable<CoapResponse> ObserveAsync(string uri, CoapObserveOptions? options = null, CancellationToken cancellationToken = default) =>
        ObserveAsync(CoapRequest.Get(uri), options, cancellationToken);

    /// <summary>
    /// Observes a resource (RFC 7641): registers with <paramref name="request"/> (GET or FETCH, Observe: 0)
    /// when enumeration starts and yields the registration response, then each notification, newest
    /// state last; notifications that arrive out of order are dropped (RFC 7641 §3.4). When nothing
    /// arrives for Max-Age plus <see cref="CoapObserveOptions.ReregistrationMargin"/> the client registers again.
    /// </summary>
    /// <remarks>
    /// The sequence ends after a response without an Observe option or with a non-2.xx code: the server
    /// ended or refused the observation. Stopping the enumeration (break, dispose) cancels the observation,
    /// by default with an explicit deregistration (<see cref="CoapObserveOptions.CancelExplicitly"/>).
    /// Enumeration throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> (or the
    /// token given to <c>WithCancellation</c>) is cancelled, <see cref="CoapTimeoutException"/> or
    /// <see cref="CoapResetException"/> when a registration or re-registration is not answered or is reset,
    /// <see cref="CoapException"/> when <see cref="CoapClientOptions.MaxObservations"/> observations are active,
    /// and <see cref="ObjectDisposedException"/> when the client is disposed.
    /// </remarks>
    /// <exception cref="ArgumentException">The method is neither GET nor FETCH.</exception>
    public IAsyncEnumerable<CoapResponse> ObserveAsync(CoapRequest request, CoapObserveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method != CoapCode.Get && request.Method != CoapCode.Fetch)
        {
            throw new ArgumentException($"Only GET and FETCH can observe, not {request.Method.Name}.", nameof(request));
        }

        options ??= new CoapObserveOptions();
        options.Validate();
        return ObserveCoreAsync(request, options, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _endpoint.DisposeAsync().ConfigureAwait(false);

        // Saves the exact next sequence numbers of the client's contexts (RFC 8613 Appendix B.1.1).
        _endpoint.Oscore?.Dispose();
        _metrics.Dispose();
    }

    private async IAsyncEnumerable<CoapResponse> ObserveCoreAsync(CoapRequest request, CoapObserveOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var conditions = options.Conditions is { IsEmpty: false } attributes ? attributes.ToQuery(options.UseLegacyConditionNames) : [];
        var (message, destination) = await PrepareAsync(request, conditions, cancellationToken).ConfigureAwait(false);
        RefuseGroupDestination(destination, nameof(ObserveGroupAsync));
        using var qblock = await PrepareQBlockObservationAsync(request, message, destination, cancellationToken).ConfigureAwait(false);
        var observation = _endpoint.StartObservation(message, destination, request.Token is not null, options, _maxObservations);
        try
        {
            var reader = observation.Reader;
            Task<bool>? arrival = null;
            while (true)
            {
                if (qblock is not null && qblock.TryTakeCompleted(out var assembled))
                {
                    yield return assembled!;
                    continue;
                }

                arrival ??= reader.WaitToReadAsync(cancellationToken).AsTask();
                if (qblock?.Pending is { } pending && await Task.WhenAny(arrival, pending).ConfigureAwait(false) != arrival)
                {
                    // A Q-Block2 body completed (or failed) through its own missing-block requests.
                    continue;
                }

                var more = await arrival.ConfigureAwait(false);
                arrival = null;
                if (!more)
                {
                    break;
                }

                while (reader.TryRead(out var response))
                {
                    if (qblock is not null && response.Options.Contains(CoapOptionNumber.QBlock2) && response.IsSuccess)
                    {
                        // RFC 9177 §4.5: a payload of a Q-Block2 notification; the body is yielded once complete.
                        qblock.Offer(response);
                        if (qblock.TryTakeCompleted(out var whole))
                        {
                            yield return whole!;
                        }

                        continue;
                    }

                    qblock?.Supersede();
                    if (!Block2Download.StartsDownload(response))
                    {
                        yield return response;
                        continue;
                    }

                    // A block-wise notification (RFC 7959 §2.6): yielded once its remaining blocks arrived.
                    if (await CompleteNotificationAsync(response, message, destination, reader, cancellationToken).ConfigureAwait(false) is { } completed)
                    {
                        yield return completed;
                    }
                }
            }

            observation.ThrowIfFailed();
        }
        finally
        {
            _endpoint.StopObservation(observation);
        }
    }

    /// <summary>Builds the message for a request: URI options, then the request's own, then <paramref name="extraQuery"/> as Uri-Query.</summary>
    private static async Task<(CoapMessage Message, IPEndPoint Destination)> PrepareAsync(CoapRequest request, IReadOnlyList<string> extraQuery, CancellationToken cancellationToken)
    {
        var parts = CoapUri.Parse(request.Uri);
        if (parts.IsSecure)
        {
            throw new NotSupportedException("coaps:// (DTLS) is not supported; use OSCORE over coap://.");
        }

        if (extraQuery.Count > 0)
        {
            parts = parts with { QueryParameters = [.. parts.QueryParameters, .. extraQuery] };
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

        return (message, destination);
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
