using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Coap.Codec;

namespace Coap.LoadGenerator;

/// <summary>
/// One socket with a fixed number of CON GETs in flight, told apart by message ID and checked by
/// token. Answers are taken in batches with recvmmsg (blocking for the first, with a short
/// SO_RCVTIMEO so timeouts and the end of the run are noticed) and the requests that replace
/// them go out in one sendmmsg.
/// </summary>
internal sealed unsafe class SingleEndpointWorker : IDisposable
{
    private const int Batch = 64;
    private readonly int _fd;
    private readonly Slot[] _slots;
    private readonly int[] _slotOfMessageId = new int[ushort.MaxValue + 1];
    private readonly int _requestLength;
    private readonly int _stride;
    private readonly OscoreRequests? _oscore;
    private readonly byte* _requests;
    private readonly byte* _receive;
    private readonly Native.MMsgHdr* _receiveHeaders;
    private readonly Native.IoVec* _receiveVectors;
    private readonly Native.MMsgHdr* _sendHeaders;
    private readonly Native.IoVec* _sendVectors;
    private readonly RunControl _control;
    private TokenSource _tokens;
    private ushort _nextMessageId;
    private int _pendingSends;

    public SingleEndpointWorker(Socket socket, int inFlight, byte[] template, RunControl control, int seed, OscoreRequests? oscore = null)
    {
        _control = control;
        _oscore = oscore;
        _fd = (int)socket.SafeHandle.DangerousGetHandle();
        _slots = new Slot[inFlight];
        Array.Fill(_slotOfMessageId, -1);
        _requestLength = template.Length;
        _stride = oscore is null ? template.Length : OscoreRequests.MaxRequestLength;
        _requests = (byte*)NativeMemory.AllocZeroed((nuint)(inFlight * _stride));
        _receive = (byte*)NativeMemory.AllocZeroed((nuint)(Batch * Wire.ReceiveBufferSize));
        _receiveHeaders = (Native.MMsgHdr*)NativeMemory.AllocZeroed((nuint)(Batch * sizeof(Native.MMsgHdr)));
        _receiveVectors = (Native.IoVec*)NativeMemory.AllocZeroed((nuint)(Batch * sizeof(Native.IoVec)));
        _sendHeaders = (Native.MMsgHdr*)NativeMemory.AllocZeroed((nuint)(inFlight * sizeof(Native.MMsgHdr)));
        _sendVectors = (Native.IoVec*)NativeMemory.AllocZeroed((nuint)(inFlight * sizeof(Native.IoVec)));
        _tokens = new TokenSource((ulong)seed * 0x9E3779B97F4A7C15UL);
        _nextMessageId = (ushort)Random.Shared.Next(ushort.MaxValue + 1);
        for (var i = 0; i < inFlight; i++)
        {
            template.CopyTo(new Span<byte>(_requests + (i * _stride), _requestLength));
        }

        for (var i = 0; i < Batch; i++)
        {
            _receiveVectors[i].Base = _receive + (i * Wire.ReceiveBufferSize);
            _receiveVectors[i].Length = Wire.ReceiveBufferSize;
            _receiveHeaders[i].Iov = &_receiveVectors[i];
            _receiveHeaders[i].IovLength = 1;
        }
    }

    public WorkerStats Stats { get; } = new();

