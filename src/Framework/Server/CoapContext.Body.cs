using System.Buffers;
using System.IO.Pipelines;

namespace Coap;

public sealed partial class CoapContext
{
    private byte[]? _body;
    private int _bodyLength;
    private PipeReader? _bodyReader;

    /// <summary>The length of the request body in bytes (the reassembled body when it arrived in blocks).</summary>
    public int BodyLength => _body is null ? _payloadLength : _bodyLength;

    /// <summary>
    /// The request body as a pipe, for handlers that stream. It reads the same bytes as <see cref="Payload"/>
    /// and is valid until the handler's task completes.
    /// </summary>
    public PipeReader BodyReader => _bodyReader ??= PipeReader.Create(CreateBodySequence());

    /// <summary>
    /// The block option (Block1 or Q-Block1) and value that the response echoes (RFC 7959 §2.3); 0 when none.
    /// </summary>
    internal int BlockEchoOption { get; private set; }

    internal uint BlockEchoValue { get; private set; }

    /// <summary>The Q-Block1 transfer whose whole body this request carries; its response is kept there (QB-21).</summary>
    internal BlockWise.Inbound.InboundTransfer? CompletedTransfer { get; set; }

    /// <summary>The response is a block of a kept body: a duplicate can be answered by serving it again (not from a copy).</summary>
    internal bool AnsweredFromBodyCache { get; set; }

    /// <summary>Whether the request body was reassembled from blocks.</summary>
    internal bool HasReassembledBody => _body is not null;

    /// <summary>Hands a reassembled body (rented from <see cref="ArrayPool{T}.Shared"/>) to this context; returned on recycle.</summary>
    internal void AttachBody(byte[] body, int length)
    {
        ReturnBody();
        _body = body;
        _bodyLength = length;
        _bodyReader = null;
    }

    /// <summary>Asks the response to carry this block option (the echo of the request's block).</summary>
    internal void EchoBlock(int option, CoapBlock block)
    {
        BlockEchoOption = option;
        BlockEchoValue = block.Value;
    }

    // An empty body is the canonical empty sequence: AdvanceTo(End) on a sequence over an empty slice of an
    // array is refused by the sequence reader.
    private ReadOnlySequence<byte> CreateBodySequence() =>
        Payload.IsEmpty ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(Payload);

    private void ResetBody()
    {
        ReturnBody();
        _bodyReader = null;
        BlockEchoOption = 0;
        BlockEchoValue = 0;
        CompletedTransfer = null;
        AnsweredFromBodyCache = false;
    }

    private void ReturnBody()
    {
        if (_body is { } body)
        {
            _body = null;
            _bodyLength = 0;
            ArrayPool<byte>.Shared.Return(body);
        }
    }
}
