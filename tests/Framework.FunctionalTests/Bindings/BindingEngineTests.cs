namespace Coap.FunctionalTests.Bindings;

/// <summary>
/// The binding engine between two real servers over loopback UDP (draft-ietf-core-dynlink §4.1):
/// obs and poll copy a remote source into a local destination, push and exec send a local source's
/// changes to a remote destination, and removing an entry stops it.
/// </summary>
public sealed class BindingEngineTests : IAsyncLifetime
{
    private readonly BindingPeer _a = new();
    private readonly BindingPeer _b = new();

    public async Task InitializeAsync()
    {
        await _a.StartAsync();
        await _b.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task Obs_CopiesTheStateAndEachChange_ObservingWithTheConditions_AndDeregistersOnRemoval()
    {
        _b.Bind($"<{_a.Uri(BindingPeer.SourcePath)}>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\";st=2");

        // LB-07: the registration response is the current state, copied with its Content-Format.
        Assert.Equal((CoapCode.Put, "10", CoapContentFormat.TextPlain), await _b.NextCopyAsync());
        Assert.Equal(new[] { "c.st=2" }, _a.RegistrationQueries);

        // The source's evaluator applies st=2: 11 is not notified, 13 is.
        var renderings = _a.Renderings;
        _a.SetValue("11");
        await BindingPeer.EventuallyAsync(() => _a.Renderings > renderings, "the source to render 11");
        _a.SetValue("13");
        Assert.Equal((CoapCode.Put, "13", CoapContentFormat.TextPlain), await _b.NextCopyAsync());

        _b.Bind("");

        Assert.Equal(0, _b.Engine.ActiveCount);
        await BindingPeer.EventuallyAsync(() => _a.ObserverCount == 0, "the deregistration");
    }

    [Fact]
    public async Task Obs_RewritingTheSameTable_KeepsTheRunningBinding()
    {
        var table = $"<{_a.Uri(BindingPeer.SourcePath)}>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\"";
        _b.Bind(table);
        Assert.Equal("10", (await _b.NextCopyAsync()).Payload);

        _b.Bind(table);
        _a.SetValue("12");

        Assert.Equal("12", (await _b.NextCopyAsync()).Payload);
        Assert.Single(_a.RegistrationQueries);
        Assert.Equal(1, _a.ObserverCount);
    }

    [Fact]
    public async Task Poll_GetsTheSourceEveryInterval_NoFasterThanPmin_AndCopiesEachValue()
    {
        _b.Bind($"<{_a.Uri(BindingPeer.SourcePath)}>;rel=\"boundto\";anchor=\"/a/light\";bind=\"poll\";pmin=0.3;pmax=0.3");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal((CoapCode.Put, "10", CoapContentFormat.TextPlain), await _b.NextCopyAsync());
        }

        // LB-06: never faster than pmin (a little slack for timer granularity).
        var gets = _a.PlainGets;
        Assert.True(gets.Count >= 3);
        for (var i = 1; i < gets.Count; i++)
        {
            Assert.True(gets[i] - gets[i - 1] >= TimeSpan.FromSeconds(0.25), $"poll {i} came {gets[i] - gets[i - 1]} after the previous one");
        }

        Assert.Empty(_a.RegistrationQueries);
    }

    [Fact]
    public async Task Poll_WithStep_CopiesOnlyValuesThatMovedEnough()
    {
        _b.Bind($"<{_a.Uri(BindingPeer.SourcePath)}>;rel=\"boundto\";anchor=\"/a/light\";bind=\"poll\";pmax=0.1;st=5");
        Assert.Equal("10", (await _b.NextCopyAsync()).Payload);

        _a.Value = "12";
        var polled = _a.PlainGets.Count;
        await BindingPeer.EventuallyAsync(() => _a.PlainGets.Count >= polled + 3, "three polls of 12");
        _a.Value = "16";

        Assert.Equal("16", (await _b.NextCopyAsync()).Payload);
    }

    [Fact]
    public async Task Push_PutsChangesThatMeetTheConditions_AndNothingElse()
    {
        _a.Bind($"</s/light>;rel=\"boundto\";anchor=\"{_b.Uri(BindingPeer.DestinationPath)}\";bind=\"push\";st=5");
        await BindingPeer.EventuallyAsync(() => _a.ObserverCount == 1, "the engine to observe its source");
        Assert.Equal(new[] { "c.st=5" }, _a.RegistrationQueries);

        // LB-08: 12 is within the step of 10 and is not pushed; the registration's state is not pushed either.
        var renderings = _a.Renderings;
        _a.SetValue("12");
        await BindingPeer.EventuallyAsync(() => _a.Renderings > renderings, "the source to render 12");
        _a.SetValue("16");

        Assert.Equal((CoapCode.Put, "16", CoapContentFormat.TextPlain), await _b.NextCopyAsync());
        Assert.False(_b.TryTakeCopy(out _));

        _a.Bind("");
        await BindingPeer.EventuallyAsync(() => _a.ObserverCount == 0, "the deregistration");
    }

    [Fact]
    public async Task Exec_PostsEveryChange()
    {
        _a.Bind($"</s/light>;rel=\"boundto\";anchor=\"{_b.Uri(BindingPeer.DestinationPath)}\";bind=\"exec\"");
        await BindingPeer.EventuallyAsync(() => _a.ObserverCount == 1, "the engine to observe its source");

        _a.SetValue("11");
        Assert.Equal((CoapCode.Post, "11", CoapContentFormat.TextPlain), await _b.NextCopyAsync());
        _a.SetValue("12");
        Assert.Equal((CoapCode.Post, "12", CoapContentFormat.TextPlain), await _b.NextCopyAsync());
    }

    [Fact]
    public async Task StoppingTheEngine_DeregistersEveryObservation()
    {
        _b.Bind($"<{_a.Uri(BindingPeer.SourcePath)}>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\"");
        await _b.NextCopyAsync();
        Assert.Equal(1, _a.ObserverCount);

        await _b.Engine.StopAsync();

        Assert.Equal(0, _b.Engine.ActiveCount);
        await BindingPeer.EventuallyAsync(() => _a.ObserverCount == 0, "the deregistration");
    }
}
