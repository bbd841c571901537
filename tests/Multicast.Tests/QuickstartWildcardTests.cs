using System.Net;

namespace Coap.MulticastTests;

/// <summary>
/// The quickstart as it starts by default (coap://[::]:5683) with <c>--multicast</c>: no interface is named, so
/// 224.0.1.187 is joined where IPv4 is (lo; the veth pair has none) and ff02::fd on every IPv6 interface that is up,
/// and both groups reach it.
/// </summary>
public sealed class QuickstartWildcardTests
{
    private static readonly TimeSpan s_collect = TimeSpan.FromSeconds(1.5);

    public QuickstartWildcardTests() => NetworkNamespace.Require();

    [Fact]
    public async Task On_the_default_endpoint_it_answers_both_All_CoAP_Nodes_groups()
    {
        await using var quickstart = await RunningSample.StartAsync(
            RunningSample.Locate("Quickstart", "Quickstart"), "[::]", "--multicast", "--Coap:Groups:Leisure=00:00:00.1");

        var overIPv4 = await SendToGroupAsync(IPAddress.Loopback, "coap://224.0.1.187/time");
        var overIPv6 = await SendToGroupAsync(IPAddress.Parse("fd01::2"), "coap://[ff02::fd%25veth1]/time");

        Assert.True(overIPv4.Count > 0 && overIPv4.All(r => r.RemoteEndPoint.Address.Equals(IPAddress.Loopback)), quickstart.Process.Describe());
        Assert.True(overIPv6.Count > 0 && overIPv6.All(r => r.IsSuccess), quickstart.Process.Describe());
    }

    private static async Task<List<CoapResponse>> SendToGroupAsync(IPAddress local, string uri)
    {
        await using var client = new CoapClient(new CoapClientOptions { LocalEndPoint = new IPEndPoint(local, 0) });
        var responses = new List<CoapResponse>();
        await foreach (var response in client.SendToGroupAsync(uri, s_collect))
        {
            responses.Add(response);
        }

        return responses;
    }
}
