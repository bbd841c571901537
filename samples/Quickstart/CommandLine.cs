namespace Quickstart;

/// <summary>Reads ASP.NET-style <c>--urls a;b</c> (or <c>--urls=a;b</c>) from the arguments.</summary>
internal static class CommandLine
{
    public static IEnumerable<string> GetUrls(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            string? value = null;
            if (args[i] == "--urls" && i + 1 < args.Length)
            {
                value = args[++i];
            }
            else if (args[i].StartsWith("--urls=", StringComparison.Ordinal))
            {
                value = args[i]["--urls=".Length..];
            }

            if (value is null)
            {
                continue;
            }

            foreach (var url in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return url;
            }
        }
    }
}
