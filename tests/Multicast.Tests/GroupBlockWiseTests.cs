using System.Net;
using System.Text;
using Coap.TestUtilities;

namespace Coap.MulticastTests;

/// <summary>A group GET of a resource bigger than one block: each server's body arrives whole (groupcomm-bis §3.8).</summary>
public sealed class GroupBlockWiseTests
{
    public GroupBlockWiseTests() => NetworkNamespace.Require();

    [Fact]
    public async Task Each_of_three_servers_large_body_is_fetched_by_unicast_Block2_and_yielded_whole()
    {
        await using var members = await GroupMembers.StartAsync(address => DelegateHandler.Sync(c => c.Response.WritePayload(LargeBody(address))));
        await using var client = new CoapClient(new CoapClientOptions { LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0) });

        var responses = new List<CoapResponse>();
        await foreach (var response in client.SendToGroupAsync("coap://224.0.1.187/large", TimeSpan.FromSeconds(2)))
        {
            responses.Add(response);
        }

        Assert.Equal(GroupMembers.LoopbackAddresses, responses.Select(r => r.RemoteEndPoint.Address.ToString()).Order());
        Assert.All(responses, r =>
        {
            Assert.Equal(CoapCode.Content, r.Code);
            Assert.Equal(LargeBody(r.RemoteEndPoint.Address.ToString()), r.GetPayloadAsString());
        });
    }

    /// <summary>About 3 KiB naming the server in every line, so a block from the wrong server would show.</summary>
    private static string LargeBody(string address)
    {
        var body = new StringBuilder();
        for (var line = 0; line < 100; line++)
        {
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"{address} line {line:D3}\n");
        }

        return body.ToString();
    }
}
