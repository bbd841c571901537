using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Coap.Codec;

namespace Coap.Microbenchmarks;

/// <summary>
/// One client UDP socket, connected to the server, holding many observations of one resource told
/// apart by their 4-byte tokens (a registration is keyed by endpoint, token and resource). A
/// dedicated thread drains the socket with blocking receives into one buffer, so the kernel queue
/// never overflows and nothing is allocated per datagram, and counts what arrives: ACKs to the
/// registrations, NON 2.05 notifications carrying one of this socket's tokens, anything else; and
/// tells a <see cref="NotificationCountdown"/> when the notifications reach an expected total.
/// </summary>
internal sealed class ObserverSocket : IDisposable
{
    /// <summary>SO_RCVBUF asked for; Linux caps it at net.core.rmem_max and doubles it.</summary>
    public const int ReceiveBufferBytes = 4 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly Thread _receiver;
    private readonly int _firstToken;
    private readonly int _tokenCount;
    private ushort _nextMessageId = 1;
    private long _notifications;
    private long _acknowledgements;
    private long _unexpected;
    private long _target = long.MaxValue;
    private NotificationCountdown? _countdown;
    private volatile bool _disposed;

    public ObserverSocket(IPEndPoint server, int firstToken, int tokenCount)
    {
        _firstToken = firstToken;
        _tokenCount = tokenCount;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveBufferSize = ReceiveBufferBytes,
        };
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.Connect(server);
        _receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = $"Observer {_socket.LocalEndPoint}" };
        _receiver.Start();
    }

    /// <summary>The tokens this socket registers.</summary>
    public int TokenCount => _tokenCount;

    /// <summary>SO_RCVBUF as granted by the kernel.</summary>
    public int ReceiveBufferSize => _socket.ReceiveBufferSize;

    /// <summary>NON 2.05 notifications received for this socket's tokens.</summary>
    public long Notifications => Volatile.Read(ref _notifications);

    /// <summary>Piggybacked ACKs (2.05) received: answers to the registrations.</summary>
    public long Acknowledgements => Volatile.Read(ref _acknowledgements);

    /// <summary>Datagrams that were neither (wrong type, code or token).</summary>
    public long Unexpected => Volatile.Read(ref _unexpected);

    /// <summary>Calls <paramref name="countdown"/> once <see cref="Notifications"/> reaches <paramref name="total"/>.</summary>
    public void Expect(long total, NotificationCountdown countdown)
    {
        _countdown = countdown;
        Volatile.Write(ref _target, total);
    }

    /// <summary>Sends CON GET /temp with Observe 0 for tokens [<paramref name="from"/>, <paramref name="to"/>) of this socket.</summary>
    public void SendRegistrations(int from, int to)
    {
        Span<byte> token = stackalloc byte[4];
        Span<byte> datagram = stackalloc byte[32];
        for (var i = from; i < to; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(token, _firstToken + i);
            var writer = new CoapMessageWriter(datagram);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, _nextMessageId++, token);
            writer.WriteOption(CoapOptionNumber.Observe, 0u);
            writer.WriteOption(CoapOptionNumber.UriPath, "temp"u8);
            _socket.Send(writer.Written);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _socket.Dispose();
        _receiver.Join(TimeSpan.FromSeconds(5));
    }

    private void ReceiveLoop()
    {
        var buffer = new byte[2048];
        while (!_disposed)
        {
            int length;
            try
            {
                length = _socket.Receive(buffer.AsSpan());
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            Classify(buffer.AsSpan(0, length));
        }
    }

    private void Classify(ReadOnlySpan<byte> datagram)
    {
        // Header: version 1, type, token length; code; message ID. Then the token.
        if (datagram.Length < 8 || datagram[0] >> 6 != 1 || (datagram[0] & 0x0F) != 4 || datagram[1] != CoapCode.Content.Value)
        {
            _unexpected++;
            return;
        }

        var token = BinaryPrimitives.ReadInt32BigEndian(datagram[4..]) - _firstToken;
        var type = (datagram[0] >> 4) & 3;
        if ((uint)token >= (uint)_tokenCount)
        {
            _unexpected++;
        }
        else if (type == (int)CoapMessageType.NonConfirmable)
        {
            var notifications = _notifications + 1;
            Volatile.Write(ref _notifications, notifications);
            if (notifications == Volatile.Read(ref _target))
            {
                _countdown?.SocketDone();
            }
        }
        else if (type == (int)CoapMessageType.Acknowledgement)
        {
            Volatile.Write(ref _acknowledgements, _acknowledgements + 1);
        }
        else
        {
            _unexpected++;
        }
    }
}
