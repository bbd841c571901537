using System.Text;
using Coap.TestUtilities;

namespace Coap.FunctionalTests.Oscore;

/// <summary>Observe (RFC 8613 §4.1.3.5) and inner block-wise (§4.1.3.4.1) through OSCORE over real UDP.</summary>
public sealed class OscoreObserveAndBlockWiseTests
{
    private static readonly byte[] Large = Encoding.ASCII.GetBytes("This is a large resource\n" + string.Concat(Enumerable.Repeat("0123456789", 301)));

    [Fact]
    public async Task ProtectedObservation_DeliversEveryNotificationDecrypted_ThenTheFinalError()
    {
        var value = 0;
        var identities = new List<string?>();
        var handler = DelegateHandler.Sync(context =>
        {
            lock (identities)
            {
                identities.Add(context.Security?.ContextName);
            }

            if (!context.EnableObserve())
            {
                return;
            }

            var current = Volatile.Read(ref value);
            if (current < 0)
            {
                context.Response.Code = CoapCode.InternalServerError;
                context.Response.WritePayload("Terminate Observe");
                return;
            }

            context.Response.SetContentFormat(CoapContentFormat.TextPlain);
            context.Response.WritePayload($"value {current}");
        });
        await using var server = await OscorePeers.StartServerAsync(handler);
        await using var client = OscorePeers.CreateClient(s => s.Contexts.Add(OscorePeers.Client(server.Port())));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var received = new List<CoapResponse>();
        await foreach (var notification in client.ObserveAsync($"coap://127.0.0.1:{server.Port()}/obs", cancellationToken: timeout.Token))
        {
            received.Add(notification);
            if (received.Count < 4)
            {
                Volatile.Write(ref value, received.Count);
            }
            else
            {
                Volatile.Write(ref value, -1);
            }

            if (!notification.IsSuccess)
            {
                break;
            }

            server.Observations.Notify("/obs");
        }

        Assert.Equal(["value 0", "value 1", "value 2", "value 3"], received.Take(4).Select(r => r.GetPayloadAsString()));
        Assert.All(received.Take(4), r => Assert.NotNull(r.Observe));
        Assert.Equal(CoapCode.InternalServerError, received[^1].Code);
        Assert.Equal("Terminate Observe", received[^1].GetPayloadAsString());
        Assert.All(identities, id => Assert.Equal("b", id));
        Assert.Equal(0, server.Observations.GetObserverCount("/obs"));
    }

    [Fact]
    public async Task LargeProtectedResponse_TravelsInInnerBlock2()
    {
        var handler = DelegateHandler.Sync(context =>
        {
            Assert.NotNull(context.Security);
            context.Response.SetContentFormat(CoapContentFormat.TextPlain);
            context.Response.WritePayload(Large);
        });
        await using var server = await OscorePeers.StartServerAsync(handler);
        await using var client = OscorePeers.CreateClient(s => s.Contexts.Add(OscorePeers.Client(server.Port())));

        var response = await client.GetAsync($"coap://127.0.0.1:{server.Port()}/oscore/block/inner");

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal(Large, response.Payload.ToArray());
    }

    [Fact]
    public async Task LargeProtectedRequestBody_TravelsInInnerBlock1()
    {
        byte[]? seen = null;
        var handler = DelegateHandler.Sync(context =>
        {
            Assert.NotNull(context.Security);
            seen = context.Payload.ToArray();
            context.Response.Code = CoapCode.Changed;
            context.Response.WritePayload($"{seen.Length} bytes");
        });
        await using var server = await OscorePeers.StartServerAsync(handler);
        await using var client = OscorePeers.CreateClient(s => s.Contexts.Add(OscorePeers.Client(server.Port())));

        var response = await client.PostAsync($"coap://127.0.0.1:{server.Port()}/upload", Large);

        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.Equal($"{Large.Length} bytes", response.GetPayloadAsString());
        Assert.Equal(Large, seen);
        Assert.Equal(1, handler.Calls);
    }
}
