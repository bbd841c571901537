using Coap;

namespace OscorePlugtest.Client;

/// <summary>
/// Tests 12–17 of the specification: contexts that do not match, a replay, OSCORE where the server does not
/// speak it, and plain CoAP where OSCORE is required. The server's errors come back unprotected.
/// </summary>
public static class IncorrectUseCases
{
    /// <summary>The cases, in the specification's order.</summary>
    public static IEnumerable<PlugtestCase> All { get; } =
    [
        new("12", "Unknown Sender ID: server answers 4.01", UnknownContextAsync),
        new("13", "Wrong Master Secret: server answers 4.00", DecryptionFailsAsync),
        new("14", "Wrong Recipient ID: client rejects the response", ResponseVerificationFailsAsync),
        new("15", "Replayed request: server answers 4.01", ReplayAsync),
        new("16", "OSCORE to an OSCORE-unaware server: 4.02", UnawareServerAsync),
        new("17", "GET /oscore/hello/1 without OSCORE: 4.01", UnprotectedToProtectedAsync),
    ];

    private static async Task<CaseResult> UnknownContextAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        await using var client = run.ProtectedClient(ContextVariants.UnknownSenderId(run.ContextA));
        var response = await ResponseOrErrorAsync(() => client.GetAsync(run.Uri("/oscore/hello/1"), cancellationToken));
        Expect.Code(response, CoapCode.Unauthorized);
        return CaseResult.Pass(Expect.Describe(response));
    }

    private static async Task<CaseResult> DecryptionFailsAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        await using var client = run.ProtectedClient(ContextVariants.WrongMasterSecret(run.ContextA));
        var response = await ResponseOrErrorAsync(() => client.GetAsync(run.Uri("/oscore/hello/1"), cancellationToken));
        Expect.Code(response, CoapCode.BadRequest);
        return CaseResult.Pass(Expect.Describe(response));
    }

    private static async Task<CaseResult> ResponseVerificationFailsAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        // The server verifies the request (the Sender Key is right) and protects its 2.05; the client derived
        // its Recipient Key from the wrong ID, so it must not accept that response.
        await using var client = run.ProtectedClient(ContextVariants.WrongRecipientId(run.ContextA));
        try
        {
            var response = await client.GetAsync(run.Uri("/oscore/hello/1"), cancellationToken);
            throw new CheckFailedException($"the client accepted a response it cannot have verified: {Expect.Describe(response)}");
        }
        catch (CoapException ex) when (ex is not CoapTimeoutException and not CoapResponseException)
        {
            return CaseResult.Pass($"rejected: {ex.Message}");
        }
    }

    private static async Task<CaseResult> ReplayAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        // Two senders restarted without their sequence number state send the same GET: the second request
        // carries the first one's Partial IV, nonce and ciphertext, only under a new message ID and token.
        var uri = run.Uri("/oscore/hello/1");
        CoapResponse first;
        await using (var original = run.ProtectedClient(run.ContextA, persistent: false))
        {
            first = await ResponseOrErrorAsync(() => original.GetAsync(uri, cancellationToken));
        }

        await using var replaying = run.ProtectedClient(run.ContextA, persistent: false);
        var replayed = await ResponseOrErrorAsync(() => replaying.GetAsync(uri, cancellationToken));
        Expect.Code(replayed, CoapCode.Unauthorized);
        return CaseResult.Pass($"first {first.Code}, replay {Expect.Describe(replayed)}");
    }

    private static async Task<CaseResult> UnawareServerAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        if (run.Settings.UnawareServerUri is not { } unaware)
        {
            return CaseResult.Skip("needs an OSCORE-unaware server (--Plugtest:UnawareServer coap://…)");
        }

        await using var client = run.ProtectedClient(ContextVariants.For(run.Settings.ContextA, unaware));
        var response = await ResponseOrErrorAsync(() => client.GetAsync(unaware + "/oscore/hello/coap", cancellationToken));
        Expect.Code(response, CoapCode.BadOption);
        return CaseResult.Pass(Expect.Describe(response));
    }

    private static async Task<CaseResult> UnprotectedToProtectedAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        await using var client = PlugtestRun.PlainClient();
        var response = await client.GetAsync(run.Uri("/oscore/hello/1"), cancellationToken);
        Expect.Code(response, CoapCode.Unauthorized);
        return CaseResult.Pass(Expect.Describe(response));
    }

    /// <summary>The response, also when the client reports an error response as an exception.</summary>
    private static async Task<CoapResponse> ResponseOrErrorAsync(Func<Task<CoapResponse>> send)
    {
        try
        {
            return await send();
        }
        catch (CoapResponseException ex) when (ex.Response is { } response)
        {
            return response;
        }
    }
}
