using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Coap.Generators.Model;
using Coap.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Coap.Generators.Tests;

/// <summary>The pipeline's values hold plain data only and compare by value (the caching contract).</summary>
public sealed class ModelTests
{
    private static readonly Type[] _forbidden =
    [
        typeof(ISymbol),
        typeof(Compilation),
        typeof(SemanticModel),
        typeof(SyntaxNode),
        typeof(SyntaxTree),
        typeof(Location),
        typeof(AttributeData),
    ];

    public static TheoryData<string> Sources => new() { "LiteralRoutes", "RouteParameters", "PayloadBinding", "AsyncAndLifetimes", "MixedControllers" };

    [Theory]
    [MemberData(nameof(Sources))]
    public void PipelineValues_ReachNoSymbolSyntaxOrCompilation(string name)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.ReadSource(name)).Result.Results.Single();
        var values = run.TrackedSteps
            .Where(s => s.Key.StartsWith("Coap", StringComparison.Ordinal))
            .SelectMany(s => s.Value)
            .SelectMany(s => s.Outputs)
            .Select(o => o.Value)
            .ToList();

        Assert.NotEmpty(values);
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var value in values)
        {
            Walk(value, "value", visited);
        }
    }

    [Fact]
    public void Diagnostics_ReachNoSymbolSyntaxOrCompilation()
    {
        const string source = """
            using Coap;
            namespace App;
            [CoapController("x")]
            public sealed class BadController : CoapController
            {
                [Get("{id")]
                public string Broken(int id) => "";
            }
            """;
        var run = GeneratorHarness.Run(source).Result.Results.Single();
        var results = run.TrackedSteps[CoapRoutingGenerator.ParseTrackingName].SelectMany(s => s.Outputs).Select(o => (ParseResult)o.Value).ToList();

        Assert.Contains(results, r => !r.Diagnostics.IsEmpty);
        foreach (var result in results)
        {
            Walk(result, "parse", new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    [Fact]
    public void RouteTable_IsEqualForTheSameSourceInAnotherCompilation()
    {
        var source = GeneratorHarness.ReadSource("PayloadBinding");

        var first = RouteTable(GeneratorHarness.Run(source));
        var second = RouteTable(GeneratorHarness.Run(source));

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void RouteTable_DiffersWhenARouteChanges()
    {
        var source = GeneratorHarness.ReadSource("PayloadBinding");

        var first = RouteTable(GeneratorHarness.Run(source));
        var second = RouteTable(GeneratorHarness.Run(source.Replace("[Post(\"json\")]", "[Post(\"json2\")]", StringComparison.Ordinal)));

        Assert.NotEqual(first, second);
    }

    private static RouteTableSpec RouteTable(GeneratorRun run) =>
        (RouteTableSpec)run.Result.Results.Single().TrackedSteps[CoapRoutingGenerator.RouteTableTrackingName].Single().Outputs.Single().Value;

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is Pointer)
        {
            return;
        }

        var type = value.GetType();
        var forbidden = _forbidden.FirstOrDefault(f => f.IsAssignableFrom(type));
        Assert.True(forbidden is null, $"{path} is a {type.FullName}, which is a {forbidden?.Name}: the pipeline model must hold plain values only.");
        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{i++}]", visited);
            }
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsByRefLike || field.IsDefined(typeof(CompilerGeneratedAttribute)) && field.Name.Contains("EqualityContract", StringComparison.Ordinal))
                {
                    continue;
                }

                Walk(field.GetValue(value), $"{path}.{field.Name}", visited);
            }
        }
    }
}
