using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers.Tests;

/// <summary>
/// Keeps the catalogue honest: every descriptor is reported by an analyzer, links to its page,
/// sits in its category's range, has a docs page and a release-tracking line.
/// </summary>
public partial class DescriptorCatalogTests
{
    private static readonly string s_repositoryRoot = FindRepositoryRoot();

    public static TheoryData<string> DescriptorFields => [.. CatalogueFields().Select(f => f.Name)];

    [Fact]
    public void Catalogue_HasDescriptors_WithUniqueIds()
    {
        var ids = Catalogue().Select(d => d.Id).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(DescriptorFields))]
    public void Descriptor_FieldName_StartsWithItsId(string field)
    {
        var descriptor = Get(field);
        Assert.StartsWith(descriptor.Id + "_", field, StringComparison.Ordinal);
        Assert.Matches(IdPattern(), descriptor.Id);
    }

    [Theory]
    [MemberData(nameof(DescriptorFields))]
    public void Descriptor_HelpLink_PointsAtItsDocsPage(string field)
    {
        var descriptor = Get(field);
        Assert.Equal(Descriptors.HelpLinkRoot + descriptor.Id + ".md", descriptor.HelpLinkUri);
        Assert.Matches(HelpLinkPattern(), descriptor.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(DescriptorFields))]
    public void Descriptor_Id_IsInItsCategoryRange(string field)
    {
        var descriptor = Get(field);
        var ranges = ReadCategoryRanges();
        Assert.True(ranges.TryGetValue(descriptor.Category, out var range), $"Category '{descriptor.Category}' has no range in DiagnosticCategoryAndIdRanges.txt.");
        var number = int.Parse(descriptor.Id.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(number, range.First, range.Last);
    }

    [Theory]
    [MemberData(nameof(DescriptorFields))]
    public void Descriptor_HasADocsPage_WithEverySection(string field)
    {
        var descriptor = Get(field);
        var page = Path.Combine(s_repositoryRoot, "docs", "diagnostics", descriptor.Id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing.");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {descriptor.Id}: ", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## Cause", "## Example", "## How to fix", "## How to suppress" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }

        var index = File.ReadAllText(Path.Combine(s_repositoryRoot, "docs", "diagnostics", "README.md"));
        Assert.Contains($"[{descriptor.Id}]({descriptor.Id}.md)", index, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DescriptorFields))]
    public void Descriptor_IsTrackedInAnalyzerReleases_WithItsCategoryAndSeverity(string field)
    {
        var descriptor = Get(field);
        var lines = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadAllLines(Path.Combine(s_repositoryRoot, "src", "Analyzers", file)))
            .Where(line => line.StartsWith(descriptor.Id + " ", StringComparison.Ordinal))
            .ToList();
        var line = Assert.Single(lines);
        var cells = line.Split('|').Select(cell => cell.Trim()).ToArray();
        Assert.Equal(descriptor.Category, cells[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
    }

    [Theory]
    [MemberData(nameof(DescriptorFields))]
    public void Descriptor_IsReportedByAnAnalyzer(string field)
    {
        var descriptor = Get(field);
        Assert.Contains(Analyzers(), analyzer => analyzer.SupportedDiagnostics.Contains(descriptor));
    }

    [Fact]
    public void Analyzers_ReportOnlyCatalogueDescriptors()
    {
        var catalogue = Catalogue().ToHashSet();
        foreach (var analyzer in Analyzers())
        {
            Assert.All(analyzer.SupportedDiagnostics, d => Assert.Contains(d, catalogue));
        }
    }

    [Fact]
    public void DocsIndex_ListsTheGeneratorIdsToo()
    {
        var index = File.ReadAllText(Path.Combine(s_repositoryRoot, "docs", "diagnostics", "README.md"));
        foreach (var id in new[] { "COAP1001", "COAP1002", "COAP1003", "COAP1004", "COAP1005" })
        {
            Assert.Contains($"[{id}]({id}.md)", index, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<FieldInfo> CatalogueFields() =>
        typeof(Descriptors)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor));

    private static IEnumerable<DiagnosticDescriptor> Catalogue() => CatalogueFields().Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

    private static DiagnosticDescriptor Get(string field) => (DiagnosticDescriptor)typeof(Descriptors)
        .GetField(field, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!
        .GetValue(null)!;

    private static IEnumerable<DiagnosticAnalyzer> Analyzers() =>
        typeof(Descriptors).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

    private static Dictionary<string, (int First, int Last)> ReadCategoryRanges()
    {
        var ranges = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(s_repositoryRoot, "src", "Analyzers", "DiagnosticCategoryAndIdRanges.txt")))
        {
            var match = RangeLinePattern().Match(line);
            if (match.Success)
            {
                ranges.Add(match.Groups[1].Value, (int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return ranges;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Framework.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Framework.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^COAP\d{4}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^https://\S+/docs/diagnostics/COAP\d{4}\.md$")]
    private static partial Regex HelpLinkPattern();

    [GeneratedRegex(@"^(\w+):\s*COAP(\d{4})-COAP(\d{4})\s*$")]
    private static partial Regex RangeLinePattern();
}
