using System.Net;
using Coap.Diagnostics;
using Coap.Exchanges;

namespace Coap.Endpoint;

/// <summary>
/// Client-side Observe (RFC 7641): an observation keeps its token registered after the registration
/// exchange completes, so notifications (matched by token and peer in <see cref="OnResponse"/>) reach
/// it; tokens nobody holds keep getting RST, which is how servers learn to drop stale observers.
/// </summary>
internal sealed partial class CoapEndpoint
{
    /// <summary>Active observations by token. Guarded by <see cref="_exchangesGate"/>: a token is taken while either table holds it.</summary>
    private readonly Dictionary<TokenKey, ClientObservation> _observations = [];

    /// <summary>Observations whose token is still registered.</summary>
    public int ActiveObservations
    {
        get
        {
            lock (_exchangesGate)
            {
                return _observations.Count;
            }
        }
    }

    /// <summary>
    /// Registers an observation and sends its registration request (the request's Observe option is
    /// set here). The registration holds an NSTART slot only until its response arrives; the
    /// observation then lives until the server ends it, it fails or <see cref="StopObservation"/>.
    /// </summary>
    public ClientObservation StartObservation(CoapMessage registration, IPEndPoint destination, bool explicitToken, CoapObserveOptions options, int maxObservations)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        var peer = _transport.GetPeerAddress(destination);
        ClientObservation observation;
        ClientExchange exchange;
        lock (_exchangesGate)
        {
            if (_observations.Count >= maxObservations)
            {
                CoapLog.ObservationLimitReached(_logger, maxObservations, new PeerAddressText(peer));
                throw new CoapException($"Too many active observations ({maxObservations}; CoapClientOptions.MaxObservations).");
            }

            var token = ReserveToken(registration, explicitToken);
            observation = new ClientObservation(registration, peer, token, options, _time, OnObservationSilent, OnNotificationOverflow)
            {
                OscoreEntry = Oscore?.FindForRequest(registration, destination),
            };
            exchange = new ClientExchange(ProtectForObservation(observation, observation.CreateRequest(0)), peer, token) { Owner = this, Observation = observation };
            _observations.Add(token, observation);
            _exchanges.Add(token, exchange);
        }

        CoapLog.ObservationStarted(_logger, observation.Method, new PeerAddressText(peer));
        Submit(exchange, CancellationToken.None);
        ObserveFailure(exchange.Task);
        return observation;
    }

    /// <summary>
    /// The consumer is done: frees the token (a later notification gets RST) and, when the observation
    /// was established and cancels explicitly, sends the deregistration — the registration with
    /// Observe: 1, same token and options (RFC 7641 §3.6) — without waiting for its response.
    /// </summary>
    public void StopObservation(ClientObservation observation)
    {
        ClientExchange? pending = null;
        ClientExchange? deregistration = null;
        lock (_exchangesGate)
        {
            if (!_observations.TryGetValue(observation.Token, out var current) || current != observation)
            {
                // The server ended it, it failed, or the endpoint stopped: nothing to cancel.
                return;
            }

            _observations.Remove(observation.Token);
            if (_exchanges.TryGetValue(observation.Token, out var inFlight) && inFlight.Observation == observation)
            {
                pending = inFlight;
                _exchanges.Remove(observation.Token);
            }

            if (observation.CancelExplicitly && observation.Established && !_stopping.IsCancellationRequested)
            {
                // Taken under the same lock so no new exchange can grab the token in between.
                deregistration = new ClientExchange(ProtectForObservation(observation, observation.CreateRequest(1)), observation.Peer, observation.Token) { Owner = this };
                _exchanges.Add(observation.Token, deregistration);
            }
        }

        observation.End(failure: null);
        if (pending is not null)
        {
            Finish(pending);
            pending.TryCancel(CancellationToken.None);
        }

        CoapLog.ObservationCancelled(_logger, observation.Method, new PeerAddressText(observation.Peer), deregistration is not null);
        if (deregistration is not null)
        {
            Submit(deregistration, CancellationToken.None);
            ObserveFailure(deregistration.Task);
        }
    }

    /// <summary>Hands a response for an observation's token to it; a final one frees the token.</summary>
    private void DeliverNotification(ClientObservation observation, CoapResponse response, bool toRegistration)
    {
        if (VerifyNotification(observation, response) is not { } verified)
        {
            // Forged, replayed or reordered under OSCORE: dropped as if it never came (RFC 8613 §8.4).
            return;
        }

        response = verified;
        switch (observation.Offer(response, toRegistration))
        {
            case NotificationOutcome.Stale:
                CoapLog.StaleNotification(_logger, response.Observe ?? 0, new PeerAddressText(observation.Peer));
                break;
            case NotificationOutcome.Final:
                RemoveObservation(observation);
                CoapLog.ObservationEndedByServer(_logger, response.Code, new PeerAddressText(observation.Peer));
                break;
            default:
                break;
        }
    }

    /// <summary>Max-Age plus the margin passed without a fresh notification: register again with the same token (RFC 7641 §3.3.1).</summary>
    private void OnObservationSilent(ClientObservation observation)
    {
        ClientExchange exchange;
        lock (_exchangesGate)
        {
            if (_stopping.IsCancellationRequested ||
                !_observations.TryGetValue(observation.Token, out var current) || current != observation ||
                _exchanges.ContainsKey(observation.Token))
            {
                // Ended, or a (re-)registration is already on its way.
                return;
            }

            exchange = new ClientExchange(ProtectForObservation(observation, observation.CreateRequest(0)), observation.Peer, observation.Token) { Owner = this, Observation = observation };
            _exchanges.Add(observation.Token, exchange);
        }

        CoapLog.Reregistering(_logger, observation.Method, new PeerAddressText(observation.Peer));
        Submit(exchange, CancellationToken.None);
        ObserveFailure(exchange.Task);
    }

    private void OnNotificationOverflow(CoapResponse dropped) =>
        CoapLog.NotificationOverflow(_logger, dropped.Observe ?? 0, dropped.RemoteEndPoint);

    /// <summary>Ends an observation with an error (its registration failed, or the endpoint stops).</summary>
    private void EndObservation(ClientObservation observation, Exception exception)
    {
        if (RemoveObservation(observation) && observation.End(exception))
        {
            CoapLog.ObservationFailed(_logger, new PeerAddressText(observation.Peer), exception);
        }
    }

    private bool RemoveObservation(ClientObservation observation)
    {
        lock (_exchangesGate)
        {
            if (_observations.TryGetValue(observation.Token, out var current) && current == observation)
            {
                _observations.Remove(observation.Token);
                return true;
            }

            return false;
        }
    }

    private void EndAllObservations(Exception exception)
    {
        ClientObservation[] active;
        lock (_exchangesGate)
        {
            active = [.. _observations.Values];
        }

        foreach (var observation in active)
        {
            EndObservation(observation, exception);
        }
    }

    /// <summary>Nobody awaits these exchanges (the observation reports failures itself): observe their exceptions.</summary>
    private static void ObserveFailure(Task task) =>
        _ = task.ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
