using System.Buffers;
using Coap.Codec;
using Coap.Messaging;
using Coap.Security.Oscore;
using Coap.Security.Oscore.Runtime;
using Coap.Transport;

namespace Coap.Endpoint;

/// <summary>
/// OSCORE at the server (RFC 8613 §8.2, §8.3): a protected request is verified and decrypted after
/// deduplication, then served as if it had come plain; its response is protected as it is encoded. Requests
/// that do not verify get the unprotected errors of §8.2 with Max-Age 0; a request that verifies but cannot be
/// proven fresh after a restart gets a protected 4.01 with Echo (Appendix B.1.2).
/// </summary>
internal sealed partial class CoapEndpoint
{
    /// <summary>The security contexts; null when OSCORE is not configured (protected requests then get 4.02).</summary>
    internal OscoreLayer? Oscore { get; set; }

    private void OnProtectedRequest(ReadOnlySpan<byte> datagram, in CoapMessageView message, in PeerAddress remote, in DatagramInfo info, DeduplicationTicket ticket, bool confirmable)
    {
        var outcome = Oscore!.VerifyRequest(CoapMessage.FromView(message), remote, out var request, out var binding, out var error);
        if (outcome == OscoreRequestOutcome.Refused)
        {
            RefuseProtected(datagram, message, remote, info, ticket, error);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(request!.GetEncodedSize());
        try
        {
            var length = request.Encode(buffer);
            if (CoapMessageReader.TryRead(buffer.AsSpan(0, length), out var plain) != CoapFormatError.None)
            {
                // The inner options passed the OSCORE codec but not ours (e.g. a malformed length): as undecodable.
                RefuseProtected(datagram, message, remote, info, ticket, OscoreUnprotectResult.DecodeFailed);
                return;
            }

            if (outcome == OscoreRequestOutcome.EchoRequired)
            {
                ChallengeFreshness(buffer.AsSpan(0, length), plain, remote, info, ticket, binding);
                return;
            }

            Serve(buffer.AsSpan(0, length), plain, remote, info, ticket, confirmable, binding);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The unprotected error of RFC 8613 §8.2 (4.02, 4.01 or 4.00, with a diagnostic and Max-Age 0).</summary>
    private void RefuseProtected(ReadOnlySpan<byte> datagram, in CoapMessageView message, in PeerAddress remote, in DatagramInfo info, DeduplicationTicket ticket, OscoreUnprotectResult error)
    {
        Interlocked.Increment(ref _inFlight);
        var context = _contexts.Rent();
        context.Initialize(datagram, message, remote, info, ticket, _stopping.Token);
        context.SetSecurity(null, default, requiredByDefault: false);
        var response = context.Response;
        response.Code = OscoreErrors.GetResponseCode(error);
        response.AddOption(CoapOptionNumber.MaxAge, 0u);
        response.SetContentFormat(CoapContentFormat.TextPlain);
        response.WritePayload(OscoreErrors.GetDiagnostic(error));
        CompleteResponse(context);
    }

    /// <summary>A protected 4.01 with a new Echo value: the client repeats the request with it (RFC 9175 §2.4).</summary>
    private void ChallengeFreshness(ReadOnlySpan<byte> datagram, in CoapMessageView plain, in PeerAddress remote, in DatagramInfo info, DeduplicationTicket ticket, in OscoreRequestBinding binding)
    {
        Interlocked.Increment(ref _inFlight);
        var context = _contexts.Rent();
        context.Initialize(datagram, plain, remote, info, ticket, _stopping.Token);
        var entry = Oscore!.EntryOf(binding.Context);
        context.SetSecurity(entry.Identity, binding, Oscore.RequireOscore);
        context.Response.Code = CoapCode.Unauthorized;
        context.Response.AddOption(CoapOptionNumber.Echo, entry.IssueEcho());
        CompleteResponse(context);
    }

    /// <summary>
    /// Encodes the response protected under the request's context; when the context may not protect any more
    /// (key-usage limit), an unprotected 5.03 goes instead.
    /// </summary>
    private int EncodeProtected(byte[] buffer, CoapContext context, CoapMessageType type, ushort messageId)
    {
        var length = EncodePlain(buffer, context, type, messageId);
        var outer = Oscore!.ProtectResponse(context.OscoreBinding, CoapMessage.Parse(buffer.AsSpan(0, length)), includePartialIv: false);
        if (outer is not null && outer.GetEncodedSize() <= buffer.Length)
        {
            return outer.Encode(buffer);
        }

        context.Response.Reset();
        context.Response.Code = CoapCode.ServiceUnavailable;
        context.Response.SetContentFormat(CoapContentFormat.TextPlain);
        context.Response.WritePayload("OSCORE context cannot protect the response");
        return EncodePlain(buffer, context, type, messageId);
    }

    /// <summary>A notification written by the observe layer, protected for its observer with a fresh Partial IV (§4.1.3.5).</summary>
    private int ProtectNotification(byte[] buffer, int length, in OscoreRequestBinding binding)
    {
        var outer = Oscore?.ProtectResponse(binding, CoapMessage.Parse(buffer.AsSpan(0, length)), includePartialIv: true);
        return outer is not null && outer.GetEncodedSize() <= buffer.Length ? outer.Encode(buffer) : -1;
    }
}
