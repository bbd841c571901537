using System.Text;
using System.Text.RegularExpressions;

namespace Coap.Interop.Tests.Infrastructure;

internal static partial class LibCoapClient
{
    /// <summary>
    /// Runs coap-client-notls with <c>-v 6</c> so every response code can be asserted, success
    /// codes included (without it a 2.04 with no payload prints nothing at all). Facts about its
    /// output at that level (4.3.1): each PDU sent and received is logged to stdout on a line of
    /// its own, before the payload, as
    /// <c>v:1 t:ACK c:2.05 i:784a {01} [ Content-Format:text/plain ] :: '21.5'</c>; the payload
    /// itself still follows byte for byte with <c>-o -</c>, and error codes still go to stderr
    /// ("4.00 Invalid 'value': …").
    /// </summary>
    public static async Task<LibCoapResponse> ExchangeAsync(IEnumerable<string> arguments, string uri, int waitSeconds = 5)
    {
        var result = await RunAsync(["-v", "6", .. arguments], uri, waitSeconds);
        return LibCoapResponse.Parse(result);
    }

    [GeneratedRegex(@"^v:1 t:(?:CON|NON|ACK) c:([2-5]\.\d\d) i:[0-9a-f]+ \{[0-9a-f]*\} \[ ?(.*?) ?\]", RegexOptions.CultureInvariant)]
    internal static partial Regex ResponseLinePattern();
}

/// <summary>
/// What coap-client-notls <c>-v 6</c> received: the code and options of the (last) response it
/// logged, the raw payload that followed the log lines on stdout, and the run itself.
/// </summary>
internal sealed record LibCoapResponse(ProcessResult Run, string? Code, string? Options, byte[] Payload)
{
    private static readonly byte[] s_logLinePrefix = "v:1 t:"u8.ToArray();

    public string PayloadText => Encoding.UTF8.GetString(Payload);

    /// <summary>The error code coap-client printed to stderr, as without <c>-v</c>.</summary>
    public string? StderrCode => LibCoapClient.ErrorCode(Run);

    public string Describe() => $"response code: {Code ?? "(none logged)"}, options: [{Options}]{Environment.NewLine}{Run.Describe()}";

    public static LibCoapResponse Parse(ProcessResult run)
    {
        // The PDU log lines come first, each ending in '\n'; everything after them is the payload.
        var stdout = run.Stdout.AsSpan();
        string? code = null;
        string? options = null;
        var position = 0;
        while (stdout[position..].StartsWith(s_logLinePrefix))
        {
            var end = stdout[position..].IndexOf((byte)'\n');
            if (end < 0)
            {
                break;
            }

            var line = Encoding.UTF8.GetString(stdout.Slice(position, end));
            var match = LibCoapClient.ResponseLinePattern().Match(line);
            if (match.Success)
            {
                code = match.Groups[1].Value;
                options = match.Groups[2].Value;
            }

            position += end + 1;
        }

        return new LibCoapResponse(run, code, options, stdout[position..].ToArray());
    }
}
