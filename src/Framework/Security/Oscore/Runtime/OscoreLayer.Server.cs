using Coap.Codec;
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
        ReadOnlySpan<byte> echo = default;
        var hasEcho = error == OscoreUnprotectResult.FreshnessRequired && TryGetEcho(request!, out echo);
        var outcome = Decide(ref error, binding, hasEcho, echo, peer);
        if (outcome == OscoreRequestOutcome.Refused)
        {
            request = null;
        }

        return outcome;
    }

    /// <summary>
    /// <see cref="VerifyRequest(CoapMessage, in PeerAddress, out CoapMessage?, out OscoreRequestBinding, out OscoreUnprotectResult)"/>
    /// without allocating: the decrypted request is written as a datagram into <paramref name="destination"/> (as long
    /// as the received datagram suffices) and is <paramref name="length"/> bytes long; 0 when refused.
    /// </summary>
    public OscoreRequestOutcome VerifyRequest(in CoapMessageView outer, Span<byte> destination, in PeerAddress peer, out int length, out OscoreRequestBinding binding, out OscoreUnprotectResult error)
    {
        error = _protector.UnprotectRequestInto(outer, destination, out length, out binding);
        ReadOnlySpan<byte> echo = default;
        var hasEcho = error == OscoreUnprotectResult.FreshnessRequired &&
            CoapMessageReader.TryRead(destination[..length], out var request) == CoapFormatError.None &&
            request.TryGetOption(CoapOptionNumber.Echo, out echo);
        var outcome = Decide(ref error, binding, hasEcho, echo, peer);
        if (outcome == OscoreRequestOutcome.Refused)
        {
            length = 0;
        }

        return outcome;
    }

    /// <summary>
    /// Protects a response (or, with <paramref name="includePartialIv"/>, a notification after the first) to the
    /// request in <paramref name="binding"/> into <paramref name="destination"/>, with <paramref name="outerBlockOption"/>
    /// (when not 0) as an outer option; returns its length, or −1 when the context may not protect any more (logged)
    /// or the protected message does not fit.
    /// </summary>
    public int ProtectResponse(in OscoreRequestBinding binding, in CoapMessageView response, bool includePartialIv, int outerBlockOption, ReadOnlySpan<byte> outerBlockValue, Span<byte> destination)
    {
        var entry = EntryOf(binding.Context);
        if (!TryUseSenderKey(entry))
        {
            return -1;
        }

        try
        {
            var result = _protector.ProtectResponseInto(binding, response, includePartialIv, outerBlockOption, outerBlockValue, destination, out var length);

            // Too large to send protected is the caller's to handle (not logged), as it was before protecting into a span.
            return Succeeded(entry, result) && length <= destination.Length ? length : -1;
        }
        catch (IOException ex)
        {
            SaveFailed(entry, ex);
            return -1;
        }
    }

    private static bool TryGetEcho(CoapMessage request, out ReadOnlySpan<byte> echo)
    {
        var found = request.Options.TryGet(CoapOptionNumber.Echo, out var option);
        echo = found ? option.Value.Span : default;
        return found;
    }

    /// <summary>What to do with a verified (or refused) request: a request not known fresh is served only with a redeemable Echo.</summary>
    private OscoreRequestOutcome Decide(ref OscoreUnprotectResult error, in OscoreRequestBinding binding, bool hasEcho, ReadOnlySpan<byte> echo, in PeerAddress peer)
    {
        switch (error)
        {
            case OscoreUnprotectResult.Ok:
                return OscoreRequestOutcome.Verified;
            case OscoreUnprotectResult.FreshnessRequired:
                var entry = EntryOf(binding.Context);
                if (hasEcho && entry.TryRedeemEcho(echo))
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
                return OscoreRequestOutcome.Refused;
        }
    }
}
