using System.Text.RegularExpressions;
using Coap.Generators.Tests.Infrastructure;

namespace Coap.Generators.Tests;

/// <summary>
/// The OSCORE requirement each generated handler passes to CoapSecurityGate, for every combination of
/// [RequireOscore] and [AllowUnprotected] on the action and its controller (Sources/OscoreRoutes.cs).
/// </summary>
public sealed partial class RoutingGeneratorSecurityTests
{
    private static readonly Lazy<string> _generated = new(() =>
        GeneratorHarness.Run(GeneratorHarness.ReadSource("OscoreRoutes")).AssertCompilesCleanly().GeneratedSource);

    [Theory]
    [InlineData("Handle_PlainController_Default", "Default")]
    [InlineData("Handle_PlainController_Required", "Required")]
    [InlineData("Handle_PlainController_Allowed", "Allowed")]
    [InlineData("Handle_PlainController_Both", "Required")]
    [InlineData("Handle_PlainController_Observed", "Required")]
    [InlineData("Handle_SecureController_Unmarked", "Required")]
    [InlineData("Handle_SecureController_Open", "Allowed")]
    [InlineData("Handle_OpenController_Unmarked", "Allowed")]
    [InlineData("Handle_OpenController_Required", "Required")]
    [InlineData("Handle_DerivedController_Unmarked", "Required")]
    public void Handler_ChecksItsRequirementFirst(string handler, string requirement)
    {
        var body = HandlerBody(handler);

        Assert.StartsWith(
            $"if (!global::Coap.Routing.CoapSecurityGate.Permits(context, global::Coap.Routing.CoapOscoreRequirement.{requirement}))",
            body.TrimStart(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void ObservableHandler_ChecksBeforeRegistering()
    {
        var body = HandlerBody("Handle_PlainController_Observed");

        Assert.True(
            body.IndexOf("CoapSecurityGate.Permits", StringComparison.Ordinal) < body.IndexOf("context.EnableObserve", StringComparison.Ordinal),
            body);
    }

    [Fact]
    public void OverriddenAction_InheritsRequireOscore()
    {
        const string source = """
            using Coap;
            namespace App;
            public abstract class BaseController : CoapController
            {
                [RequireOscore]
                public virtual string Item() => "base";
            }

            [CoapController("items")]
            public sealed class ItemsController : BaseController
            {
                [Get("item")]
                public override string Item() => "derived";
            }
            """;

        var generated = GeneratorHarness.Run(source).AssertCompilesCleanly().GeneratedSource;

        Assert.Contains("CoapSecurityGate.Permits(context, global::Coap.Routing.CoapOscoreRequirement.Required)", generated, StringComparison.Ordinal);
    }

    /// <summary>The text between the handler's opening brace and the first statement block's end.</summary>
    private static string HandlerBody(string handler)
    {
        var match = HandlerPattern().Matches(_generated.Value).Single(m => m.Groups["name"].Value == handler);
        return match.Groups["body"].Value;
    }

    [GeneratedRegex(@"private [^\n]* (?<name>Handle_\w+)\(global::Coap\.CoapContext context\)\n\s*\{\n(?<body>(?:.*\n){1,12})", RegexOptions.None)]
    private static partial Regex HandlerPattern();
}
