using System.Net;
using System.Security.Cryptography;
using Coap.TestUtilities;

namespace Coap.FunctionalTests.BlockWise;

/// <summary>
/// Q-Block (RFC 9177) between our own client and server over real UDP on loopback, through a relay that
/// drops a share of the datagrams both ways: the support probe, paced NON sets, and recovery of lost
/// blocks with 4.08 lists (Q-Block1) and missing-block requests (Q-Block2). Timers are shortened to
/// the smallest values RFC 9177 §7.2 allows so that recovery takes seconds of real time.
/// </summary>
public sealed class QBlockOverLossyUdpTests
{
    private const int BodySize = 128 * 1024;
    private const double Loss = 0.10;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task QBlock2_Download_CrossesTheLossyRelay_Intact()
    {
        var body = CreateBody(BodySize, seed: 3);
        var handler = DelegateHandler.Sync(context => Serve(context, body));
        await using var server = await StartServerAsync(handler);
        await using var relay = new LossyUdpRelay(ServerEndPoint(server), Loss, seed: 5);
        await using var client = new CoapClient(ClientOptions());
        var request = CoapRequest.Get($"coap://{relay.EndPoint}/big").AsNonConfirmable();
        request.UseQBlock = true;

        var response = await client.SendAsync(request).WaitAsync(s_timeout);

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.True(response.Payload.Span.SequenceEqual(body), $"{response.Payload.Length} bytes, not the {body.Length} served");
        Assert.True(relay.DroppedToServer + relay.DroppedToClient > 0, "the relay dropped nothing: recovery was not exercised");
    }

    [Fact]
    public async Task QBlock1_Upload_CrossesTheLossyRelay_Intact_AndTheActionRunsOnce()
    {
        var body = CreateBody(BodySize, seed: 4);
        byte[]? received = null;
        var handler = DelegateHandler.Sync(context =>
        {
            received = context.Payload.ToArray();
            Serve(context, body);
        });
        await using var server = await StartServerAsync(handler);
        await using var relay = new LossyUdpRelay(ServerEndPoint(server), Loss, seed: 6);
        await using var client = new CoapClient(ClientOptions());
        var request = CoapRequest.Put($"coap://{relay.EndPoint}/upload").WithPayload(body).AsNonConfirmable();
        request.UseQBlock = true;

        var response = await client.SendAsync(request).WaitAsync(s_timeout);

        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), response.GetPayloadAsString());
        Assert.True(received.AsSpan().SequenceEqual(body));
        Assert.True(relay.DroppedToServer + relay.DroppedToClient > 0, "the relay dropped nothing: recovery was not exercised");
        // The probe's GET and the upload: the PUT action ran once however many blocks were resent.
        Assert.Equal(2, handler.Calls);
    }

    private static void Serve(CoapContext context, byte[] body)
    {
        var response = context.Response;
        switch (context.GetPath())
        {
            case "/.well-known/core":
                response.Code = CoapCode.Content;
                response.SetContentFormat(CoapContentFormat.LinkFormat);
                response.WritePayload("</big>,</upload>".AsSpan());
                break;
            case "/big":
                response.Code = CoapCode.Content;
                response.SetContentFormat(CoapContentFormat.OctetStream);
                response.SetPayload(body);
                break;
            case "/upload":
                response.Code = CoapCode.Changed;
                response.WritePayload(Convert.ToHexStringLower(SHA256.HashData(context.Payload.Span)).AsSpan());
                break;
            default:
                response.Code = CoapCode.NotFound;
                break;
        }
    }

    /// <summary>Q-Block for every resource, with RFC 9177 §7.2's smallest timers (NON_RECEIVE_TIMEOUT ≥ NON_TIMEOUT × 1.5 + 1 s).</summary>
    private static CoapBlockWiseOptions BlockWise() => new()
    {
        QBlock = new CoapQBlockOptions
        {
            Enabled = true,
            AllowNoSec = true,
            NonTimeout = TimeSpan.FromMilliseconds(100),
            NonReceiveTimeout = TimeSpan.FromMilliseconds(1200),
            NonMaxRetransmit = 10,
        },
    };

    private static CoapClientOptions ClientOptions() => new()
    {
        LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        BlockWise = BlockWise(),
        Messaging = new CoapMessagingOptions { AckTimeout = TimeSpan.FromMilliseconds(300), MaxRetransmit = 8 },
    };

    private static async Task<CoapServer> StartServerAsync(ICoapRequestHandler handler)
    {
        var options = new CoapServerOptions { BlockWise = BlockWise() };
        options.Endpoints.Add("coap://127.0.0.1:0");
        var server = new CoapServer(handler, options);
        await server.StartAsync();
        return server;
    }

    private static IPEndPoint ServerEndPoint(CoapServer server) => new(IPAddress.Loopback, server.LocalEndPoints[0].Port);

    private static byte[] CreateBody(int size, int seed)
    {
        var body = new byte[size];
        new Random(seed).NextBytes(body);
        return body;
    }
}
