namespace Coap.Tests.Groups;

/// <summary>The unicast calls refuse a multicast destination before anything is sent (groupcomm-bis GC-MC-01).</summary>
public sealed class UnicastCallsRefuseGroupsTests
{
    [Theory]
    [InlineData("coap://224.0.1.187/time")]
    [InlineData("coap://[ff02::fd]/time")]
    public async Task SendAsync_ToAMulticastAddress_PointsToSendToGroupAsync(string uri)
    {
        await using var client = new CoapClient();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetAsync(uri));

        Assert.Contains("SendToGroupAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObserveAsync_ToAMulticastAddress_PointsToObserveGroupAsync()
    {
        await using var client = new CoapClient();

        var error = await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in client.ObserveAsync("coap://224.0.1.187/time"))
            {
            }
        });

        Assert.Contains("ObserveGroupAsync", error.Message, StringComparison.Ordinal);
    }
}
