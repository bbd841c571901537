using System.Text.Json;
using System.Xml.Linq;
using Coap.Templates.Tests.Infrastructure;

namespace Coap.Templates.Tests;

/// <summary>
/// Checks on the template sources themselves, without instantiating them: file hygiene (what
/// <c>dotnet new</c> copies is what users get) and versions kept in step with the repository.
/// </summary>
[Trait("Category", "Templates")]
public sealed class TemplateContentTests
{
    public static TheoryData<string> ContentFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepositoryPaths.EnumerateTemplateContentFiles())
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.TemplateContent, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ContentFiles))]
    public void FileHasNoByteOrderMarkAndUsesLineFeeds(string relativePath)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.TemplateContent, relativePath));

        Assert.False(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]), $"{relativePath} starts with a UTF-8 byte order mark.");
        Assert.False(bytes.Contains((byte)'\r'), $"{relativePath} has a carriage return (CRLF or CR line endings).");
        Assert.True(bytes.Length == 0 || bytes[^1] == (byte)'\n', $"{relativePath} does not end with a newline.");
    }

    [Fact]
    public void EveryTemplateHasItsConfigurationAndHostFile()
    {
        foreach (var template in new[] { RepositoryPaths.ServerTemplate, RepositoryPaths.ControllerTemplate })
        {
            Assert.True(File.Exists(Path.Combine(template, ".template.config", "template.json")), template);
            Assert.True(File.Exists(Path.Combine(template, ".template.config", "dotnetcli.host.json")), template);
        }
    }

    [Fact]
    public void FrameworkVersionDefaultIsTheFrameworkPackageVersion()
    {
        using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.ServerTemplate, ".template.config", "template.json")));
        var defaultVersion = template.RootElement.GetProperty("symbols").GetProperty("FrameworkVersion").GetProperty("defaultValue").GetString();
        var frameworkVersion = XDocument.Load(RepositoryPaths.FrameworkProject).Descendants("Version").Select(e => e.Value).SingleOrDefault();

        Assert.NotNull(frameworkVersion);
        Assert.Equal(frameworkVersion, defaultVersion);
    }

    [Fact]
    public void TestProjectPackageVersionsMatchDirectoryPackagesProps()
    {
        var central = XDocument.Load(RepositoryPaths.DirectoryPackagesProps).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        var project = XDocument.Load(Path.Combine(RepositoryPaths.ServerTemplate, "Company.CoapServer1.Tests", "Company.CoapServer1.Tests.csproj"));
        var references = project.Descendants("PackageReference").ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var name = (string)reference.Attribute("Include")!;
            Assert.True(central.TryGetValue(name, out var version), $"{name} is not in Directory.Packages.props.");
            Assert.Equal(version, (string?)reference.Attribute("Version"));
        }
    }
}
