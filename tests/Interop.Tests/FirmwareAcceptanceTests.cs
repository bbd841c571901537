using System.Security.Cryptography;
using Coap.Interop.Tests.Infrastructure;

namespace Coap.Interop.Tests;

/// <summary>
/// The Firmware sample's README, run for real: the built sample serving its 1 MiB image, fetched
/// by libcoap with Block2 (RFC 7959 §2.4, 1024-byte blocks) and by the sample's own client
/// (ResponseHeadersRead, progress, SHA-256 check). Both need the block-wise server: a 1 MiB
/// response does not fit one datagram.
/// </summary>
[Trait("Category", "Interop")]
public sealed class FirmwareAcceptanceTests
{
    /// <summary>The image's SHA-256, as documented in samples/Firmware/README.md.</summary>
    private const string DocumentedSha256 = "d4ba4836d82fb5050c5d623feb8ee43be6105f00ac7f1d398224721b0bf09088";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Sha256Resource_IsTheDocumentedHash()
    {
        await using var firmware = await SampleProcess.StartAsync("Firmware");

        var result = await PeerProcess.RunAsync(Peers.LibCoapClient, [firmware.Uri("/firmware/latest/sha256")], s_timeout);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(DocumentedSha256, result.StdoutText.Trim());
    }

    [Fact]
    public async Task LibCoapBlock2Download_WritesTheImageWithTheServedHash_Rfc7959()
    {
        await using var firmware = await SampleProcess.StartAsync("Firmware");
        var output = Path.Combine(Path.GetTempPath(), $"coap-firmware-{Guid.NewGuid():N}.bin");
        try
        {
            // The README's command: coap-client-notls -b 1024 -o out.bin coap://127.0.0.1:{port}/firmware/latest
            var result = await PeerProcess.RunAsync(Peers.LibCoapClient, ["-b", "1024", "-o", output, firmware.Uri("/firmware/latest")], s_timeout);

            Assert.True(result.ExitCode == 0, result.Describe());
            Assert.True(File.Exists(output), $"libcoap wrote no file.{Environment.NewLine}{result.Describe()}{Environment.NewLine}{firmware.Process.Describe()}");
            var image = await File.ReadAllBytesAsync(output);
            Assert.True(image.Length == 1 << 20, $"{image.Length} bytes instead of 1 MiB.{Environment.NewLine}{result.Describe()}");
            Assert.Equal(DocumentedSha256, Convert.ToHexStringLower(SHA256.HashData(image)));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task SampleClient_DownloadsAndVerifies_ExitingZero()
    {
        await using var firmware = await SampleProcess.StartAsync("Firmware");

        var result = await PeerProcess.RunAsync(SampleProcess.DotNetHost, [firmware.AssemblyPath, "--client", firmware.BaseUri], s_timeout, Path.GetDirectoryName(firmware.AssemblyPath));

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("OK: matches /firmware/latest/sha256", result.StdoutText, StringComparison.Ordinal);
        Assert.Contains("100 %", result.StdoutText, StringComparison.Ordinal);
    }
}
