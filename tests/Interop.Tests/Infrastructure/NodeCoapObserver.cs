using System.Globalization;
using System.Text.Json;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>
/// node/observe.js (node-coap) observing a resource while the test changes it: it prints one JSON
/// line per response it accepts (node-coap drops reordered notifications, RFC 7641 §3.4) and,
/// after the given count, exits, deregisters or forgets the observation (see the script).
/// </summary>
internal sealed class NodeCoapObserver : IAsyncDisposable
{
    private readonly RunningPeer _peer;

    private NodeCoapObserver(RunningPeer peer) => _peer = peer;

    /// <summary>The responses printed so far.</summary>
    public IReadOnlyList<NodeNotification> Responses => [.. Lines().Where(l => l.Event is null)];

    /// <summary>The events ("deregistering", "forgotten") printed so far.</summary>
    public IReadOnlyList<string> Events => [.. Lines().Where(l => l.Event is not null).Select(l => l.Event!)];

    public IReadOnlyList<string> Payloads => [.. Responses.Select(r => r.Payload ?? string.Empty)];

    public RunningPeer Process => _peer;

    /// <param name="uri">The resource to observe.</param>
    /// <param name="count">Responses to print, the registration response included.</param>
    /// <param name="then">"exit", "deregister" or "forget".</param>
    /// <param name="lingerMs">How long the script stays after <paramref name="then"/>.</param>
    public static NodeCoapObserver Start(string uri, int count, string then = "exit", int lingerMs = 2000)
    {
        var script = Path.Combine(RepoPaths.NodeFolder, "observe.js");
        _ = Peers.NodeClientScript; // fails the test with an install hint when node-coap is missing
        var invariant = CultureInfo.InvariantCulture;
        List<string> arguments = [script, uri, count.ToString(invariant), $"--then={then}", $"--linger={lingerMs.ToString(invariant)}", "--timeout=30000"];
        return new NodeCoapObserver(RunningPeer.Start(Peers.Node, arguments, RepoPaths.NodeFolder));
    }

    /// <summary>Fails the test unless node printed at least <paramref name="count"/> responses within 15 s.</summary>
    public Task WaitForResponsesAsync(int count) => WaitForAsync(
        () => Responses.Count >= count,
        () => $"node-coap printed {Responses.Count} of {count} responses.");

    public async Task WaitForAsync(Func<bool> condition, Func<string> because)
    {
        if (!await _peer.WaitForOutputAsync(_ => condition(), TimeSpan.FromSeconds(15)))
        {
            Assert.Fail($"{because()}{Environment.NewLine}{_peer.Describe()}");
        }
    }

    public string Describe() => _peer.Describe();

    public ValueTask DisposeAsync() => _peer.DisposeAsync();

    /// <summary>The complete lines printed so far (a line still being written is left for later).</summary>
    private List<NodeNotification> Lines()
    {
        var stdout = _peer.Stdout;
        var complete = stdout[..(stdout.LastIndexOf('\n') + 1)];
        return [.. complete.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonSerializer.Deserialize<NodeNotification>(line) ?? throw new InvalidOperationException($"Not a JSON object: {line}"))];
    }
}
