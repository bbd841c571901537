using System.Globalization;
using System.Text;
using Coap.Interop.Tests.Infrastructure;

namespace Coap.Interop.Tests;

/// <summary>libcoap's coap-client-notls (4.3.1) as the client, our <see cref="CoapServer"/> with the echo handler as the server.</summary>
[Trait("Category", "Interop")]
public sealed class LibCoapClientToCoapServerTests : IDisposable
{
    private static readonly int[] s_payloadSizes = [0, 1, 100, 1024];
    private readonly string _temp = Directory.CreateTempSubdirectory("coap-interop-").FullName;

    public static TheoryData<string, bool, string> MethodsTypesAndHosts()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var method in new[] { "get", "put", "post", "delete", "fetch" })
        {
            foreach (var confirmable in new[] { true, false })
            {
                foreach (var host in Loopback.Hosts)
                {
                    data.Add(method, confirmable, host);
                }
            }
        }

        return data;
    }

    public static TheoryData<bool, string> TypesAndHosts()
    {
        var data = new TheoryData<bool, string>();
        foreach (var confirmable in new[] { true, false })
        {
            foreach (var host in Loopback.Hosts)
            {
                data.Add(confirmable, host);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MethodsTypesAndHosts))]
    public async Task Echo_ReturnsMethodPathAndPayload_ByteForByte_ForPayloadsOf0_1_100_And1024Bytes(string method, bool confirmable, string host)
    {
        await using var server = await EchoServer.StartAsync();
        var random = new Random(7252);
        foreach (var size in s_payloadSizes)
        {
            var payload = new byte[size];
            random.NextBytes(payload);
            var file = Path.Combine(_temp, $"{method}-{size}.bin");
            await File.WriteAllBytesAsync(file, payload);

            var result = await LibCoapClient.RunAsync(Arguments(confirmable, "-m", method, "-f", file), server.Uri(host, "/echo"));

            byte[] expected = [.. Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()} /echo "), .. payload];
            Assert.True(expected.AsSpan().SequenceEqual(result.Stdout), $"{size}-byte payload not echoed exactly.{Environment.NewLine}{result.Describe()}");
            Assert.True(string.IsNullOrWhiteSpace(result.Stderr), result.Describe());
        }
    }

    [Theory]
    [MemberData(nameof(TypesAndHosts))]
    public async Task TextPayloadGivenWithE_IsPercentDecodedByLibCoap_AndEchoedBack(bool confirmable, string host)
    {
        await using var server = await EchoServer.StartAsync();

        var result = await LibCoapClient.RunAsync(Arguments(confirmable, "-m", "put", "-e", "hello%20w%C3%B6rld"), server.Uri(host, "/echo"));

        Assert.True(result.StdoutText == "PUT /echo hello wörld", result.Describe());
    }

    [Theory]
    [MemberData(nameof(TypesAndHosts))]
    public async Task Time_ReturnsTheCurrentUtcTimeAsText(bool confirmable, string host)
    {
        await using var server = await EchoServer.StartAsync();

        var result = await LibCoapClient.RunAsync(Arguments(confirmable), server.Uri(host, "/time"));

        Assert.True(
            DateTime.TryParseExact(result.StdoutText, "MMM dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time),
            $"/time did not return 'MMM dd HH:mm:ss'.{Environment.NewLine}{result.Describe()}");
        Assert.True(Math.Abs(MinutesFromNow(time)) < 2, $"/time is not the current UTC time.{Environment.NewLine}{result.Describe()}");
    }

    [Theory]
    [MemberData(nameof(TypesAndHosts))]
    public async Task Root_ReturnsTheServerText(bool confirmable, string host)
    {
        await using var server = await EchoServer.StartAsync();

        var result = await LibCoapClient.RunAsync(Arguments(confirmable), server.Uri(host, "/"));

        Assert.True(result.StdoutText == "Coap test server", result.Describe());
    }

    [Theory]
    [MemberData(nameof(TypesAndHosts))]
    public async Task UnknownPath_Yields404NotFound(bool confirmable, string host)
    {
        await using var server = await EchoServer.StartAsync();

        var result = await LibCoapClient.RunAsync(Arguments(confirmable), server.Uri(host, "/no/such/resource"));

        Assert.True(LibCoapClient.ErrorCode(result) == "4.04", result.Describe());
        Assert.True(result.Stdout.Length == 0, result.Describe());
    }

    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task UnknownCriticalOption_InAConfirmableRequest_Yields402BadOption_WithoutRunningTheHandler(string host)
    {
        await using var server = await EchoServer.StartAsync();

        // libcoap's -O num,text adds option num with a text value; 2049 is odd (critical) and unregistered.
        var result = await LibCoapClient.RunAsync(["-O", "2049,x"], server.Uri(host, "/echo"));

        Assert.True(LibCoapClient.ErrorCode(result) == "4.02", result.Describe());
        Assert.Contains("4.02 Bad critical option 2049", result.Stderr, StringComparison.Ordinal);
        Assert.True(result.Stdout.Length == 0, result.Describe());
        Assert.Equal(0, server.Handler.Calls);
    }

    /// <summary>
    /// RFC 7252 §5.4.1: "Unrecognized options of class 'critical' that occur in a Non-confirmable
    /// message MUST cause the message to be rejected (Section 4.3)", i.e. ignored or answered with
    /// RST, not with a 4.02 response. libcoap's own server answers such a NON GET with RST.
    /// </summary>
    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task UnknownCriticalOption_InANonConfirmableRequest_RejectsTheMessage_InsteadOfAnswering402(string host)
    {
        await using var server = await EchoServer.StartAsync();

        var result = await LibCoapClient.RunAsync(["-N", "-O", "2049,x"], server.Uri(host, "/echo"), waitSeconds: 1);

        Assert.Equal(0, server.Handler.Calls);
        Assert.True(LibCoapClient.ErrorCode(result) is null, $"A NON request with an unrecognised critical option was answered instead of rejected.{Environment.NewLine}{result.Describe()}");
    }

    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task UnknownElectiveOption_IsIgnored(string host)
    {
        await using var server = await EchoServer.StartAsync();

        var result = await LibCoapClient.RunAsync(["-m", "post", "-e", "x", "-O", "2048,ignored"], server.Uri(host, "/echo"));

        Assert.True(result.StdoutText == "POST /echo x", result.Describe());
    }

    /// <summary>
    /// coap-client 4.3.1 sends a payload that does not fit one 1,152-byte message block-wise (Block1,
    /// option 27). Our server reassembles it and runs the handler once with the whole body.
    /// </summary>
    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task PayloadTooBigForOneMessage_ComesBlockwise_AndIsReassembled(string host)
    {
        await using var server = await EchoServer.StartAsync();
        var file = Path.Combine(_temp, "big.bin");
        await File.WriteAllBytesAsync(file, new byte[1100]);

        var result = await LibCoapClient.RunAsync(["-m", "put", "-f", file], server.Uri(host, "/echo"));

        Assert.True(LibCoapClient.ErrorCode(result) is null, result.Describe());
        Assert.Equal(1, server.Handler.Calls);
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    /// <summary>Minutes between a yearless "MMM dd HH:mm:ss" time (parsed into this year) and now, across New Year too.</summary>
    private static double MinutesFromNow(DateTime time)
    {
        var minutes = (time - DateTime.UtcNow).TotalMinutes;
        const double HalfYear = 183 * 24 * 60;
        return minutes > HalfYear ? (time.AddYears(-1) - DateTime.UtcNow).TotalMinutes
            : minutes < -HalfYear ? (time.AddYears(1) - DateTime.UtcNow).TotalMinutes
            : minutes;
    }

    private static List<string> Arguments(bool confirmable, params string[] arguments) =>
        confirmable ? [.. arguments] : ["-N", .. arguments];
}
