using System.Net;
using Coap.Diagnostics;
using Coap.Exchanges;
using Coap.Security.Oscore;
using Coap.Security.Oscore.Runtime;

namespace Coap.Endpoint;

/// <summary>
/// OSCORE at the client (RFC 8613 §8.1, §8.4): a request whose URI matches a context's pattern is protected
/// just before it becomes an exchange, so block-wise and Observe above see plain messages (inner block-wise);
/// its response is verified before anyone reads it. A 4.01 with Echo (the server lost its replay window) is
/// answered once by repeating the request with the Echo (RFC 9175 §2.3).
/// </summary>
internal sealed partial class CoapEndpoint
{
    private async Task<CoapResponse> SendProtectedAsync(OscoreContextEntry entry, CoapMessage request, IPEndPoint destination, bool explicitToken, CancellationToken cancellationToken)
    {
        var echoed = false;
        while (true)
        {
            var outer = Oscore!.ProtectRequest(entry, request, out var binding) ?? throw CannotProtect(entry);
            var response = await SendPlainRequestAsync(outer, destination, explicitToken, cancellationToken).ConfigureAwait(false);
            request.Token = outer.Token;
            var verified = VerifyResponse(binding, response, observation: null);
            if (verified.Code == CoapCode.Unauthorized && !echoed && IsProtectedResponse(response) &&
                verified.Options.TryGet(CoapOptionNumber.Echo, out var echo))
            {
                // Freshness challenge: repeat once with the server's Echo, under a new Partial IV.
                request.Options.Set(new CoapOption(CoapOptionNumber.Echo, echo.Value.ToArray()));
                echoed = true;
                continue;
            }

            if (echoed)
            {
                request.Options.Remove(CoapOptionNumber.Echo);
            }

            return verified;
        }
    }

    private static bool IsProtectedResponse(CoapResponse response) => response.Message.Options.Contains(CoapOptionNumber.Oscore);

    /// <summary>
    /// The decrypted response. An unprotected error (the server could not verify the request, §8.2) is returned
    /// as it came; any other unprotected or unverifiable response fails the request.
    /// </summary>
    private CoapResponse VerifyResponse(in OscoreRequestBinding binding, CoapResponse response, ClientObservation? observation)
    {
        var outer = response.Message;
        if (!outer.Options.TryGet(CoapOptionNumber.Oscore, out _))
        {
            if (outer.Code.Class is 4 or 5)
            {
                return response;
            }

            throw new CoapException($"The response from {response.RemoteEndPoint} to an OSCORE-protected request is not protected ({outer.Code}).");
        }

        var result = Oscore!.UnprotectResponse(binding, outer, out var inner, out var partialIv);
        if (result != OscoreUnprotectResult.Ok)
        {
            CoapLog.OscoreResponseRefused(_logger, new PeerAddressText(_transport.GetPeerAddress(response.RemoteEndPoint)), result);
            throw new CoapException($"The OSCORE-protected response from {response.RemoteEndPoint} failed verification ({result}).");
        }

        if (observation is not null && partialIv is { } piv && !observation.TryAcceptNotificationPartialIv(piv.Value))
        {
            throw new CoapException($"A replayed or reordered OSCORE notification from {response.RemoteEndPoint} was dropped.");
        }

        if (outer.Options.TryGet(CoapOptionNumber.Observe, out var observe))
        {
            // The inner Observe of a notification is empty (§4.1.3.5.2); the outer value orders it, after the Partial IV check above.
            inner!.Options.Set(observe);
        }

        return new CoapResponse(inner!, response.RemoteEndPoint);
    }

    /// <summary>Protects an observation's (re-)registration or deregistration and keeps the binding its notifications verify with.</summary>
    private CoapMessage ProtectForObservation(ClientObservation observation, CoapMessage request)
    {
        if (observation.OscoreEntry is not { } entry)
        {
            return request;
        }

        var outer = Oscore!.ProtectRequest(entry, request, out var binding) ?? throw CannotProtect(entry);
        observation.OscoreBinding = binding;
        return outer;
    }

    /// <summary>A notification (or registration response) of a protected observation, verified; null when it must be dropped.</summary>
    private CoapResponse? VerifyNotification(ClientObservation observation, CoapResponse response)
    {
        if (observation.OscoreEntry is null)
        {
            return response;
        }

        try
        {
            return VerifyResponse(observation.OscoreBinding, response, observation);
        }
        catch (CoapException)
        {
            return null;
        }
    }

    private static CoapException CannotProtect(OscoreContextEntry entry) =>
        new($"OSCORE context '{entry.Name}' cannot protect the request: its key usage limit is reached, it expired or its sequence numbers are exhausted. Establish a new security context.");
}
