using Coap;

namespace OscorePlugtest.Client;

/// <summary>Tests 0–11 of the specification: plain CoAP, then GET, Observe, POST, PUT and DELETE protected with OSCORE.</summary>
public static class CorrectUseCases
{
    private const string HelloWorld = "Hello World!";

    /// <summary>The cases, in the specification's order.</summary>
    public static IEnumerable<PlugtestCase> All { get; } =
    [
        new("0", "GET /oscore/hello/coap without OSCORE", PlainHelloAsync),
        new("1", "GET /oscore/hello/1 with context A", (run, ct) => Hello1Async(run, run.ContextA, ct)),
        new("2", "GET /oscore/hello/1 with context C (ID Context)", (run, ct) => Hello1Async(run, run.ContextC, ct)),
        new("3", "GET /oscore/hello/2?first=1 (query, ETag)", Hello2Async),
        new("4", "GET /oscore/hello/3, Accept 0 (Max-Age)", Hello3Async),
        new("5", "Observe /oscore/hello/1 (not observable)", ObserveNotObservableAsync),
        new("6", "Observe /oscore/observe1 until the server ends it", ObserveUntilTerminatedAsync),
        new("7", "Observe /oscore/observe2, cancel after \"two\"", ObserveAndCancelAsync),
        new("8", "POST /oscore/hello/6 payload 0x4a", PostAsync),
        new("9", "PUT /oscore/hello/7 If-Match 0x7b", PutIfMatchAsync),
        new("10", "PUT /oscore/hello/7 If-None-Match", PutIfNoneMatchAsync),
        new("11", "DELETE /oscore/test", DeleteAsync),
    ];

