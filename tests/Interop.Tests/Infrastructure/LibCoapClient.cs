using System.Text.RegularExpressions;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>
/// Runs libcoap's coap-client-notls for one request. Facts about its output (4.3.1): with
/// <c>-o -</c> the response payload goes to stdout byte for byte (without <c>-o</c> a newline is
/// appended); an error response is printed to stderr as "4.04" or, with a diagnostic payload,
/// "4.02 Bad critical option 2049"; a Reset is reported as "got RST for mid=0x…"; the exit code
/// is 0 even when nothing answered within <c>-B</c> seconds.
/// </summary>
internal static partial class LibCoapClient
{
    public static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string uri, int waitSeconds = 5)
    {
        List<string> all = ["-B", waitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", "-", .. arguments, uri];
        return PeerProcess.RunAsync(Peers.LibCoapClient, all, TimeSpan.FromSeconds(waitSeconds + 5));
    }

    /// <summary>The first "c.dd" response code coap-client printed to stderr, or null.</summary>
    public static string? ErrorCode(ProcessResult result)
    {
        var match = CodePattern().Match(result.Stderr);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^([1-5]\.\d\d)\b", RegexOptions.Multiline)]
    private static partial Regex CodePattern();
}
