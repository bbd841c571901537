using Coap.Observe.Bindings;

namespace Coap.Tests.Observe.Bindings;

/// <summary>The pure parts of a binding worker: the poll interval and filter (LB-06), request URIs, groups (LB-10).</summary>
public sealed class BindingWorkerTests
{
    private static readonly TimeSpan s_fallback = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(null, null, 60)]
    [InlineData(10.0, null, 10)]
    [InlineData(null, 30.0, 30)]
    [InlineData(10.0, 30.0, 30)]
    [InlineData(5.0, 5.0, 5)]
    [InlineData(0.25, 0.5, 0.5)]
    public void PollInterval_IsPmaxElsePminElseTheFallback(double? pmin, double? pmax, double expectedSeconds)
    {
        var conditions = new ConditionalAttributes { MinPeriod = pmin, MaxPeriod = pmax };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), BindingWorker.PollIntervalFor(conditions, s_fallback));
    }

    [Fact]
    public void PollInterval_StaysWithinPminAndPmax_WhateverTheFallback()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), BindingWorker.PollIntervalFor(new ConditionalAttributes { MinPeriod = 120 }, s_fallback));
        Assert.Equal(TimeSpan.FromSeconds(1e9), BindingWorker.PollIntervalFor(new ConditionalAttributes { MinPeriod = 1e9 }, s_fallback));
    }

    [Fact]
    public void PollFilter_KeepsTheValueConditions_AndDropsThePeriods()
    {
        var conditions = new ConditionalAttributes { MinPeriod = 1, MaxPeriod = 2, MinEvaluationPeriod = 1, MaxEvaluationPeriod = 3, Confirmable = true, Step = 5, GreaterThan = 20 };

        Assert.Equal(new ConditionalAttributes { Step = 5, GreaterThan = 20 }, BindingWorker.PollFilterFor(conditions));
        Assert.Null(BindingWorker.PollFilterFor(new ConditionalAttributes { MinPeriod = 1, MaxPeriod = 2, Confirmable = false }));
        Assert.Null(BindingWorker.PollFilterFor(ConditionalAttributes.None));
    }

    [Theory]
    [InlineData("/a/light", "coap://127.0.0.1:5690/a/light")]
    [InlineData("/a/%C3%A9t%C3%A9?x=1", "coap://127.0.0.1:5690/a/%C3%A9t%C3%A9?x=1")]
    [InlineData("coap://localhost/a/light", "coap://127.0.0.1:5690/a/light")]
    [InlineData("coap://127.0.0.1:5683/a/light", "coap://127.0.0.1:5690/a/light")]
    [InlineData("coap://[::1]", "coap://127.0.0.1:5690/")]
    [InlineData("coap:///a/light", "coap://127.0.0.1:5690/a/light")]
    public void LocalUri_IsTheServerBaseWithThePathAsWritten(string reference, string expected)
    {
        Assert.Equal(expected, BindingWorker.ToLocalUri("coap://127.0.0.1:5690", reference));
    }

    [Theory]
    [InlineData("/s/light", "coap://127.0.0.1:5690/s/light")]
    [InlineData("coap://sensor.example.com/s/light", "coap://sensor.example.com/s/light")]
    [InlineData("coap://127.0.0.1:5700/s/light", "coap://127.0.0.1:5700/s/light")]
    public void RemoteUri_IsThePathOnThisServer_OrTheUriAsWritten(string reference, string expected)
    {
        Assert.Equal(expected, BindingWorker.ToRemoteUri("coap://127.0.0.1:5690", reference));
    }

    [Theory]
    [InlineData("coap://224.0.1.187/a/light", true)]
    [InlineData("coap://239.255.0.1:5700/a/light", true)]
    [InlineData("coap://[ff05::fd]/a/light", true)]
    [InlineData("coap://[ff02::fd]:5700/a/light", true)]
    [InlineData("coap://192.0.2.1/a/light", false)]
    [InlineData("coap://[2001:db8::1]/a/light", false)]
    [InlineData("coap://group.example.com/a/light", false)]
    public void IsGroup_RecognisesMulticastAddresses(string uri, bool expected)
    {
        Assert.Equal(expected, BindingWorker.IsGroup(uri));
    }
}
