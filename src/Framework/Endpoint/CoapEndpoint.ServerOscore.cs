using System.Buffers;
using System.Security.Cryptography;
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
        // The plain request is never longer than the protected one (OscoreProtector.UnprotectRequestInto).
        var buffer = ArrayPool<byte>.Shared.Rent(datagram.Length);
        try
        {
            var outcome = Oscore!.VerifyRequest(message, buffer.AsSpan(0, datagram.Length), remote, out var length, out var binding, out var error);
            if (outcome == OscoreRequestOutcome.Refused)
            {
                RefuseProtected(datagram, message, remote, info, ticket, error);
                return;
            }

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
            // The decrypted request is plaintext: leave none of it in the pool.
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, datagram.Length));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A protected request whose outer Block1 blocks are reassembled (a proxy fragmented it, RFC 8613 §4.1.3.4.2):
    /// verified whole, then served in a fresh context that inherits the request's in-flight count and
    /// deduplication ticket; the response is protected and echoes the last outer Block1 outside.
    /// </summary>
    private void DispatchReassembledProtected(CoapContext context)
    {
        var outer = new CoapMessage
        {
            Type = context.Type,
            Code = context.Method,
            MessageId = context.MessageId,
            Token = context.Token.ToArray(),
            Payload = context.Payload.ToArray(),
        };
        var cursor = context.Options;
        while (cursor.MoveNext())
        {
            if (cursor.Number is not (CoapOptionNumber.Block1 or CoapOptionNumber.Size1))
            {
                outer.Options.Add(cursor.Number, cursor.Value.ToArray());
            }
        }

        var outcome = Oscore!.VerifyRequest(outer, context.Peer, out var request, out var binding, out var error);
        if (outcome == OscoreRequestOutcome.Refused)
        {
            AnswerOscoreError(context, error);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(request!.GetEncodedSize());
        var replacement = _contexts.Rent();
        try
        {
            var length = request.Encode(buffer);
            if (CoapMessageReader.TryRead(buffer.AsSpan(0, length), out var plain) != CoapFormatError.None)
            {
                _contexts.Return(replacement);
                context.Response.Code = CoapCode.BadOption;
                context.Response.AddOption(CoapOptionNumber.MaxAge, 0u);
                CompleteResponse(context);
                return;
            }

            replacement.Initialize(buffer.AsSpan(0, length), plain, context.Peer, context.Info, context.DeduplicationTicket, _stopping.Token);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var entry = Oscore.EntryOf(binding.Context);
        replacement.SetSecurity(entry.Identity, binding, Oscore.RequireOscore);
        replacement.OuterBlockEchoOption = context.BlockEchoOption;
        replacement.OuterBlockEchoValue = context.BlockEchoValue;

        // The outer context ends here without a response: the replacement answers for it.
        _contexts.Return(context);
        if (outcome == OscoreRequestOutcome.EchoRequired)
        {
            replacement.Response.Code = CoapCode.Unauthorized;
            replacement.Response.AddOption(CoapOptionNumber.Echo, entry.IssueEcho());
            CompleteResponse(replacement);
            return;
        }

        Dispatch(replacement);
    }

    /// <summary>The unprotected error of RFC 8613 §8.2 (4.02, 4.01 or 4.00, with a diagnostic and Max-Age 0).</summary>
    private void RefuseProtected(ReadOnlySpan<byte> datagram, in CoapMessageView message, in PeerAddress remote, in DatagramInfo info, DeduplicationTicket ticket, OscoreUnprotectResult error)
    {
        Interlocked.Increment(ref _inFlight);
        var context = _contexts.Rent();
        context.Initialize(datagram, message, remote, info, ticket, _stopping.Token);
        context.SetSecurity(null, default, requiredByDefault: false);
        AnswerOscoreError(context, error);
    }

    /// <summary>Answers with the unprotected error of RFC 8613 §8.2 for <paramref name="error"/>: diagnostic payload, Max-Age 0.</summary>
    private void AnswerOscoreError(CoapContext context, OscoreUnprotectResult error)
    {
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
    /// (key-usage limit) or the protected response does not fit, an unprotected 5.03 goes instead.
    /// </summary>
    private int EncodeProtected(byte[] buffer, CoapContext context, CoapMessageType type, ushort messageId)
    {
        // The plain response goes into a pooled buffer as large as the send buffer, so a response too large to encode
        // throws here as it does unprotected; it is then protected from there into the send buffer.
        var plain = ArrayPool<byte>.Shared.Rent(buffer.Length);
        var length = 0;
        try
        {
            length = EncodePlain(plain.AsSpan(0, buffer.Length), context, type, messageId);
            Span<byte> blockEcho = stackalloc byte[sizeof(uint)];
            blockEcho = blockEcho[..CoapUInt.Write(blockEcho, context.OuterBlockEchoValue)];
            var protectedLength = CoapMessageReader.TryRead(plain.AsSpan(0, length), out var response) == CoapFormatError.None
                ? Oscore!.ProtectResponse(context.OscoreBinding, response, includePartialIv: false, context.OuterBlockEchoOption, blockEcho, buffer)
                : -1;
            if (protectedLength >= 0)
            {
                return protectedLength;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(plain);
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
        if (Oscore is not { } oscore)
        {
            return -1;
        }

        // Protect from a copy: the protected notification goes where the plain one is.
        var plain = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffer.AsSpan(0, length).CopyTo(plain);
            return CoapMessageReader.TryRead(plain.AsSpan(0, length), out var notification) == CoapFormatError.None
                ? oscore.ProtectResponse(binding, notification, includePartialIv: true, 0, default, buffer)
                : -1;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(plain);
        }
    }
}
