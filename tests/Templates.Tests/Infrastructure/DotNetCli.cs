using System.Diagnostics;
using System.Text;

namespace Coap.Templates.Tests.Infrastructure;

/// <summary>
/// Runs <c>dotnet</c> as a child process with a clean environment: the MSBuild variables the test
/// host inherits from <c>dotnet test</c> (MSBuildExtensionsPath, MSBuildSDKsPath, MSBUILD_EXE_PATH, …)
/// would point the child's build at the wrong MSBuild, so they are removed.
/// </summary>
internal static class DotNetCli
{
    /// <summary>Kept: it only stops MSBuild from leaving node processes behind.</summary>
    private const string NodeReuseVariable = "MSBUILDDISABLENODEREUSE";

    public static async Task<CommandResult> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments);
        var output = new StringBuilder();
        var outputLock = new Lock();
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return new CommandResult(process.StartInfo, -1, $"Timed out after {timeout}.\n{Snapshot()}");
        }

        // The parameterless overload also waits until the redirected output has been read to the end.
        process.WaitForExit();
        return new CommandResult(process.StartInfo, process.ExitCode, Snapshot());

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (outputLock)
                {
                    output.AppendLine(line);
                }
            }
        }

        string Snapshot()
        {
            lock (outputLock)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet</c> with redirected output; the caller reads it.</summary>
    public static Process Start(string workingDirectory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in startInfo.Environment.Keys.ToList())
        {
            if ((name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && !name.Equals(NodeReuseVariable, StringComparison.OrdinalIgnoreCase))
                || name.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase))
            {
                startInfo.Environment.Remove(name);
            }
        }

        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        return Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}

/// <summary>What a <c>dotnet</c> command did: its exit code and everything it printed.</summary>
internal sealed record CommandResult(ProcessStartInfo StartInfo, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public string CommandLine => $"dotnet {string.Join(' ', StartInfo.ArgumentList)} (in {StartInfo.WorkingDirectory})";

    /// <summary>Throws with the command line and its output unless it exited with 0.</summary>
    public CommandResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new CommandFailedException(this);
        }

        return this;
    }

    public override string ToString() => $"{CommandLine} exited with {ExitCode}:\n{Output}";
}

/// <summary>A <c>dotnet</c> command failed; the message carries its output.</summary>
internal sealed class CommandFailedException(CommandResult result) : Exception(result.ToString());
