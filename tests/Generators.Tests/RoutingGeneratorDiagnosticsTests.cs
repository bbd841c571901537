using Coap.Generators.Diagnostics;
using Coap.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Coap.Generators.Tests;

/// <summary>
/// COAP1xxx: what cannot be generated is reported where it is written, skipped, and everything
/// else is still generated (the output compiles and keeps the other routes).
/// </summary>
public sealed class RoutingGeneratorDiagnosticsTests
{
    [Theory]
    [InlineData("a/{id", "unbalanced braces")]
    [InlineData("a/id}", "unbalanced braces")]
    [InlineData("{}", "empty parameter name")]
    [InlineData("{:int}", "empty parameter name")]
    [InlineData("{*rest}/tail", "must be the last segment")]
    [InlineData("{id:uint}", "constraint 'uint' is unknown")]
    [InlineData("a//b", "empty segment")]
    [InlineData("x{id}", "mixes text and parameters")]
    [InlineData("{id?}", "optional")]
    [InlineData("{id}/{ID}", "appears twice")]
    public void InvalidTemplate_IsCOAP1001(string template, string reason)
    {
        var source = Action($"[Get(\"{template}\")] public string Broken() => \"\";");
        var diagnostic = AssertReportedAndOthersGenerated(source, "COAP1001");

        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains($"[Get(\"{template}\")]", LineOf(diagnostic, source), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Get(\"x\")] public string Broken(System.ReadOnlySpan<byte> data) => \"\";", "cannot be bound")]
    [InlineData("[Get(\"x\")] public string Broken(ref int value) => \"\";", "ref and out")]
    [InlineData("[Post(\"x\")] public string Broken(byte[] first, [FromPayload] string second) => \"\";", "only one parameter")]
    [InlineData("[Get(\"x\")] public string Broken([FromRoute] int id) => \"\";", "no parameter '{id}'")]
    [InlineData("[Get(\"x/{when}\")] public string Broken(System.DateTime when) => \"\";", "route value 'when'")]
    [InlineData("[Get(\"x/{*rest}\")] public string Broken(int rest) => \"\";", "binds to string only")]
    [InlineData("[Get(\"x\")] public string Broken([FromQuery] System.Uri link) => \"\";", "query parameter")]
    [InlineData("[Get(\"x\")] public string Broken([FromQuery, FromPayload] int value) => \"\";", "more than one")]
    public void UnsupportedParameter_IsCOAP1002(string action, string reason)
    {
        var diagnostic = AssertReportedAndOthersGenerated(Action(action), "COAP1002");

        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Get(\"x\")] public System.Collections.Generic.IAsyncEnumerable<int> Broken() => null!;", "streams")]
    [InlineData("[Get(\"x\")] public System.Threading.Tasks.Task<System.Threading.Tasks.Task> Broken() => null!;", "task of a task")]
    [InlineData("[Get(\"x\")] public System.Span<byte> Broken() => default;", "not a value")]
    [InlineData("[Get(\"x\")] public ref int Broken() => ref _value;", "by reference")]
    [InlineData("[Get(\"x\")] public System.Action Broken() => () => { };", "not a value")]
    public void UnsupportedReturnType_IsCOAP1003(string action, string reason)
    {
        var diagnostic = AssertReportedAndOthersGenerated(Action(action), "COAP1003");

        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[CoapController(\"bad\")] public sealed class BadController { [Get] public string Get() => \"\"; }", "does not derive")]
    [InlineData("[CoapController(\"bad\")] public abstract class BadController : CoapController { [Get] public string Get() => \"\"; }", "abstract")]
    [InlineData("[CoapController(\"bad\")] public sealed class BadController<T> : CoapController { [Get] public string Get() => \"\"; }", "generic")]
    [InlineData("public static class Holder { [CoapController(\"bad\")] private sealed class BadController : CoapController { [Get] public string Get() => \"\"; } }", "not public or internal")]
    [InlineData("internal static class Holder { private static class Inner { [CoapController(\"bad\")] internal sealed class BadController : CoapController { [Get] public string Get() => \"\"; } } }", "nested in 'Inner'")]
    public void InvalidController_IsCOAP1004(string controller, string reason)
    {
        var source = WithGoodController(controller);
        var diagnostic = AssertReportedAndOthersGenerated(source, "COAP1004");

        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("BadController", LineOf(diagnostic, source), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[CoapController(\"bad\")] public sealed class BadController : CoapController { private BadController() { } [Get] public string Get() => \"\"; }", "no public or internal constructor")]
    [InlineData("[CoapController(\"bad\")] public sealed class BadController : CoapController { public BadController(ref int x) { } [Get] public string Get() => \"\"; }", "by reference")]
    [InlineData("[CoapController(\"bad\")] public sealed class BadController : CoapController { public required string Name { get; init; } [Get] public string Get() => \"\"; }", "required members")]
    public void NoUsableConstructor_IsCOAP1005(string controller, string reason)
    {
        var diagnostic = AssertReportedAndOthersGenerated(WithGoodController(controller), "COAP1005");

        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void ConstructorWithMostParameters_IsChosen_AndRequiredMembersSetByItAreFine()
    {
        const string source = """
            using System.Diagnostics.CodeAnalysis;
            using Coap;
            namespace App;
            public sealed class Dependency { }
            [CoapController("c")]
            public sealed class ChoosingController : CoapController
            {
                public ChoosingController() { }

                [SetsRequiredMembers]
                public ChoosingController(Dependency dependency) => Name = dependency.ToString()!;

                public required string Name { get; init; }

                [Get] public string Get() => Name;
            }
            """;

        var generated = GeneratorHarness.Run(source).AssertCompilesCleanly().GeneratedSource;

        Assert.Contains("GetRequiredService<global::App.Dependency>(services)", generated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Get(\"x\")] private string Broken() => \"\";", "not public or internal")]
    [InlineData("[Get(\"x\")] public string Broken<T>() => \"\";", "generic")]
    public void UncallableAction_IsCOAP1006(string action, string reason)
    {
        var diagnostic = AssertReportedAndOthersGenerated(Action(action), "COAP1006");

        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void UserCodeWithErrors_DoesNotCrashTheGenerator_AndAddsNoDiagnosticOfItsOwn()
    {
        var run = GeneratorHarness.Run(Action("[Get(\"x\")] public string Broken(MissingType value) => \"\";"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Id is "CS8784" or "CS8785");
        Assert.Contains(run.Output.GetDiagnostics(), d => d.Id == "CS0246");
        Assert.Contains("/good/ok", run.GeneratedSource, StringComparison.Ordinal);
        Assert.DoesNotContain("Broken", run.GeneratedSource, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryDescriptor_IsAnErrorInTheGenerationCategory_WithItsHelpLink()
    {
        foreach (var (id, descriptor) in DiagnosticDescriptors.ById)
        {
            Assert.Equal(id, descriptor.Id);
            Assert.Matches("^COAP1[0-9]{3}$", id);
            Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
            Assert.Equal(DiagnosticDescriptors.Category, descriptor.Category);
            Assert.Equal($"https://github.com/coap-framework/coap/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        }
    }

    [Fact]
    public void EveryDescriptor_HasADocPageAndAReleaseEntry()
    {
        var root = Path.GetFullPath(Path.Combine(GeneratorHarness.ProjectDirectory, "..", ".."));
        var releases = File.ReadAllText(Path.Combine(root, "src", "Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var id in DiagnosticDescriptors.ById.Keys)
        {
            var page = Path.Combine(root, "docs", "diagnostics", id + ".md");
            Assert.True(File.Exists(page), $"Missing {page}.");
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {id}: {DiagnosticDescriptors.ById[id].Title}", text, StringComparison.Ordinal);
            foreach (var section in new[] { "## Cause", "## Example", "## How to fix", "## How to suppress" })
            {
                Assert.Contains(section, text, StringComparison.Ordinal);
            }

            Assert.Contains($"{id} | {DiagnosticDescriptors.Category} | Error |", releases, StringComparison.Ordinal);
        }
    }

    /// <summary>A controller with one good route (/good/ok) and the given action.</summary>
    private static string Action(string action) => $$"""
        using Coap;
        namespace App;
        [CoapController("good")]
        public sealed class GoodController : CoapController
        {
            private int _value = 1;

            [Get("ok")] public string Ok() => _value.ToString();

            {{action}}
        }
        """;

    private static string WithGoodController(string controller) => $$"""
        using Coap;
        namespace App;
        [CoapController("good")]
        public sealed class GoodController : CoapController
        {
            [Get("ok")] public string Ok() => "";
        }

        {{controller}}
        """;

    /// <summary>Asserts exactly one diagnostic with this ID, and that /good/ok is still generated and compiles.</summary>
    private static Diagnostic AssertReportedAndOthersGenerated(string source, string id)
    {
        var run = GeneratorHarness.Run(source);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.NotEqual(Location.None, diagnostic.Location);
        Assert.Contains("/good/ok", run.GeneratedSource, StringComparison.Ordinal);
        Assert.DoesNotContain("Broken", run.GeneratedSource, StringComparison.Ordinal);
        var problems = run.CompilationProblems;
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return diagnostic;
    }

    /// <summary>The line of the test source the diagnostic points at (Source0.cs: the only file).</summary>
    private static string LineOf(Diagnostic diagnostic, string source)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/src/Source0.cs", span.Path);
        return source.Split('\n')[span.StartLinePosition.Line];
    }
}