    public void Run()
    {
        var now = Stopwatch.GetTimestamp();
        for (var i = 0; i < _slots.Length; i++)
        {
            QueueNext(i, now);
        }

        Flush();
        var lastScan = now;
        var scanInterval = Stopwatch.Frequency / 100;
        while (_control.Phase != RunControl.Stop)
        {
            var received = Native.recvmmsg(_fd, _receiveHeaders, Batch, Native.MsgWaitForOne, null);
            now = Stopwatch.GetTimestamp();
            if (received < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != Native.EAgain && errno != Native.EIntr && _control.Measuring)
                {
                    Stats.SocketErrors++;
                }
            }

            for (var i = 0; i < received; i++)
            {
                OnDatagram(new ReadOnlySpan<byte>(_receive + (i * Wire.ReceiveBufferSize), (int)_receiveHeaders[i].Length), now);
            }

            if (now - lastScan >= scanInterval)
            {
                lastScan = now;
                ExpireTimedOut(now);
            }

            Flush();
        }
    }

    public void Dispose()
    {
        NativeMemory.Free(_requests);
        NativeMemory.Free(_receive);
        NativeMemory.Free(_receiveHeaders);
        NativeMemory.Free(_receiveVectors);
        NativeMemory.Free(_sendHeaders);
        NativeMemory.Free(_sendVectors);
    }

    private void OnDatagram(ReadOnlySpan<byte> datagram, long now)
    {
        if (CoapMessageReader.TryRead(datagram, out var message) != CoapFormatError.None)
        {
            Count(ref Stats.ErrorCodes);
            return;
        }

        int index;
        switch (message.Type)
        {
            case CoapMessageType.Acknowledgement when message.Code.IsEmpty:
                return;
            case CoapMessageType.Acknowledgement:
            case CoapMessageType.Reset:
                index = _slotOfMessageId[message.MessageId];
                if (index < 0)
                {
                    Count(ref Stats.Stale);
                    return;
                }

                break;
            default:
                if (message.Type == CoapMessageType.Confirmable)
                {
                    Span<byte> ack = stackalloc byte[4];
                    Wire.WriteEmptyAck(ack, message.MessageId);
                    fixed (byte* a = ack)
                    {
                        Native.send(_fd, a, 4, Native.MsgDontWait);
                    }
                }

                index = FindByToken(Wire.TokenOf(message.Token));
                if (index < 0 || !message.Code.IsResponse)
                {
                    Count(ref Stats.Stale);
                    return;
                }

                break;
        }

        ref var slot = ref _slots[index];
        var tokenMatches = Wire.TokenOf(message.Token) == slot.Token;
        var code = _oscore is not null && tokenMatches ? _oscore.Verify(index, datagram, message.Code) : message.Code;
        Stats.RecordAnswer(message.Type, code, tokenMatches, now - slot.SentAt, _control.Measuring);

        QueueNext(index, now);
    }

    private int FindByToken(ulong token)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].InFlight && _slots[i].Token == token)
            {
                return i;
            }
        }

        return -1;
    }

    private void ExpireTimedOut(long now)
    {
        var timeout = _control.TimeoutTicks;
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].InFlight && now - _slots[i].SentAt > timeout)
            {
                Count(ref Stats.Lost);
                QueueNext(i, now);
            }
        }
    }

    /// <summary>Retires the slot's request and prepares the next one, sent at the next <see cref="Flush"/>.</summary>
    private void QueueNext(int index, long now)
    {
        ref var slot = ref _slots[index];
        if (slot.InFlight)
        {
            slot.InFlight = false;
            _slotOfMessageId[slot.MessageId] = -1;
        }

        // Skip IDs whose requests are still waiting (sent 65,536 IDs ago and not yet timed out).
        ushort messageId;
        do
        {
            messageId = ++_nextMessageId;
        }
        while (_slotOfMessageId[messageId] >= 0);

        slot.MessageId = messageId;
        slot.Token = _tokens.Next();
        slot.SentAt = now;
        slot.InFlight = true;
        _slotOfMessageId[messageId] = index;
        var request = _requests + (index * _stride);
        var length = _requestLength;
        if (_oscore is null)
        {
            Wire.Stamp(new Span<byte>(request, _requestLength), messageId, slot.Token);
        }
        else
        {
            length = _oscore.Protect(index, messageId, slot.Token, new Span<byte>(request, _stride));
        }

        _sendVectors[_pendingSends].Base = request;
        _sendVectors[_pendingSends].Length = (nuint)length;
        _sendHeaders[_pendingSends].Iov = &_sendVectors[_pendingSends];
        _sendHeaders[_pendingSends].IovLength = 1;
        _pendingSends++;
        if (_control.Measuring)
        {
            Stats.Sent++;
        }
    }

    private void Flush()
    {
        var offset = 0;
        while (offset < _pendingSends)
        {
            var sent = Native.sendmmsg(_fd, _sendHeaders + offset, (uint)(_pendingSends - offset), 0);
            if (sent <= 0)
            {
                // The rest are lost to the socket; their timeouts will count them.
                if (_control.Measuring)
                {
                    Stats.SocketErrors++;
                }

                break;
            }

            offset += sent;
        }

        _pendingSends = 0;
    }

    private void Count(ref long counter)
    {
        if (_control.Measuring)
        {
            counter++;
        }
    }
}
