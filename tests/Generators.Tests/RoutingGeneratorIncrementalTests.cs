using Coap.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coap.Generators.Tests;

/// <summary>
/// Caching: after an edit that changes nothing the router depends on, the named steps report
/// Cached or Unchanged and the source output is not produced again.
/// </summary>
public sealed class RoutingGeneratorIncrementalTests
{
    private const string Unrelated = """
        namespace App;

        public sealed class Unrelated
        {
            public int Compute() => 1;
        }
        """;

    private static readonly string[] _modelSteps =
    [
        CoapRoutingGenerator.ControllerSpecTrackingName,
        CoapRoutingGenerator.CompilationFeaturesTrackingName,
        CoapRoutingGenerator.RouteTableTrackingName,
    ];

    [Fact]
    public void AddingAnUnrelatedFile_LeavesEveryStepCached()
    {
        var first = GeneratorHarness.Run(GeneratorHarness.ReadSource("LiteralRoutes"), Unrelated);
        var edited = first.Input.AddSyntaxTrees(Parse("namespace App; public sealed class Another { }", "/src/Another.cs"));

        var second = first.Driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertNothingRegenerated(second);
    }

    [Fact]
    public void EditingAMethodBodyInAnUnrelatedClass_LeavesEveryStepCached()
    {
        var first = GeneratorHarness.Run(GeneratorHarness.ReadSource("LiteralRoutes"), Unrelated);
        var edited = Replace(first.Input, "public int Compute() => 1;", "public int Compute() => 2 + 3;");

        var second = first.Driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertNothingRegenerated(second);
    }

    [Fact]
    public void EditingAnActionBody_ReparsesTheController_ButTheSpecIsUnchanged()
    {
        var first = GeneratorHarness.Run(GeneratorHarness.ReadSource("LiteralRoutes"), Unrelated);
        var edited = Replace(first.Input, "public double Humidity() => 40.5;", "public double Humidity() => 41.5;");

        var second = first.Driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertNothingRegenerated(second);
    }

    [Fact]
    public void AddingAnAction_RegeneratesTheRouter()
    {
        var first = GeneratorHarness.Run(GeneratorHarness.ReadSource("LiteralRoutes"), Unrelated);
        var edited = Replace(first.Input, "[Get(\"alive\")]", "[Get(\"pressure\")] public double Pressure() => 1013; [Get(\"alive\")]");

        var second = first.Driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, CoapRoutingGenerator.RouteTableTrackingName));
        Assert.Contains(IncrementalStepRunReason.Modified, second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason));
        Assert.Contains("/sensors/pressure", second.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TrackingNames_AreReportedByTheDriver()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.ReadSource("LiteralRoutes")).Result.Results.Single();

        foreach (var name in _modelSteps.Append(CoapRoutingGenerator.ParseTrackingName))
        {
            Assert.True(run.TrackedSteps.ContainsKey(name), $"No tracked step named {name}.");
        }
    }

    private static void AssertNothingRegenerated(GeneratorRunResult run)
    {
        foreach (var step in _modelSteps)
        {
            var reasons = Reasons(run, step);
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(
                r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {step} reported {r}."));
        }

        var outputs = run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"An output reported {r}."));
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult run, string step) =>
        run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    private static CSharpCompilation Replace(CSharpCompilation compilation, string oldText, string newText)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains(oldText, StringComparison.Ordinal));
        var edited = tree.WithChangedText(tree.GetText().Replace(tree.ToString().IndexOf(oldText, StringComparison.Ordinal), oldText.Length, newText));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path);
}
