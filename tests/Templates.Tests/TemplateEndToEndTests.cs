using System.IO.Compression;
using System.Text.RegularExpressions;
using Coap.Templates.Tests.Infrastructure;

namespace Coap.Templates.Tests;

/// <summary>
/// The templates as a user meets them: the instantiated solution (see
/// <see cref="InstantiatedTemplatesFixture"/>) references the packed Coap.Framework, builds with
/// warnings as errors, serves requests, and its own test project passes.
/// </summary>
[Collection(TemplatesCollection.Name)]
[Trait("Category", "Templates")]
public sealed partial class TemplateEndToEndTests(InstantiatedTemplatesFixture fixture)
{
    [Fact]
    public void FrameworkPackageHoldsTheLibraryAndTheAnalyzers()
    {
        fixture.Require(SetupStage.Packed);
        using var package = ZipFile.OpenRead(fixture.FrameworkPackage);
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var listing = string.Join('\n', entries.Order(StringComparer.Ordinal));

        Assert.True(entries.Contains("lib/net10.0/Coap.Framework.dll"), listing);
        Assert.True(entries.Contains("analyzers/dotnet/cs/Coap.Generators.dll"), listing);
        if (File.Exists(RepositoryPaths.AnalyzersProject))
        {
            Assert.True(entries.Contains("analyzers/dotnet/cs/Coap.Analyzers.dll"), listing);
        }
    }

    [Fact]
    public async Task TemplatePackageHoldsBothTemplatesWithoutBuildOutput()
    {
        var output = Path.Combine(fixture.Root, "template-package");
        await InstantiatedTemplatesFixture.RunAsync(RepositoryPaths.Root, InstantiatedTemplatesFixture.BuildTimeout,
            "pack", Path.Combine(RepositoryPaths.Templates, "Coap.Templates.csproj"), "-o", output);

        using var package = ZipFile.OpenRead(Assert.Single(Directory.GetFiles(output, "Coap.Templates.*.nupkg")));
        var packed = package.Entries.Select(e => e.FullName).Where(e => e.StartsWith("content/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        var sources = RepositoryPaths.EnumerateTemplateContentFiles()
            .Select(file => "content/" + Path.GetRelativePath(RepositoryPaths.TemplateContent, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);

        // Every template file (.template.config included), and no bin/ or obj/ from the in-repository build.
        Assert.Equal(sources, packed);
        Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal));
    }

    [Fact]
    public void InstantiatedProjectsReferenceThePackageOnly()
    {
        fixture.Require(SetupStage.Instantiated);
        var project = File.ReadAllText(Path.Combine(fixture.ServerProjectDirectory, "MyServer.csproj"));
        var tests = File.ReadAllText(Path.Combine(fixture.TestProjectDirectory, "MyServer.Tests.csproj"));
        var settings = File.ReadAllText(Path.Combine(fixture.ServerProjectDirectory, "appsettings.json"));

        Assert.Contains($"""<PackageReference Include="Coap.Framework" Version="{fixture.FrameworkVersion}" />""", project, StringComparison.Ordinal);
        Assert.DoesNotContain("ProjectReference", project, StringComparison.Ordinal);
        Assert.DoesNotContain("#if", project, StringComparison.Ordinal);
        Assert.DoesNotContain("ManagePackageVersionsCentrally", tests, StringComparison.Ordinal);
        Assert.Contains("""<InternalsVisibleTo Include="MyServer.Tests" />""", project, StringComparison.Ordinal);
        Assert.Contains("coap://[::]:5683", settings, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(fixture.SolutionDirectory, "MyServer.slnx")));

        // The source name is replaced everywhere, in paths and in contents.
        var leftovers = Directory.EnumerateFiles(fixture.SolutionDirectory, "*", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => file.Contains("Company", StringComparison.Ordinal) || File.ReadAllText(file).Contains("Company", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(leftovers);
    }

    [Fact]
    public async Task PortOptionSetsTheEndpointInAppSettings()
    {
        fixture.Require(SetupStage.Instantiated);
        var output = Path.Combine(fixture.Root, "PortServer");
        await fixture.NewAsync(fixture.Root, "coap-server", "-n", "PortServer", "-o", output, "--port", "5690", "--skip-restore");

        var settings = await File.ReadAllTextAsync(Path.Combine(output, "PortServer", "appsettings.json"));

        Assert.Contains("coap://[::]:5690", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void ControllerTemplateUsesTheProjectNamespaceAndThePrefix()
    {
        fixture.Require(SetupStage.ControllerAdded);
        var controller = File.ReadAllText(Path.Combine(fixture.ServerProjectDirectory, "Controllers", "LightsController.cs"));

        Assert.Contains("namespace MyServer;", controller, StringComparison.Ordinal);
        Assert.Contains("""[CoapController("lights")]""", controller, StringComparison.Ordinal);
        Assert.Contains("public sealed class LightsController : CoapController", controller, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuiltServerAnswersTheTemplateRoutesAndTheAddedController()
    {
        fixture.Require(SetupStage.Built);
        await using var server = await ServerProcess.StartAsync(fixture.ServerAssembly);
        await using var client = new CoapClient();
        var root = $"coap://127.0.0.1:{server.Port}";

        var time = await client.GetAsync($"{root}/time");
        AssertResponse(CoapCode.Content, time, server);
        Assert.Matches(TimeText(), time.GetPayloadAsString());

        var hello = await client.GetAsync($"{root}/hello/template");
        AssertResponse(CoapCode.Content, hello, server);
        Assert.Equal("Hello, template!", hello.GetPayloadAsString());

        AssertResponse(CoapCode.NotFound, await client.GetAsync($"{root}/lights/kitchen"), server);
        AssertResponse(CoapCode.Created, await client.PutAsync($"{root}/lights/kitchen", "on"u8.ToArray(), CoapContentFormat.TextPlain), server);
        AssertResponse(CoapCode.Changed, await client.PutAsync($"{root}/lights/kitchen", "off"u8.ToArray(), CoapContentFormat.TextPlain), server);
        var light = await client.GetAsync($"{root}/lights/kitchen");
        AssertResponse(CoapCode.Content, light, server);
        Assert.Equal("off", light.GetPayloadAsString());

        var discovery = await client.GetAsync($"{root}/.well-known/core");
        AssertResponse(CoapCode.Content, discovery, server);
        Assert.Contains("</time>", discovery.GetPayloadAsString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeneratedTestProjectPasses()
    {
        fixture.Require(SetupStage.Built);
        var result = await DotNetCli.RunAsync(fixture.SolutionDirectory, InstantiatedTemplatesFixture.BuildTimeout,
            "test", Path.Combine(fixture.TestProjectDirectory, "MyServer.Tests.csproj"), "--no-build");

        Assert.True(result.Succeeded, result.ToString());
        Assert.Matches(PassedSummary(), result.Output);
    }

    private static void AssertResponse(CoapCode expected, CoapResponse response, ServerProcess server) =>
        Assert.True(response.Code == expected, $"Expected {expected}, got {response.Code} \"{response.GetPayloadAsString()}\". Server output:\n{server.Output}");

    [GeneratedRegex(@"^[A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex TimeText();

    [GeneratedRegex(@"Passed!|Test Run Successful|succeeded: [1-9]")]
    private static partial Regex PassedSummary();
}
