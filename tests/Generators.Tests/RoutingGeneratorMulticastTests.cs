using System.Text.RegularExpressions;
using Coap.Generators.Tests.Infrastructure;

namespace Coap.Generators.Tests;

/// <summary>
/// The multicast opt-in gate in generated handlers (Sources/MulticastRoutes.cs): unmarked actions call
/// CoapMulticastGate right after the OSCORE check; actions with [Multicast] (on themselves, their controller
/// or what they override) do not call it; <c>[Multicast(DelayResponses = false)]</c> (the action's, else the
/// controller's) emits the Leisure opt-out instead.
/// </summary>
public sealed partial class RoutingGeneratorMulticastTests
{
    private const string Gate = "if (!global::Coap.Routing.CoapMulticastGate.Permits(context))";

    private const string WithoutLeisure = "global::Coap.Routing.CoapMulticastGate.SendWithoutLeisure(context);";

    private static readonly Lazy<string> _generated = new(() =>
        GeneratorHarness.Run(GeneratorHarness.ReadSource("MulticastRoutes")).AssertCompilesCleanly().GeneratedSource);

    [Fact]
    public void UnmarkedAction_ChecksTheGate_AfterTheSecurityCheck()
    {
        var lines = HandlerBody("Handle_LampsController_Plain").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.StartsWith("if (!global::Coap.Routing.CoapSecurityGate.Permits(", lines[0], StringComparison.Ordinal);
        Assert.Equal(Gate, lines[4]);
    }

    [Theory]
    [InlineData("Handle_LampsController_State")]
    [InlineData("Handle_LampsController_Switch")]
    [InlineData("Handle_GroupController_All")]
    [InlineData("Handle_DerivedController_Item")]
    public void OptedInAction_HasNoGate(string handler)
    {
        Assert.DoesNotContain("CoapMulticastGate", HandlerBody(handler), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Handle_LampsController_Raw")]
    [InlineData("Handle_QuietController_Own")]
    public void DelayResponsesFalse_TurnsTheLeisureOff_AfterTheSecurityCheck(string handler)
    {
        var lines = HandlerBody(handler).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.StartsWith("if (!global::Coap.Routing.CoapSecurityGate.Permits(", lines[0], StringComparison.Ordinal);
        Assert.Equal(WithoutLeisure, lines[4]);
        Assert.DoesNotContain(Gate, HandlerBody(handler), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Handle_LampsController_State")]
    [InlineData("Handle_QuietController_Delayed")]
    [InlineData("Handle_GroupController_All")]
    public void DefaultOrRestoredDelays_EmitNoOptOut(string handler)
    {
        Assert.DoesNotContain("SendWithoutLeisure", HandlerBody(handler), StringComparison.Ordinal);
    }

    [Fact]
    public void WellKnownCore_HasNoGate()
    {
        var dispatch = _generated.Value[_generated.Value.IndexOf("GET /.well-known/core: the link-format document", StringComparison.Ordinal)..];

        Assert.StartsWith("Discovery.WriteTo(context);", dispatch[(dispatch.IndexOf('{') + 1)..].TrimStart(), StringComparison.Ordinal);
    }

    /// <summary>The text of the handler's first statements.</summary>
    private static string HandlerBody(string handler)
    {
        var match = HandlerPattern().Matches(_generated.Value).Single(m => m.Groups["name"].Value == handler);
        return match.Groups["body"].Value;
    }

    [GeneratedRegex(@"private [^\n]* (?<name>Handle_\w+)\(global::Coap\.CoapContext context\)\n\s*\{\n(?<body>(?:.*\n){1,12})", RegexOptions.None)]
    private static partial Regex HandlerPattern();
}
