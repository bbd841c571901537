using System.IO.Pipelines;
using System.Security.Cryptography;
using Coap;

namespace FirmwareSample;

/// <summary>
/// The client side of the sample: streams GET /firmware/latest into a SHA-256 as its blocks
/// arrive (ResponseHeadersRead: the body is read while the transfer runs, never held whole),
/// then compares with GET /firmware/latest/sha256.
/// </summary>
public static class FirmwareDownload
{
    /// <summary>Downloads and verifies; 0 when the hashes match, 1 otherwise.</summary>
    /// <param name="server">The server's base URI, e.g. <c>coap://127.0.0.1:5690</c>.</param>
    /// <param name="output">Where the progress bar and the result go.</param>
    /// <param name="cancellationToken">Stops the download.</param>
    public static async Task<int> RunAsync(string server, TextWriter output, CancellationToken cancellationToken)
    {
        await using var client = new CoapClient();
        var request = CoapRequest.Get(server + "/firmware/latest");
        var bar = new ProgressBar(output);
        request.Progress = bar;

        var response = await client.SendAsync(request, CoapCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccess)
        {
            output.WriteLine($"GET /firmware/latest failed: {response.Code} {response.GetPayloadAsString()}");
            return 1;
        }

        var (length, actual) = await HashAsync(response.Body, cancellationToken);
        bar.Complete(length);

        var expected = (await client.SendAsync(CoapRequest.Get(server + "/firmware/latest/sha256"), cancellationToken))
            .EnsureSuccess()
            .GetPayloadAsString()
            .Trim();
        output.WriteLine($"received {length} bytes, SHA-256 {actual}");
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            output.WriteLine($"MISMATCH: the server says {expected}");
            return 1;
        }

        output.WriteLine("OK: matches /firmware/latest/sha256");
        return 0;
    }

    private static async Task<(long Length, string Sha256)> HashAsync(PipeReader body, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            foreach (var segment in read.Buffer)
            {
                hash.AppendData(segment.Span);
                length += segment.Length;
            }

            body.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        await body.CompleteAsync();
        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
