namespace Coap.Security.Oscore;

/// <summary>
/// What a response is bound to (RFC 8613 §5.4): the request's context, kid and Partial IV. The
/// client keeps it from <see cref="OscoreProtector.ProtectRequest"/>, the server from
/// <see cref="OscoreProtector.UnprotectRequest"/>; both feed it to the response calls.
/// </summary>
/// <param name="Context">The security context of the exchange.</param>
/// <param name="RequestKid">The request's kid: the client's Sender ID.</param>
/// <param name="RequestPartialIv">The request's Partial IV.</param>
internal readonly record struct OscoreRequestBinding(OscoreSecurityContext Context, ReadOnlyMemory<byte> RequestKid, OscorePartialIv RequestPartialIv);
