using System.Net;
using System.Net.Sockets;
using Coap.Security.Oscore;
using Coap.TestUtilities;

namespace Coap.FunctionalTests.Oscore;

/// <summary>
/// A hand-driven OSCORE client over a plain UDP socket: it protects requests with any Partial IV (to replay or
/// to probe the replay window), sends exact bytes, and reads the raw answers.
/// </summary>
internal sealed class RawOscorePeer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _server;
    private readonly string _masterSecret;
    private int _messageId = 0x2000;

    public RawOscorePeer(int port, string masterSecret = OscorePeers.MasterSecret)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _server = new IPEndPoint(IPAddress.Loopback, port);
        _masterSecret = masterSecret;
    }

    /// <summary>The client context "a" whose next Partial IV is <paramref name="sequenceNumber"/>.</summary>
    public OscoreSecurityContext Context(ulong sequenceNumber) => OscoreSecurityContext.Derive(new OscoreContextParameters
    {
        MasterSecret = Hex.Parse(_masterSecret),
        MasterSalt = Hex.Parse(OscorePeers.MasterSalt),
        SenderId = [],
        RecipientId = [0x01],
        InitialSequenceNumber = sequenceNumber,
    });

    /// <summary>A CON GET of <paramref name="path"/> protected under Partial IV <paramref name="sequenceNumber"/>.</summary>
    public byte[] ProtectGet(ulong sequenceNumber, string path, out OscoreRequestBinding binding, Action<CoapMessage>? addOptions = null)
    {
        var request = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, Token = new byte[] { 0x7a, (byte)sequenceNumber } };
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            request.Options.Add(CoapOptionNumber.UriPath, segment);
        }

        addOptions?.Invoke(request);
        // Not disposed: the binding keeps the context to verify the response with.
        var context = Context(sequenceNumber);
        Assert.Equal(OscoreProtectResult.Ok, new OscoreProtector().ProtectRequest(context, request, out var outer, out binding));
        return Encode(outer!);
    }

    /// <summary>A CON request protected under Partial IV <paramref name="sequenceNumber"/>, not yet encoded.</summary>
    public CoapMessage Protect(ulong sequenceNumber, CoapCode method, string path, byte[] payload, out OscoreRequestBinding binding)
    {
        var request = new CoapMessage { Type = CoapMessageType.Confirmable, Code = method, Token = new byte[] { 0x7b, (byte)sequenceNumber }, Payload = payload };
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            request.Options.Add(CoapOptionNumber.UriPath, segment);
        }

        Assert.Equal(OscoreProtectResult.Ok, new OscoreProtector().ProtectRequest(Context(sequenceNumber), request, out var outer, out binding));
        return outer!;
    }

    /// <summary>Encodes <paramref name="message"/> under a fresh message ID (so deduplication does not hide it).</summary>
    public byte[] Encode(CoapMessage message)
    {
        message.MessageId = (ushort)Interlocked.Increment(ref _messageId);
        var buffer = new byte[message.GetEncodedSize()];
        message.Encode(buffer);
        return buffer;
    }

    /// <summary>Sends <paramref name="datagram"/> with a new message ID and waits for the answer.</summary>
    public async Task<CoapMessage?> ExchangeAsync(byte[] datagram, TimeSpan? timeout = null)
    {
        var message = CoapMessage.Parse(datagram);
        await _socket.SendToAsync(Encode(message), _server);
        var buffer = new byte[2048];
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            var received = await _socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cancellation.Token);
            return CoapMessage.Parse(buffer.AsSpan(0, received.ReceivedBytes));
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose() => _socket.Dispose();
}