    private static async Task<CaseResult> PlainHelloAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        await using var client = PlugtestRun.PlainClient();
        var response = await client.GetAsync(run.Uri("/oscore/hello/coap"), cancellationToken);
        Expect.Text(response, CoapCode.Content, HelloWorld);
        return CaseResult.Pass(Expect.Describe(response));
    }

    private static async Task<CaseResult> Hello1Async(PlugtestRun run, CoapOscoreContextOptions context, CancellationToken cancellationToken)
    {
        await using var client = run.ProtectedClient(context);
        var response = await client.GetAsync(run.Uri("/oscore/hello/1"), cancellationToken);
        Expect.Text(response, CoapCode.Content, HelloWorld);
        return CaseResult.Pass(Expect.Describe(response));
    }

    private static async Task<CaseResult> Hello2Async(PlugtestRun run, CancellationToken cancellationToken)
    {
        await using var client = run.ProtectedClient(run.ContextA);
        var response = await client.GetAsync(run.Uri("/oscore/hello/2?first=1"), cancellationToken);
        Expect.Text(response, CoapCode.Content, HelloWorld);
        Expect.Option(response, CoapOptionNumber.ETag, [0x2b]);
        return CaseResult.Pass(Expect.Describe(response));
    }

    private static async Task<CaseResult> Hello3Async(PlugtestRun run, CancellationToken cancellationToken)
    {
        await using var client = run.ProtectedClient(run.ContextA);
        var request = CoapRequest.Get(run.Uri("/oscore/hello/3"));
        request.Options.Set(CoapOption.FromUInt(CoapOptionNumber.Accept, CoapContentFormat.TextPlain));
        var response = await client.SendAsync(request, cancellationToken);
        Expect.Text(response, CoapCode.Content, HelloWorld);
        Expect.Option(response, CoapOptionNumber.MaxAge, [5]);
        return CaseResult.Pass(Expect.Describe(response));
    }

    private static async Task<CaseResult> ObserveNotObservableAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        await using var client = run.ProtectedClient(run.ContextA);
        var responses = await ObserveAsync(client, run.Uri("/oscore/hello/1"), stopAfter: int.MaxValue, cancellationToken);
        Expect.Text(responses[0], CoapCode.Content, HelloWorld);
        Expect.NoOption(responses[0], CoapOptionNumber.Observe);
        if (responses.Count != 1)
        {
            throw new CheckFailedException($"expected no notifications, got {responses.Count - 1}");
        }

        return CaseResult.Pass($"{Expect.Describe(responses[0])}, no notifications");
    }

    private static async Task<CaseResult> ObserveUntilTerminatedAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        await using var client = run.ProtectedClient(run.ContextA);
        var responses = await ObserveAsync(client, run.Uri("/oscore/observe1"), stopAfter: int.MaxValue, cancellationToken);
        ExpectPayloads(responses, "one", "two", "Terminate Observe");
        Expect.Code(responses[0], CoapCode.Content);
        Expect.Code(responses[1], CoapCode.Content);
        var last = responses[2];
        Expect.Code(last, CoapCode.InternalServerError);
        Expect.NoOption(last, CoapOptionNumber.Observe);
        return CaseResult.Pass($"one, two, then {Expect.Describe(last)}");
    }

    private static async Task<CaseResult> ObserveAndCancelAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        await using var client = run.ProtectedClient(run.ContextA);

        // Leaving the enumeration deregisters: a GET with Observe 1, protected like the registration.
        var responses = await ObserveAsync(client, run.Uri("/oscore/observe2"), stopAfter: 2, cancellationToken);
        ExpectPayloads(responses, "one", "two");
        return CaseResult.Pass("one, two, then cancelled");
    }

    private static async Task<CaseResult> PostAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        await using var client = run.ProtectedClient(run.ContextA);
        var response = await client.PostAsync(run.Uri("/oscore/hello/6"), new byte[] { 0x4a }, CoapContentFormat.TextPlain, cancellationToken);
        Expect.Code(response, CoapCode.Changed);
        Expect.Payload(response, [0x4a]);
        Expect.Option(response, CoapOptionNumber.ContentFormat, []);
        return CaseResult.Pass(Expect.Describe(response));
    }

    private static async Task<CaseResult> PutIfMatchAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        await using var client = run.ProtectedClient(run.ContextA);
        var request = CoapRequest.Put(run.Uri("/oscore/hello/7")).WithPayload("z"u8.ToArray(), CoapContentFormat.TextPlain);
        request.Options.Add(CoapOptionNumber.IfMatch, new byte[] { 0x7b });
        var response = await client.SendAsync(request, cancellationToken);
        Expect.Code(response, CoapCode.Changed);
        Expect.Payload(response, []);
        return CaseResult.Pass(Expect.Describe(response));
    }

    private static async Task<CaseResult> PutIfNoneMatchAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        await using var client = run.ProtectedClient(run.ContextA);
        var request = CoapRequest.Put(run.Uri("/oscore/hello/7")).WithPayload(new byte[] { 0x8a }, CoapContentFormat.TextPlain);
        request.Options.Add(CoapOption.Empty(CoapOptionNumber.IfNoneMatch));
        var response = await client.SendAsync(request, cancellationToken);
        Expect.Code(response, CoapCode.PreconditionFailed);
        return CaseResult.Pass(Expect.Describe(response));
    }

    private static async Task<CaseResult> DeleteAsync(PlugtestRun run, CancellationToken cancellationToken)
    {
        await using var client = run.ProtectedClient(run.ContextA);
        var response = await client.DeleteAsync(run.Uri("/oscore/test"), cancellationToken);
        Expect.Code(response, CoapCode.Deleted);
        return CaseResult.Pass(Expect.Describe(response));
    }

    /// <summary>The registration response and the notifications, until the server ends the observation or <paramref name="stopAfter"/> arrived.</summary>
    private static async Task<List<CoapResponse>> ObserveAsync(CoapClient client, string uri, int stopAfter, CancellationToken cancellationToken)
    {
        var responses = new List<CoapResponse>();
        await foreach (var response in client.ObserveAsync(uri, cancellationToken: cancellationToken))
        {
            responses.Add(response);
            if (responses.Count >= stopAfter)
            {
                break;
            }
        }

        return responses.Count > 0 ? responses : throw new CheckFailedException("the observation ended without a response");
    }

    private static void ExpectPayloads(List<CoapResponse> responses, params string[] expected)
    {
        var payloads = responses.Select(r => r.GetPayloadAsString()).ToArray();
        if (!payloads.SequenceEqual(expected))
        {
            throw new CheckFailedException(
                $"expected {string.Join(", ", expected)}, got {string.Join(", ", responses.Select(Expect.Describe))}");
        }
    }
}
