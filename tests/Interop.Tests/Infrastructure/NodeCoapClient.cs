using System.Text.Json;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>Runs node/client.js (node-coap) for one request and parses its JSON line.</summary>
internal static class NodeCoapClient
{
    public static async Task<NodeResponse> SendAsync(string method, string uri, string? payload = null, bool confirmable = true)
    {
        var script = Peers.NodeClientScript;
        List<string> arguments = [script, method, uri];
        if (payload is not null)
        {
            arguments.Add(payload);
        }

        if (!confirmable)
        {
            arguments.Add("--non");
        }

        arguments.Add("--timeout=5000");
        var result = await PeerProcess.RunAsync(Peers.Node, arguments, TimeSpan.FromSeconds(10), RepoPaths.NodeFolder);
        Assert.True(result.ExitCode == 0, $"node-coap client failed.{Environment.NewLine}{result.Describe()}");
        var line = result.StdoutText.Trim();
        return JsonSerializer.Deserialize<NodeResponse>(line)
            ?? throw new InvalidOperationException($"node-coap client printed no response.{Environment.NewLine}{result.Describe()}");
    }
}
