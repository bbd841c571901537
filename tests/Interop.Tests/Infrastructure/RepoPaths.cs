namespace Coap.Interop.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder holding Framework.sln) from the test binaries.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    /// <summary>tests/Interop.Tests/node: package.json, client.js and (after eng/install-test-peers.sh) node_modules.</summary>
    public static string NodeFolder => Path.Combine(Root, "tests", "Interop.Tests", "node");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Framework.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above '{AppContext.BaseDirectory}' holds Framework.sln.");
    }
}
