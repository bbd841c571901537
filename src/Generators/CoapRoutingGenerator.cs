using System.Linq;
using Coap.Generators.Diagnostics;
using Coap.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Coap.Generators;

/// <summary>
/// Generates the application's router from its <c>[CoapController]</c> classes: one file,
/// <c>CoapGeneratedRouter.g.cs</c>, with <c>Coap.Generated.CoapGeneratedRouter</c> (zero-allocation
/// matching on UTF-8 path segments, a handler thunk per action, the /.well-known/core document)
/// and the <c>app.MapControllers()</c> extension.
/// </summary>
/// <remarks>
/// Pipeline: controllers are found with ForAttributeWithMetadataName and parsed at once into
/// equatable specs (no symbols survive the parse step). Source is emitted from the collected
/// specs only; diagnostics go through their own output, so a change that only moves a
/// diagnostic's location never re-emits the source.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class CoapRoutingGenerator : IIncrementalGenerator
{
    /// <summary>The step that parses one controller into a spec and its diagnostics.</summary>
    public const string ParseTrackingName = "CoapControllerParse";

    /// <summary>The step that keeps only the controller spec (no diagnostics).</summary>
    public const string ControllerSpecTrackingName = "CoapControllerSpec";

    /// <summary>The step that reads what the compilation references (routing contract, hosting).</summary>
    public const string CompilationFeaturesTrackingName = "CoapCompilationFeatures";

    /// <summary>The step that builds the whole route table from every controller.</summary>
    public const string RouteTableTrackingName = "CoapRouteTable";

    /// <summary>The name of the one generated file.</summary>
    public const string GeneratedFileName = "CoapGeneratedRouter.g.cs";

    /// <summary>The attribute that marks controllers.</summary>
    public const string ControllerAttributeName = "Coap.CoapControllerAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ControllerAttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parser.Parse(attributeContext, cancellationToken))
            .WithTrackingName(ParseTrackingName);

        var controllers = parsed
            .Select(static (result, _) => result.Controller)
            .WithTrackingName(ControllerSpecTrackingName);

        var features = context.CompilationProvider
            .Select(static (compilation, _) => Parser.ReadCompilationFeatures(compilation))
            .WithTrackingName(CompilationFeaturesTrackingName);

        var routeTable = controllers
            .Collect()
            .Combine(features)
            // No controllers, no router: a test project that references an application (and so
            // the generator) must not get a second MapControllers beside the application's.
            .Select(static (pair, _) => pair.Right.HasRouting && pair.Left.Any(static c => c is not null)
                ? RouteTableSpec.Create(pair.Left.Where(static c => c is not null).Select(static c => c!), pair.Right.HasApplication)
                : null)
            .WithTrackingName(RouteTableTrackingName);

        context.RegisterSourceOutput(routeTable, static (output, table) =>
        {
            if (table is not null)
            {
                output.AddSource(GeneratedFileName, SourceText.From(Emitter.Emit(table), System.Text.Encoding.UTF8));
            }
        });

        var diagnostics = parsed.Select(static (result, _) => result.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, items) =>
        {
            foreach (var item in items)
            {
                output.ReportDiagnostic(CreateDiagnostic(item));
            }
        });
    }

    private static Diagnostic CreateDiagnostic(DiagnosticInfo info)
    {
        var location = info.Location is { } at
            ? Location.Create(
                at.FilePath,
                new TextSpan(at.Start, at.Length),
                new LinePositionSpan(new LinePosition(at.StartLine, at.StartCharacter), new LinePosition(at.EndLine, at.EndCharacter)))
            : Location.None;
        return Diagnostic.Create(DiagnosticDescriptors.ById[info.Id], location, info.MessageArgs.Cast<object>().ToArray());
    }
}
