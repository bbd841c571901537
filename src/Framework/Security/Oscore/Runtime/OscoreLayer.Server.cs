using Coap.Diagnostics;
using Coap.Transport;

namespace Coap.Security.Oscore.Runtime;

/// <summary>The server's steps: verify a request (§8.2), protect its response or a notification (§8.3).</summary>
internal sealed partial class OscoreLayer
{
    /// <summary>
    /// Verifies a protected request. On <see cref="OscoreRequestOutcome.Verified"/> and
    /// <see cref="OscoreRequestOutcome.EchoRequired"/>, <paramref name="request"/> is the decrypted request and
    /// <paramref name="binding"/> binds the response to it; on <see cref="OscoreRequestOutcome.Refused"/>,
    /// <paramref name="error"/> says which error response to send.
    /// </summary>
    public OscoreRequestOutcome VerifyRequest(CoapMessage outer, in PeerAddress peer, out CoapMessage? request, out OscoreRequestBinding binding, out OscoreUnprotectResult error)
    {
        error = _protector.UnprotectRequest(outer, out request, out binding);
        switch (error)
        {
            case OscoreUnprotectResult.Ok:
                return OscoreRequestOutcome.Verified;
            case OscoreUnprotectResult.FreshnessRequired:
                var entry = EntryOf(binding.Context);
                if (request!.Options.TryGet(CoapOptionNumber.Echo, out var echo) && entry.TryRedeemEcho(echo.Value.Span))
                {
                    entry.Replay.Reinitialize(binding.RequestPartialIv.Value);
                    CoapLog.OscoreFreshnessProven(_logger, entry.Name);
                    error = OscoreUnprotectResult.Ok;
                    return OscoreRequestOutcome.Verified;
                }

                CoapLog.OscoreEchoChallenge(_logger, entry.Name, new PeerAddressText(peer));
                return OscoreRequestOutcome.EchoRequired;
            default:
                CoapLog.OscoreRequestRefused(_logger, new PeerAddressText(peer), error);
                request = null;
                return OscoreRequestOutcome.Refused;
        }
    }

    /// <summary>
    /// Protects a response (or, with <paramref name="includePartialIv"/>, a notification after the first) to the
    /// request in <paramref name="binding"/>; null when the context may not protect any more (logged).
    /// </summary>
    public CoapMessage? ProtectResponse(in OscoreRequestBinding binding, CoapMessage response, bool includePartialIv)
    {
        var entry = EntryOf(binding.Context);
        if (!TryUseSenderKey(entry))
        {
            return null;
        }

        try
        {
            return Succeeded(entry, _protector.ProtectResponse(binding, response, includePartialIv, out var outer)) ? outer : null;
        }
        catch (IOException ex)
        {
            SaveFailed(entry, ex);
            return null;
        }
    }
}
