using System.Buffers.Binary;
using Coap.Security.Oscore;

namespace Coap.LoadGenerator;

/// <summary>
/// <c>--oscore</c>: protects each request of one worker with the client side of the RFC 8613 C.1
/// context (<see cref="OscoreLoadContext"/>) and verifies each answer, through the framework's
/// message layer. The response binding is kept per slot. This costs the generator CPU and
/// allocation per request (the message layer's), which is why serve mode's figures, not the
/// generator's, say what OSCORE costs the server.
/// </summary>
/// <remarks>
/// A protected 4.01 with Echo (RFC 8613 Appendix B.1.2: the server's replay window is not
/// initialized) makes every following request carry the Echo value until one succeeds.
/// </remarks>
internal sealed class OscoreRequests
{
    /// <summary>Room for one protected request: the path's options, the OSCORE option, ciphertext, Echo.</summary>
    public const int MaxRequestLength = 512;

    private readonly OscoreSecurityContext _context;
    private readonly OscoreProtector _protector = new();
    private readonly CoapMessage[] _requests;
    private readonly byte[][] _tokens;
    private readonly OscoreRequestBinding[] _bindings;
    private byte[]? _echo;

    public OscoreRequests(OscoreSecurityContext context, string path, int slots)
    {
        _context = context;
        _requests = new CoapMessage[slots];
        _tokens = new byte[slots][];
        _bindings = new OscoreRequestBinding[slots];
        for (var i = 0; i < slots; i++)
        {
            _tokens[i] = new byte[Wire.TokenLength];
            var request = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, Token = _tokens[i] };
            foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                request.Options.Add(CoapOptionNumber.UriPath, Uri.UnescapeDataString(segment));
            }

            _requests[i] = request;
        }
    }

    /// <summary>Answers whose OSCORE verification failed (counted as error codes too).</summary>
    public long VerificationFailures { get; private set; }

    /// <summary>4.01 answers that carried an Echo challenge.</summary>
    public long EchoChallenges { get; private set; }

    /// <summary>Protects the slot's next request into <paramref name="destination"/>; returns its length (0: the context refused).</summary>
    public int Protect(int slot, ushort messageId, ulong token, Span<byte> destination)
    {
        var request = _requests[slot];
        request.MessageId = messageId;
        BinaryPrimitives.WriteUInt64BigEndian(_tokens[slot], token);
        request.Options.Remove(CoapOptionNumber.Echo);
        if (_echo is { } echo)
        {
            request.Options.Add(CoapOptionNumber.Echo, echo);
        }

        if (_protector.ProtectRequest(_context, request, out var protectedRequest, out _bindings[slot]) != OscoreProtectResult.Ok)
        {
            return 0;
        }

        return protectedRequest!.Encode(destination);
    }

    /// <summary>
    /// Verifies the answer to the slot's request and returns the code to record: the inner code, the
    /// outer one when the server answered unprotected (an OSCORE error), 5.00 when verification failed.
    /// </summary>
    public CoapCode Verify(int slot, ReadOnlySpan<byte> datagram, CoapCode outerCode)
    {
        if (outerCode.IsEmpty || !outerCode.IsResponse)
        {
            return outerCode;
        }

        var outer = CoapMessage.Parse(datagram);
        if (!outer.Options.Contains(CoapOptionNumber.Oscore))
        {
            return outerCode;
        }

        if (_protector.UnprotectResponse(_bindings[slot], outer, out var response, out _) != OscoreUnprotectResult.Ok)
        {
            VerificationFailures++;
            return CoapCode.InternalServerError;
        }

        if (response!.Code == CoapCode.Unauthorized && response.Options.TryGet(CoapOptionNumber.Echo, out var echo))
        {
            EchoChallenges++;
            _echo = echo.Value.ToArray();
        }
        else if (response.Code.IsSuccess)
        {
            _echo = null;
        }

        return response.Code;
    }
}
