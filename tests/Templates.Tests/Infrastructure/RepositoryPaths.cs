namespace Coap.Templates.Tests.Infrastructure;

/// <summary>Paths inside the repository, found from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>The directory that holds Framework.sln.</summary>
    public static string Root => _root.Value;

    public static string Templates => Path.Combine(Root, "templates");

    public static string TemplateContent => Path.Combine(Templates, "content");

    public static string ServerTemplate => Path.Combine(TemplateContent, "coap-server");

    public static string ControllerTemplate => Path.Combine(TemplateContent, "coap-controller");

    public static string FrameworkProject => Path.Combine(Root, "src", "Framework", "Framework.csproj");

    public static string AnalyzersProject => Path.Combine(Root, "src", "Analyzers", "Analyzers.csproj");

    public static string DirectoryPackagesProps => Path.Combine(Root, "Directory.Packages.props");

    /// <summary>Every file of the templates, as <c>dotnet new</c> sees them: bin/ and obj/ left out, dot-folders included.</summary>
    public static IEnumerable<string> EnumerateTemplateContentFiles() =>
        Directory.EnumerateFiles(TemplateContent, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(file => !Path.GetRelativePath(TemplateContent, file)
                .Split(Path.DirectorySeparatorChar)
                .Any(segment => segment is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Framework.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Framework.sln not found above {AppContext.BaseDirectory}.");
    }
}
