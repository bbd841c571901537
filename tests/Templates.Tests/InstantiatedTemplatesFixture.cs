using Coap.Templates.Tests.Infrastructure;

namespace Coap.Templates.Tests;

/// <summary>
/// Does what a user does, once for the collection, outside the repository (so its
/// Directory.Build.props and Directory.Packages.props do not apply):
/// packs Coap.Framework under a version no earlier run used (the global NuGet cache never
/// serves a stale one), installs both templates from their folders into a private hive,
/// instantiates <c>coap-server</c>, adds a <c>coap-controller</c>, and builds the solution.
/// Set COAP_KEEP_TEMPLATE_OUTPUT=1 to keep the directory for a look after the run.
/// </summary>
public sealed class InstantiatedTemplatesFixture : IAsyncLifetime
{
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    private SetupStage _reached;
    private Exception? _failure;

    public InstantiatedTemplatesFixture()
    {
        var unique = $"{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000):D3}";
        FrameworkVersion = $"0.1.0-t{unique}";
        Root = Path.Combine(Path.GetTempPath(), $"coap-templates-{unique}");
    }

    /// <summary>The version Coap.Framework is packed with, unique per run.</summary>
    public string FrameworkVersion { get; }

    /// <summary>The run's directory, under the system's temporary directory.</summary>
    public string Root { get; }

    public string PackagesDirectory => Path.Combine(Root, "packages");

    public string HiveDirectory => Path.Combine(Root, "hive");

    public string FrameworkPackage => Path.Combine(PackagesDirectory, $"Coap.Framework.{FrameworkVersion}.nupkg");

    /// <summary>The instantiated solution: MyServer.slnx, MyServer/, MyServer.Tests/.</summary>
    public string SolutionDirectory => Path.Combine(Root, "MyServer");

    public string ServerProjectDirectory => Path.Combine(SolutionDirectory, "MyServer");

    public string TestProjectDirectory => Path.Combine(SolutionDirectory, "MyServer.Tests");

    public string ServerAssembly => Path.Combine(ServerProjectDirectory, "bin", "Debug", "net10.0", "MyServer.dll");

    /// <summary>Runs <c>dotnet</c> and fails with its output unless it succeeds.</summary>
    internal static async Task<CommandResult> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        (await DotNetCli.RunAsync(workingDirectory, timeout, arguments)).EnsureSuccess();

    /// <summary>Runs <c>dotnet new</c> against the private hive.</summary>
    internal Task<CommandResult> NewAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, CommandTimeout, ["new", .. arguments, "--debug:custom-hive", HiveDirectory]);

    /// <summary>
    /// Fails the calling test with the output of the step that failed, unless set-up got as far as
    /// <paramref name="stage"/>: a test that only needs the package does not fail because the build did.
    /// </summary>
    public void Require(SetupStage stage)
    {
        if (_reached < stage)
        {
            throw new InvalidOperationException($"Set-up stopped before {stage}: {_failure?.Message}", _failure);
        }
    }

    public async Task InitializeAsync()
    {
        try
        {
            await SetUpAsync();
        }
        catch (Exception ex)
        {
            // Recorded, not thrown: each test reports it if it needed the step that failed.
            _failure = ex;
        }
    }

    private async Task SetUpAsync()
    {
        Directory.CreateDirectory(Root);

        // PackageVersion, not Version: only the package gets the one-off version, so the repository's
        // Release build stays up to date and is not rebuilt with it.
        await RunAsync(Root, BuildTimeout,
            "pack", RepositoryPaths.FrameworkProject, "-c", "Release", "-o", PackagesDirectory, $"-p:PackageVersion={FrameworkVersion}");
        _reached = SetupStage.Packed;

        await NewAsync(Root, "install", RepositoryPaths.ServerTemplate);
        await NewAsync(Root, "install", RepositoryPaths.ControllerTemplate);
        await NewAsync(Root, "coap-server", "-n", "MyServer", "-o", SolutionDirectory, "--framework-version", FrameworkVersion, "--skip-restore");
        _reached = SetupStage.Instantiated;

        await File.WriteAllTextAsync(Path.Combine(SolutionDirectory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{PackagesDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);

        // Restored first, so the controller template can read the project's RootNamespace.
        await RunAsync(SolutionDirectory, BuildTimeout, "restore");
        await NewAsync(SolutionDirectory, "coap-controller", "-n", "LightsController", "--prefix", "lights", "-o", Path.Combine(ServerProjectDirectory, "Controllers"));
        _reached = SetupStage.ControllerAdded;

        await RunAsync(SolutionDirectory, BuildTimeout, "build", "--no-restore");
        _reached = SetupStage.Built;
    }

    public Task DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("COAP_KEEP_TEMPLATE_OUTPUT") is not "1")
        {
            TryDelete(Root);
        }

        // The one-off package version would otherwise stay in the global packages folder forever.
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        TryDelete(Path.Combine(globalPackages, "coap.framework", FrameworkVersion.ToLowerInvariant()));
        return Task.CompletedTask;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary directory does not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}

/// <summary>How far <see cref="InstantiatedTemplatesFixture"/> got, in order.</summary>
public enum SetupStage
{
    None,
    Packed,
    Instantiated,
    ControllerAdded,
    Built,
}
