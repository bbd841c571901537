using System.Globalization;
using System.Text.RegularExpressions;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>
/// coap-client-notls (4.3.1) observing a resource: <c>coap-client-notls -v 6 -s N URI</c>, running
/// while the test changes the resource. Facts about libcoap here: <c>-s N</c> keeps the
/// observation for N seconds from the registration response on; then it sends
/// GET with Observe: 1 (a confirmable deregistration, RFC 7641 §3.6) and exits without waiting
/// for the answer. It acknowledges confirmable notifications. At <c>-v 6</c> every PDU received
/// is logged on stdout, flushed at once, as
/// <c>v:1 t:NON c:2.05 i:f34f {01} [ Observe:2789, Content-Format:text/plain ] :: '21'</c>; the raw
/// payload it also prints has no line end, so it precedes the next log line, and is ignored here.
/// </summary>
internal sealed partial class LibCoapObserver : IAsyncDisposable
{
    private readonly RunningPeer _peer;

    private LibCoapObserver(RunningPeer peer) => _peer = peer;

    /// <summary>The responses logged so far, in order of arrival.</summary>
    public IReadOnlyList<LibCoapNotification> Responses => Parse(_peer.Stdout);

    /// <summary>The payloads of <see cref="Responses"/>.</summary>
    public IReadOnlyList<string> Payloads => [.. Responses.Select(r => r.Payload)];

    public RunningPeer Process => _peer;

    /// <summary>Starts observing <paramref name="uri"/> for <paramref name="seconds"/> seconds.</summary>
    public static LibCoapObserver Start(string uri, int seconds) =>
        new(RunningPeer.Start(Peers.LibCoapClient, ["-v", "6", "-s", seconds.ToString(CultureInfo.InvariantCulture), uri]));

    /// <summary>Fails the test unless libcoap logged at least <paramref name="count"/> responses within 15 s.</summary>
    public Task WaitForResponsesAsync(int count) => WaitForAsync(
        () => Responses.Count >= count,
        () => $"coap-client logged {Responses.Count} of {count} responses.");

    public async Task WaitForAsync(Func<bool> condition, Func<string> because)
    {
        if (!await _peer.WaitForOutputAsync(_ => condition(), TimeSpan.FromSeconds(15)))
        {
            Assert.Fail($"{because()}{Environment.NewLine}{_peer.Describe()}");
        }
    }

    public string Describe() => _peer.Describe();

    public ValueTask DisposeAsync() => _peer.DisposeAsync();

    private static List<LibCoapNotification> Parse(string stdout)
    {
        var responses = new List<LibCoapNotification>();
        foreach (Match match in ResponsePattern().Matches(stdout))
        {
            var observe = ObservePattern().Match(match.Groups["options"].Value);
            responses.Add(new LibCoapNotification(
                match.Groups["type"].Value,
                match.Groups["code"].Value,
                observe.Success ? uint.Parse(observe.Groups[1].Value, CultureInfo.InvariantCulture) : null,
                match.Groups["payload"].Value));
        }

        return responses;
    }

    // Not anchored at the line start: the previous payload, printed without a line end, comes first.
    [GeneratedRegex(@"v:1 t:(?<type>CON|NON|ACK) c:(?<code>[2-5]\.\d\d) i:[0-9a-f]+ \{[0-9a-f]*\} \[ ?(?<options>.*?) ?\](?: :: '(?<payload>.*)')?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ResponsePattern();

    [GeneratedRegex(@"(?:^|, )Observe:(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ObservePattern();
}
