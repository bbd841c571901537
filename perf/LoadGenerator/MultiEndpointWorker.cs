using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Coap.Codec;

namespace Coap.LoadGenerator;

/// <summary>
/// Drives a share of the client sockets from one thread: each socket has exactly one CON GET in
/// flight, and the moment its answer arrives the next one goes out. The thread waits in
/// epoll_wait over all its sockets, so a response costs one recv and the next request one send;
/// nothing is allocated per request (with <c>--oscore</c>, the message layer's protect and verify do).
/// </summary>
internal sealed unsafe class MultiEndpointWorker : IDisposable
{
    private const int EpollTimeoutMs = 5;
    private readonly int[] _fds;
    private readonly Slot[] _slots;
    private readonly byte[] _requests;
    private readonly byte* _requestBase;
    private readonly int _requestLength;
    private readonly int _stride;
    private readonly OscoreRequests? _oscore;
    private readonly byte[] _receive = GC.AllocateUninitializedArray<byte>(Wire.ReceiveBufferSize, pinned: true);
    private readonly byte[] _events;
    private readonly RunControl _control;
    private readonly int _epoll;
    private TokenSource _tokens;

    public MultiEndpointWorker(Socket[] sockets, byte[] template, RunControl control, int seed, OscoreRequests? oscore = null)
    {
        _control = control;
        _oscore = oscore;
        _fds = new int[sockets.Length];
        _slots = new Slot[sockets.Length];
        _requestLength = template.Length;
        _stride = oscore is null ? template.Length : OscoreRequests.MaxRequestLength;
        _requests = GC.AllocateArray<byte>(sockets.Length * _stride, pinned: true);
        _requestBase = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_requests));
        _events = GC.AllocateArray<byte>(Native.EpollEventSize * sockets.Length, pinned: true);
        _tokens = new TokenSource((ulong)seed * 0x9E3779B97F4A7C15UL);
        _epoll = Native.epoll_create1(0);
        if (_epoll < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        for (var i = 0; i < sockets.Length; i++)
        {
            _fds[i] = (int)sockets[i].SafeHandle.DangerousGetHandle();
            template.CopyTo(_requests.AsSpan(i * _stride, _requestLength));
            _slots[i].MessageId = (ushort)Random.Shared.Next(ushort.MaxValue + 1);
            Native.EpollAdd(_epoll, _fds[i], (ulong)i);
        }
    }

    public WorkerStats Stats { get; } = new();

    public void Run()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            SendNext(i, Stopwatch.GetTimestamp());
        }

        var events = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_events));
        var lastScan = Stopwatch.GetTimestamp();
        var scanInterval = Stopwatch.Frequency / 100;
        while (_control.Phase != RunControl.Stop)
        {
            var ready = Native.epoll_wait(_epoll, events, _slots.Length, EpollTimeoutMs);
            var now = Stopwatch.GetTimestamp();
            for (var e = 0; e < ready; e++)
            {
                Receive((int)Native.EventData(events, e), now);
            }

            if (now - lastScan >= scanInterval)
            {
                lastScan = now;
                ExpireTimedOut(now);
            }
        }
    }

    public void Dispose() => Native.close(_epoll);

    private void Receive(int index, long now)
    {
        var buffer = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_receive));
        var length = Native.recv(_fds[index], buffer, (nuint)_receive.Length, Native.MsgDontWait);
        if (length < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Native.EAgain && errno != Native.EIntr && _control.Measuring)
            {
                // ECONNREFUSED: an ICMP port unreachable, the server is not there (yet).
                Stats.SocketErrors++;
            }

            return;
        }

        var datagram = new ReadOnlySpan<byte>(buffer, (int)length);
        ref var slot = ref _slots[index];
        if (CoapMessageReader.TryRead(datagram, out var message) != CoapFormatError.None)
        {
            Count(ref Stats.ErrorCodes);
            return;
        }

        switch (message.Type)
        {
            case CoapMessageType.Acknowledgement when message.Code.IsEmpty:
                // Empty ACK: the answer follows as a separate response; keep waiting.
                return;
            case CoapMessageType.Acknowledgement:
            case CoapMessageType.Reset:
                if (!slot.InFlight || message.MessageId != slot.MessageId)
                {
                    Count(ref Stats.Stale);
                    return;
                }

                break;
            default:
                // A separate response (CON or NON), matched by token alone.
                if (message.Type == CoapMessageType.Confirmable)
                {
                    Span<byte> ack = stackalloc byte[4];
                    Wire.WriteEmptyAck(ack, message.MessageId);
                    fixed (byte* a = ack)
                    {
                        Native.send(_fds[index], a, 4, Native.MsgDontWait);
                    }
                }

                if (!slot.InFlight || !message.Code.IsResponse || Wire.TokenOf(message.Token) != slot.Token)
                {
                    Count(ref Stats.Stale);
                    return;
                }

                break;
        }

        var tokenMatches = Wire.TokenOf(message.Token) == slot.Token;
        var code = _oscore is not null && tokenMatches ? _oscore.Verify(index, datagram, message.Code) : message.Code;
        Stats.RecordAnswer(message.Type, code, tokenMatches, now - slot.SentAt, _control.Measuring);

        SendNext(index, now);
    }

    private void ExpireTimedOut(long now)
    {
        var timeout = _control.TimeoutTicks;
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].InFlight && now - _slots[i].SentAt > timeout)
            {
                Count(ref Stats.Lost);
                SendNext(i, now);
            }
        }
    }

    private void SendNext(int index, long now)
    {
        ref var slot = ref _slots[index];
        slot.MessageId++;
        slot.Token = _tokens.Next();
        slot.SentAt = now;
        slot.InFlight = true;
        var request = _requestBase + (index * _stride);
        var length = _requestLength;
        if (_oscore is null)
        {
            Wire.Stamp(new Span<byte>(request, _requestLength), slot.MessageId, slot.Token);
        }
        else
        {
            length = _oscore.Protect(index, slot.MessageId, slot.Token, new Span<byte>(request, _stride));
        }

        if (_control.Measuring)
        {
            Stats.Sent++;
        }

        if (Native.send(_fds[index], request, (nuint)length, Native.MsgDontWait) < 0 && _control.Measuring)
        {
            // The request is gone; the timeout will count it as lost.
            Stats.SocketErrors++;
        }
    }

    private void Count(ref long counter)
    {
        if (_control.Measuring)
        {
            counter++;
        }
    }
}
