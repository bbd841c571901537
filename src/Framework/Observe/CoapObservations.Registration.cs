using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Exchanges;
using Coap.Observe;

namespace Coap;

public sealed partial class CoapObservations
{
    /// <summary>
    /// Called with the handler's response to a request that enabled Observe, before it is sent:
    /// adds, replaces or removes the registration and stamps the Observe option (RFC 7641 §3.1, §4.1).
    /// </summary>
    internal void OnResponse(CoapEndpoint endpoint, CoapContext context)
    {
        var response = context.Response;
        var registering = context.ObserveIntent == ObserveIntent.Register && response.Code.IsSuccess;
        if (!registering && !HasRegistrations(context.Peer))
        {
            // The common plain GET: nothing to cancel, and no path string to build.
            return;
        }

        var key = new RegistrationKey(endpoint, context.Peer, TokenKey.From(context.Token), context.GetPath());
        if (!registering)
        {
            // A cancellation, or a registration the resource refused: no observation remains.
            Remove(key, RemovalReason.Deregistered);
            return;
        }

        var representation = NotificationRepresentation.From(response);
        if (context.ObserveConditions.ValidateFor(representation.Value.Kind) is { } problem)
        {
            Remove(key, RemovalReason.Deregistered);
            Refuse(context, CoapCode.BadRequest, problem);
            return;
        }

        lock (_gate)
        {
            var now = Now;
            if (_registrations.TryGetValue(key, out var registration))
            {
                // Re-registration (RFC 7641 §4.1): replaces the entry, keeps its place in the sequence.
                registration.Evaluator = new ConditionEvaluator(context.ObserveConditions);
                MoveToGroup(registration, context, representation);
            }
            else
            {
                if (_registrations.Count >= _options.MaxObservations ||
                    _perPeer.GetValueOrDefault(key.Peer) >= _options.MaxObservationsPerPeer)
                {
                    RefuseOverLimit(context);
                    return;
                }

                registration = new ObserveRegistration(this, key, context.Token.ToArray(), new ConditionEvaluator(context.ObserveConditions), now);
                _registrations.Add(key, registration);
                _perPeer[key.Peer] = _perPeer.GetValueOrDefault(key.Peer) + 1;
                MoveToGroup(registration, context, representation);
                _metrics?.ObserverAdded();
                CoapLog.ObserverAdded(_logger, key.Path, new PeerAddressText(key.Peer));
            }

            registration.GroupAddress = context.IsMulticast && !context.MulticastDelaysDisabled ? context.Info.LocalAddress : null;
            var sequence = registration.Group.Resource.NextSequence();
            response.RemoveOption(CoapOptionNumber.Observe);
            response.AddOption(CoapOptionNumber.Observe, sequence);
            if (registration.Evaluator.Attributes.MaxPeriod is not null)
            {
                var maxAge = registration.MaxAgeFor(representation);
                if (maxAge != representation.MaxAge || response.HasOption(CoapOptionNumber.MaxAge))
                {
                    response.RemoveOption(CoapOptionNumber.MaxAge);
                    response.AddOption(CoapOptionNumber.MaxAge, maxAge);
                }
            }

            registration.Evaluator.Reported(representation.Value, now);
            ArmTimer(registration, now);
        }
    }

    private bool HasRegistrations(in Transport.PeerAddress peer)
    {
        lock (_gate)
        {
            return _perPeer.ContainsKey(peer);
        }
    }

    /// <summary>Puts the registration in the group for its request's representation, creating the group (and resource) as needed.</summary>
    private void MoveToGroup(ObserveRegistration registration, CoapContext context, NotificationRepresentation representation)
    {
        var signature = RepresentationSignature.Compute(context);
        var endpoint = registration.Endpoint;
        registration.Oscore = context.OscoreBinding;
        if (registration.Group is { } current && current.Endpoint == endpoint && current.Security == context.Security &&
            current.Signature.AsSpan().SequenceEqual(signature))
        {
            return;
        }

        if (registration.Group is not null)
        {
            LeaveGroup(registration);
        }

        var path = registration.Key.Path;
        if (!_resources.TryGetValue(path, out var resource))
        {
            // Seeded from the clock so a resource observed again later does not restart its numbers
            // below those a returning client saw (RFC 7641 §3.4 would drop them).
            resource = new ObservedResource(this, path, (uint)(Now.Ticks / TimeSpan.TicksPerMillisecond));
            _resources.Add(path, resource);
        }

        RepresentationGroup? group = null;
        foreach (var candidate in resource.Groups)
        {
            if (candidate.Endpoint == endpoint && candidate.Security == context.Security && candidate.Signature.AsSpan().SequenceEqual(signature))
            {
                group = candidate;
                break;
            }
        }

        if (group is null)
        {
            group = new RepresentationGroup(resource, endpoint, signature, context.Datagram.ToArray(), context.Peer, context.Info)
            {
                Latest = representation,
                Security = context.Security,
            };
            resource.Groups.Add(group);
        }

        registration.Group = group;
        registration.GroupIndex = group.Members.Count;
        group.Members.Add(registration);
    }

    private void RefuseOverLimit(CoapContext context)
    {
        _metrics?.ObserveRefused();
        if (!_limitLogged)
        {
            _limitLogged = true;
            CoapLog.ObserveLimitReached(_logger, _options.MaxObservations, _options.MaxObservationsPerPeer);
        }

        Refuse(context, CoapCode.ServiceUnavailable, "Too many observers");
        context.Response.AddOption(CoapOptionNumber.MaxAge, 30u);
    }

    private static void Refuse(CoapContext context, CoapCode code, string reason)
    {
        var response = context.Response;
        response.Reset();
        response.Code = code;
        response.SetContentFormat(CoapContentFormat.TextPlain);
        response.WritePayload(reason.AsSpan());
    }
}
