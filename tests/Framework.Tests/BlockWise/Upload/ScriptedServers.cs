using Coap.Transport;

namespace Coap.Tests.BlockWise.Upload;

/// <summary>
/// A minimal Block1 server (RFC 7959 §2.5) for loss tests: answers each CON block in its ACK with 2.31 (2.04 for the
/// last), answers a retransmission with the same ACK, and keeps the bytes by offset.
/// </summary>
internal sealed class ScriptedBlock1Server(UploadHarness harness) : IDatagramReceiver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ushort, CoapMessage> _answered = [];
    private readonly SortedDictionary<long, byte[]> _parts = [];

    public byte[] Body()
    {
        lock (_gate)
        {
            return [.. _parts.Values.SelectMany(p => p)];
        }
    }

    public void OnDatagram(ReadOnlySpan<byte> datagram, in PeerAddress remote, in DatagramInfo info)
    {
        var request = CoapMessage.Parse(datagram);
        if (request.Type != CoapMessageType.Confirmable || !request.Options.TryGet(CoapOptionNumber.Block1, out var option) || !CoapBlock.TryDecode(option.Value.Span, out var block))
        {
            return;
        }

        CoapMessage? response;
        lock (_gate)
        {
            if (!_answered.TryGetValue(request.MessageId, out response))
            {
                _parts[block.Offset] = request.Payload.ToArray();
                response = new CoapMessage { Type = CoapMessageType.Acknowledgement, MessageId = request.MessageId, Token = request.Token, Code = block.More ? CoapCode.Continue : CoapCode.Changed };
                response.Options.Add(CoapOptionNumber.Block1, block.Value);
                _answered[request.MessageId] = response;
            }
        }

        harness.Send(response);
    }
}

/// <summary>
/// A minimal Q-Block1 server over NON (RFC 9177 §4.3, §7.2; seeds-app.md §9.1 S3) for loss tests: 2.31 after each
/// complete set, a 4.08 (Content-Format 272) listing missing blocks whenever NON_RECEIVE_TIMEOUT passes without the
/// whole body, and 2.04 on the token of the block that completed it. It answers the probe with Q-Block2.
/// </summary>
internal sealed class ScriptedQBlock1Server : IDatagramReceiver
{
    private const int MaxPayloads = 10;
    private static readonly TimeSpan NonReceiveTimeout = TimeSpan.FromSeconds(4);

    private readonly UploadHarness _harness;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, byte[]> _blocks = [];
    private readonly HashSet<int> _continued = [];
    private readonly ITimer _timer;
    private int _count = -1;
    private int _sizeExponent;
    private ReadOnlyMemory<byte> _lastToken;
    private bool _done;

    public ScriptedQBlock1Server(UploadHarness harness)
    {
        _harness = harness;
        _timer = harness.Time.CreateTimer(_ => OnQuiet(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How many 4.08 lists went out.</summary>
    public int MissingRequests { get; private set; }

    public byte[] Body()
    {
        lock (_gate)
        {
            return [.. Enumerable.Range(0, _count).SelectMany(n => _blocks[n])];
        }
    }

    public void OnDatagram(ReadOnlySpan<byte> datagram, in PeerAddress remote, in DatagramInfo info)
    {
        var request = CoapMessage.Parse(datagram);
        if (request.Code == CoapCode.Get && request.Type == CoapMessageType.Confirmable)
        {
            _harness.Answer(request, CoapCode.Content, o => o.Add(CoapOptionNumber.QBlock2, 0u));
            return;
        }

        if (!request.Options.TryGet(CoapOptionNumber.QBlock1, out var option) || !CoapBlock.TryDecode(option.Value.Span, out var block))
        {
            return;
        }

        CoapCode? code = null;
        CoapBlock echoed = block;
        lock (_gate)
        {
            _count = CoapBlock.CountBlocks(request.Options.GetUInt(CoapOptionNumber.Size1) ?? 0, block.Size);
            _sizeExponent = block.SizeExponent;
            _blocks.TryAdd(block.Number, request.Payload.ToArray());
            _lastToken = request.Token;
            var setStart = block.Number / MaxPayloads * MaxPayloads;
            var setEnd = Math.Min(_count, setStart + MaxPayloads);
            if (_blocks.Count == _count)
            {
                _done = true;
                code = CoapCode.Changed;
            }
            else if (setEnd - setStart == MaxPayloads && Enumerable.Range(setStart, MaxPayloads).All(_blocks.ContainsKey) && _continued.Add(setStart))
            {
                code = CoapCode.Continue;
                echoed = new CoapBlock(setEnd - 1, true, block.SizeExponent);
            }

            _timer.Change(_done ? Timeout.InfiniteTimeSpan : NonReceiveTimeout, Timeout.InfiniteTimeSpan);
        }

        if (code == CoapCode.Changed)
        {
            _harness.Answer(request, CoapCode.Changed);
        }
        else if (code == CoapCode.Continue)
        {
            _harness.Answer(request, CoapCode.Continue, o => o.Add(CoapOptionNumber.QBlock1, echoed.Value));
        }
    }

    private void OnQuiet()
    {
        int[] missing;
        ReadOnlyMemory<byte> token;
        lock (_gate)
        {
            if (_done || _count < 0)
            {
                return;
            }

            missing = [.. Enumerable.Range(0, _count).Where(n => !_blocks.ContainsKey(n)).Take(MaxPayloads)];
            token = _lastToken;
            MissingRequests++;
            _timer.Change(NonReceiveTimeout, Timeout.InfiniteTimeSpan);
        }

        var carrier = new CoapMessage { Type = CoapMessageType.NonConfirmable, Token = token };
        _harness.SendMissing(carrier, missing);
    }
}
