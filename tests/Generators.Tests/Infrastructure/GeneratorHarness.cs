using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coap.Generators.Tests.Infrastructure;

/// <summary>Compiles C# text against Coap.Framework and runs the routing generator on it, in-process.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> _references = new(LoadReferences);

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>This project's folder in the source tree (Baselines/ and Sources/ live there).</summary>
    public static string ProjectDirectory { get; } = typeof(GeneratorHarness).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ProjectDirectory").Value!;

    /// <summary>Everything the test host runs on: the BCL, Coap.Framework, DI, and this assembly.</summary>
    public static ImmutableArray<MetadataReference> References => _references.Value;

    public static string ReadSource(string name) => File.ReadAllText(Path.Combine(ProjectDirectory, "Sources", name + ".cs"));

    public static CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
        "Coap.Generators.TestApp",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"/src/Source{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new CoapRoutingGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, compilation, (CSharpCompilation)output, diagnostics);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(GeneratorHarness).Assembly.Location)
            .Append(typeof(CoapContext).Assembly.Location)
            .Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal);
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
