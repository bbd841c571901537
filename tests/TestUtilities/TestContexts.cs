using System.Net;
using System.Text;
using Coap.Codec;
using Coap.Transport;

namespace Coap.TestUtilities;

/// <summary>
/// Builds a <see cref="CoapContext"/> for a request without a server, for code that only reads
/// the request (route matching, transfer policies). The context is never sent or pooled.
/// </summary>
public static class TestContexts
{
    private static readonly IPEndPoint s_peer = new(IPAddress.Loopback, 5683);

    /// <summary>A CON request with the given method, path ("/a/b") and payload.</summary>
    public static CoapContext Create(CoapCode method, string path, ReadOnlySpan<byte> payload = default)
    {
        var buffer = new byte[64 + (path.Length * 4) + payload.Length];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, method, 1, [0x01]);
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            writer.WriteOption(CoapOptionNumber.UriPath, Encoding.UTF8.GetBytes(segment));
        }

        if (!payload.IsEmpty)
        {
            writer.WritePayload(payload);
        }

        var datagram = writer.Written.ToArray();
        var error = CoapMessageReader.TryRead(datagram, out var view);
        if (error != CoapFormatError.None)
        {
            throw new ArgumentException($"Not a valid request: {error}", nameof(path));
        }

        var context = new CoapContext();
        context.Initialize(datagram, view, PeerAddress.FromEndPoint(s_peer), default, default, CancellationToken.None);
        return context;
    }
}
