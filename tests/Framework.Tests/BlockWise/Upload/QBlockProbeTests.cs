namespace Coap.Tests.BlockWise.Upload;

/// <summary>The Q-Block probe (RFC 9177 §4.1, QB-02, QB-03, seeds-app.md §9.1 C1) and the fallback to Block1.</summary>
public sealed class QBlockProbeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task QB03_BadOptionFallsBackToBlock1AndIsCachedPerServer()
    {
        await using var harness = new UploadHarness();
        for (var upload = 0; upload < 2; upload++)
        {
            var task = harness.Client.SendAsync(Request(1500, CoapMessageType.NonConfirmable));
            var first = await harness.NextFromClientAsync();
            if (upload == 0)
            {
                QBlockUploadTests.AnswerProbe(harness, first, supported: false);
                first = await harness.NextFromClientAsync();
            }

            // The second body goes without a probe: the answer is cached.
            Assert.Equal(new CoapBlock(0, true, 6), UploadHarness.Block(first, CoapOptionNumber.Block1));
            Assert.False(first.Options.Contains(CoapOptionNumber.QBlock1));
            harness.AnswerBlock(first, CoapCode.Continue);
            var second = await harness.NextFromClientAsync();
            Assert.Equal(new CoapBlock(1, false, 6), UploadHarness.Block(second, CoapOptionNumber.Block1));
            harness.AnswerBlock(second, CoapCode.Changed);
            Assert.Equal(CoapCode.Changed, (await task.WaitAsync(Wait)).Code);
        }
    }

    [Fact]
    public async Task QB02_ResetFallsBackToBlock1()
    {
        await using var harness = new UploadHarness();
        var task = harness.Client.SendAsync(Request(1500, CoapMessageType.NonConfirmable));
        var probe = await harness.NextFromClientAsync();
        Assert.Equal(CoapMessageType.Confirmable, probe.Type);
        harness.Send(new CoapMessage { Type = CoapMessageType.Reset, Code = CoapCode.Empty, MessageId = probe.MessageId });

        var first = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(0, true, 6), UploadHarness.Block(first, CoapOptionNumber.Block1));
        harness.Answer(first, CoapCode.Forbidden);
        await task.WaitAsync(Wait);
    }

    [Fact]
    public async Task QB03_SupportLeadsToQBlock1AndIsCached()
    {
        await using var harness = new UploadHarness();
        var task = await QBlockUploadTests.StartAsync(harness, UploadHarness.Body(1500));
        var blocks = await harness.NextFromClientAsync(2);
        Assert.All(blocks, b => Assert.True(b.Options.Contains(CoapOptionNumber.QBlock1)));
        harness.Answer(blocks[1], CoapCode.Changed);
        await task.WaitAsync(Wait);

        var again = harness.Client.SendAsync(Request(100, CoapMessageType.NonConfirmable));
        var single = await harness.NextFromClientAsync();
        Assert.Equal(CoapCode.Put, single.Code); // no second probe
        Assert.Equal(new CoapBlock(0, false, 6), UploadHarness.Block(single, CoapOptionNumber.QBlock1));
        harness.Answer(single, CoapCode.Changed);
        await again.WaitAsync(Wait);
    }

    [Fact]
    public async Task WithoutUseQBlockThereIsNoProbe()
    {
        await using var harness = new UploadHarness();
        var request = Request(1500, CoapMessageType.Confirmable);
        request.UseQBlock = null; // follows CoapQBlockOptions.Enabled, false by default
        var task = harness.Client.SendAsync(request);
        var first = await harness.NextFromClientAsync();
        Assert.Equal(CoapCode.Put, first.Code);
        Assert.True(first.Options.Contains(CoapOptionNumber.Block1));
        harness.Answer(first, CoapCode.Forbidden);
        await task.WaitAsync(Wait);
    }

    [Fact]
    public async Task ConfirmableBodiesProbeButGoAsBlock1()
    {
        await using var harness = new UploadHarness(o => o.QBlock.Enabled = true);
        var request = Request(1500, CoapMessageType.Confirmable);
        request.UseQBlock = null;
        var task = harness.Client.SendAsync(request);
        QBlockUploadTests.AnswerProbe(harness, await harness.NextFromClientAsync(), supported: true);
        var first = await harness.NextFromClientAsync();
        Assert.Equal(CoapMessageType.Confirmable, first.Type);
        Assert.True(first.Options.Contains(CoapOptionNumber.Block1));
        harness.Answer(first, CoapCode.Forbidden);
        await task.WaitAsync(Wait);
    }

    private static CoapRequest Request(int length, CoapMessageType type)
    {
        var request = CoapRequest.Put(UploadHarness.Uri("/path")).WithPayload(UploadHarness.Body(length));
        request.Type = type;
        request.UseQBlock = true;
        return request;
    }
}
