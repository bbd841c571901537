namespace Coap.Tests.BlockWise.Inbound;

/// <summary>Which requests with Block and Q-Block options a server accepts (RFC 9177 §4.1, §4.3; seeds §9.1 S1).</summary>
public sealed class QBlockValidationTests
{
    private static CoapMessage Request(CoapMessageType type, ushort messageId, params (int Number, object Value)[] options)
    {
        var message = new CoapMessage { Type = type, Code = CoapCode.Put, MessageId = messageId, Token = new byte[] { 0x42 }, Payload = new byte[16] };
        message.Options.Add(CoapOptionNumber.UriPath, "path");
        foreach (var (number, value) in options)
        {
            if (value is byte[] bytes)
            {
                message.Options.Add(number, bytes);
            }
            else
            {
                message.Options.Add(number, (uint)(int)value);
            }
        }

        return message;
    }

    private static readonly (int, object)[] CompleteQBlock1 =
        [(CoapOptionNumber.QBlock1, 0), (CoapOptionNumber.RequestTag, new byte[] { 1 }), (CoapOptionNumber.Size1, 16)];

    [Fact]
    public async Task QB02_QBlockOff_ConGets402_NonGetsReset()
    {
        await using var harness = new InboundHarness();

        harness.Send(Request(CoapMessageType.Confirmable, 1, CompleteQBlock1));
        harness.Send(Request(CoapMessageType.NonConfirmable, 2, CompleteQBlock1));
        harness.Send(Request(CoapMessageType.Confirmable, 3, (CoapOptionNumber.QBlock2, 0)));

        var answers = harness.Take();
        Assert.Equal(3, answers.Count);
        Assert.Equal(CoapCode.BadOption, answers[0].Code);
        Assert.Equal(CoapMessageType.Reset, answers[1].Type);
        Assert.Equal(2, answers[1].MessageId);
        Assert.Equal(CoapCode.BadOption, answers[2].Code);
        Assert.Equal(0, harness.Calls);
    }

    [Fact]
    public async Task Rfc7959_Block1AndBlock2_AreAlwaysSupported()
    {
        await using var harness = new InboundHarness();

        harness.Send(Request(CoapMessageType.Confirmable, 1, (CoapOptionNumber.Block1, 0), (CoapOptionNumber.Block2, 6)));

        Assert.Equal(CoapCode.Changed, Assert.Single(harness.Take()).Code);
        Assert.Equal(1, harness.Calls);
    }

    [Fact]
    public async Task QB07_BlockAndQBlockInOneRequest_Gets402()
    {
        await using var harness = QBlock1FigureTests.Create();

        harness.Send(Request(CoapMessageType.Confirmable, 1, [.. CompleteQBlock1, (CoapOptionNumber.Block1, 0)]));
        harness.Send(Request(CoapMessageType.Confirmable, 2, (CoapOptionNumber.Block2, 0), (CoapOptionNumber.QBlock2, 0)));

        var answers = harness.Take();
        Assert.All(answers, a => Assert.Equal(CoapCode.BadOption, a.Code));
        Assert.Equal(2, answers.Count);
        Assert.Equal(0, harness.Calls);
    }

    [Fact]
    public async Task QB06_RepeatedQBlock1_Gets402()
    {
        await using var harness = QBlock1FigureTests.Create();

        harness.Send(Request(CoapMessageType.Confirmable, 1, [.. CompleteQBlock1, (CoapOptionNumber.QBlock1, 1 << 4)]));

        Assert.Equal(CoapCode.BadOption, Assert.Single(harness.Take()).Code);
    }

    [Theory]
    [InlineData(CoapOptionNumber.RequestTag)]
    [InlineData(CoapOptionNumber.Size1)]
    public async Task QB12_QBlock1WithoutRequestTagOrSize1_Gets400(int left)
    {
        await using var harness = QBlock1FigureTests.Create();

        harness.Send(Request(CoapMessageType.Confirmable, 1, CompleteQBlock1.Where(o => o.Item1 != left).ToArray()));

        Assert.Equal(CoapCode.BadRequest, Assert.Single(harness.Take()).Code);
        Assert.Equal(0, harness.Calls);
    }

    [Fact]
    public async Task Seeds9_1_QBlockEndpoint_ResourceWithoutQBlock_ConGets402_NonGetsReset()
    {
        var routes = new QBlockRoutes("/q");
        await using var harness = new InboundHarness(policy: routes);

        harness.Send(Request(CoapMessageType.Confirmable, 1, CompleteQBlock1));
        harness.Send(Request(CoapMessageType.NonConfirmable, 2, CompleteQBlock1));

        var answers = harness.Take();
        Assert.Equal(CoapCode.BadOption, answers[0].Code);
        Assert.Equal(CoapMessageType.Reset, answers[1].Type);
        Assert.Equal(0, harness.Calls);
    }

    [Fact]
    public async Task QB03_SupportProbe_GetWellKnownCoreWithQBlock2_IsServedOnAQBlockEndpoint()
    {
        await using var harness = new InboundHarness(policy: new QBlockRoutes("/q"));
        var probe = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, MessageId = 1, Token = new byte[] { 0x51 } };
        probe.Options.Add(CoapOptionNumber.UriPath, ".well-known");
        probe.Options.Add(CoapOptionNumber.UriPath, "core");
        probe.Options.Add(CoapOptionNumber.QBlock2, ReadOnlyMemory<byte>.Empty);

        harness.Send(probe);

        // The action runs (this harness's action answers 2.04 to everything but FETCH), no 4.02.
        Assert.Null(harness.Failure);
        Assert.Equal(CoapCode.Changed, Assert.Single(harness.Take()).Code);
        Assert.Equal(1, harness.Calls);
    }

    [Fact]
    public async Task Seeds9_1_QBlockRoute_UsesTheAttributesParameters()
    {
        var routes = new QBlockRoutes("/path");
        routes.Attribute.MaxPayloads = 2;
        await using var harness = new InboundHarness(policy: routes);
        var body = InboundHarness.Body((2 * 1024) + 1);

        QBlock1FigureTests.Send(harness, body, 0, 0x01, 5);
        QBlock1FigureTests.Send(harness, body, 1, 0x02, 5);

        // MAX_PAYLOADS 2 from [QBlock]: the set of blocks 0 and 1 is complete.
        var cont = Assert.Single(harness.Take());
        Assert.Equal(CoapCode.Continue, cont.Code);
        Assert.Equal([0x02], cont.Token.ToArray());

        QBlock1FigureTests.Send(harness, body, 2, 0x03, 5);
        Assert.Equal(CoapCode.Changed, Assert.Single(harness.Take()).Code);
        Assert.Equal(body, Assert.Single(harness.Bodies));
    }

    [Fact]
    public async Task QBlock1BlockThatContradictsItsBody_Gets400()
    {
        await using var harness = QBlock1FigureTests.Create();
        var body = InboundHarness.Body(2048 + 1);
        QBlock1FigureTests.Send(harness, body, 0, 0x01, 5, CoapMessageType.Confirmable);
        harness.Take();

        // NUM beyond the blocks Size1 allows.
        harness.SendBlock(body, 5, 6, CoapOptionNumber.QBlock1, token: [0x02], requestTag: [5], size1: true, path: "path");

        Assert.Equal(CoapCode.BadRequest, Assert.Single(harness.Take()).Code);
    }
}
