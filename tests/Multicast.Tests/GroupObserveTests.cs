using System.Net;
using Coap.TestUtilities;

namespace Coap.MulticastTests;

/// <summary>Observing a resource at every member of the group with one registration (groupcomm-bis §3.7).</summary>
public sealed class GroupObserveTests
{
    public GroupObserveTests() => NetworkNamespace.Require();

    [Fact]
    public async Task Each_server_notification_after_Notify_arrives_tagged_with_that_server()
    {
        // One reading per server, in GroupMembers.LoopbackAddresses order.
        var readings = new int[GroupMembers.LoopbackAddresses.Length];
        await using var members = await GroupMembers.StartAsync(address =>
        {
            var index = Array.IndexOf(GroupMembers.LoopbackAddresses, address);
            return DelegateHandler.Sync(c =>
            {
                if (c.EnableObserve())
                {
                    c.Response.WritePayload($"{address} reading {Volatile.Read(ref readings[index])}");
                }
            });
        });
        await using var client = new CoapClient(new CoapClientOptions { LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        await using var notifications = client.ObserveGroupAsync("coap://224.0.1.187/temp", timeout.Token).GetAsyncEnumerator(timeout.Token);
        var registrations = await NextAsync(notifications, 3);
        Assert.Equal(GroupMembers.LoopbackAddresses.Select(a => $"{a} reading 0"), registrations.Select(r => r.GetPayloadAsString()).Order());

        for (var i = 0; i < members.Servers.Count; i++)
        {
            Interlocked.Increment(ref readings[i]);
            members.Servers[i].Observations.Notify("/temp");
        }

        var changed = await NextAsync(notifications, 3);
        Assert.All(changed, n =>
        {
            Assert.Equal($"{n.RemoteEndPoint.Address} reading 1", n.GetPayloadAsString());
            Assert.NotNull(n.Observe);
        });
        Assert.Equal(GroupMembers.LoopbackAddresses, changed.Select(n => n.RemoteEndPoint.Address.ToString()).Order());
    }

    private static async Task<List<CoapResponse>> NextAsync(IAsyncEnumerator<CoapResponse> notifications, int count)
    {
        var received = new List<CoapResponse>();
        while (received.Count < count)
        {
            Assert.True(await notifications.MoveNextAsync(), "The group observation ended early.");
            received.Add(notifications.Current);
        }

        return received;
    }
}
