using System.Net;
using Coap.Diagnostics;
using Coap.Endpoint;

namespace Coap.BlockWise.Download;

/// <summary>
/// Collects a response body sent in Block2 blocks (RFC 7959 §2.2, §2.4, §3.2): after each block with M=1 it asks
/// for the next one with a fresh exchange (new token) carrying the original request's options minus Observe,
/// Block1/Size1/Request-Tag and the payload, and Block2 with the next NUM at the server's SZX. The ETag must stay
/// the same on every block (§2.4): when it changes the download restarts at block 0, at most MaxRestarts times.
/// The body is bounded by MaxBodySize; Size2 gives the totals reported as progress.
/// </summary>
internal sealed class Block2Download
{
    private readonly CoapEndpoint _endpoint;
    private readonly CoapMessage _template;
    private readonly IPEndPoint _destination;
    private readonly CoapBlockWiseOptions _options;
    private readonly IProgress<CoapTransferProgress>? _progress;
    private readonly IDownloadSink _sink;
    private readonly int _optionNumber;
    private ReadOnlyMemory<byte>? _etag;
    private long _received;
    private int _blocks;
    private long? _total;
    private int _restarts;
    private int _blockSize = 16;

    /// <param name="endpoint">Sends the requests for later blocks.</param>
    /// <param name="template">The original request: later requests copy its type, code and options.</param>
    /// <param name="destination">The server.</param>
    /// <param name="options">MaxBodySize and MaxRestarts.</param>
    /// <param name="progress">Told after each block.</param>
    /// <param name="sink">Receives the body.</param>
    /// <param name="optionNumber">Block2, or Q-Block2 for a confirmable Q-Block download block by block (RFC 9177 §4.4: NUM with M=0 asks for that block only).</param>
    public Block2Download(CoapEndpoint endpoint, CoapMessage template, IPEndPoint destination, CoapBlockWiseOptions options, IProgress<CoapTransferProgress>? progress, IDownloadSink sink, int optionNumber = CoapOptionNumber.Block2)
    {
        _optionNumber = optionNumber;
        _endpoint = endpoint;
        _template = template;
        _destination = destination;
        _options = options;
        _progress = progress;
        _sink = sink;
    }

    /// <summary>The message of block 0 (of the latest restart): the complete response's code and options.</summary>
    public CoapMessage? Header { get; private set; }

    /// <summary>Bytes received so far.</summary>
    public long BytesReceived => _received;

    /// <summary>
    /// Whether a response is the first block of several (Block2 NUM 0, M=1) and so starts a download. A block
    /// with NUM above 0 answers a request for that block (random access) and is returned as it is.
    /// </summary>
    public static bool StartsDownload(CoapResponse response, int optionNumber = CoapOptionNumber.Block2) =>
        response.IsSuccess && TryGetBlock(response.Message, optionNumber, out var block) && block.Number == 0 && block.More;

    /// <summary>Takes one block; returns the request for the next one, or null when the body is complete.</summary>
    /// <exception cref="CoapException">The block does not fit the transfer, the body is too large, or the restarts ran out.</exception>
    public async ValueTask<CoapMessage?> AcceptAsync(CoapResponse response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccess)
        {
            throw new CoapResponseException(response);
        }

        var message = response.Message;
        if (!TryGetBlock(message, _optionNumber, out var block))
        {
            if (_received == 0 && Header is null)
            {
                // After a restart the server may send the new representation whole.
                return await AcceptLastAsync(response, message.Payload, cancellationToken).ConfigureAwait(false);
            }

            throw new CoapException($"Block {_blocks} of the body from {response.RemoteEndPoint} came without a Block2 option.");
        }

        var etag = message.Options.TryGet(CoapOptionNumber.ETag, out var option) ? option.Value : (ReadOnlyMemory<byte>?)null;
        if (Header is not null && !SameEtag(_etag, etag))
        {
            return Restart(response.RemoteEndPoint, block.SizeExponent);
        }

        if (block.Offset != _received)
        {
            throw new CoapException($"Expected the block at byte {_received} from {response.RemoteEndPoint}, got {block}.");
        }

        var payload = message.Payload;
        if ((block.More && payload.Length != block.Size) || payload.Length > block.Size)
        {
            throw new CoapException($"Block {block} from {response.RemoteEndPoint} carries {payload.Length} bytes.");
        }

        _blockSize = block.Size;
        if (Header is null)
        {
            Header = message;
            _etag = etag;
        }

        if (message.Options.GetUInt(CoapOptionNumber.Size2) is { } size2)
        {
            _total = size2;
            EnsureWithinLimit(size2, response.RemoteEndPoint);
        }

        if (!block.More)
        {
            return await AcceptLastAsync(response, payload, cancellationToken).ConfigureAwait(false);
        }

        await WriteAsync(response.RemoteEndPoint, payload, cancellationToken).ConfigureAwait(false);
        return CreateRequest(new CoapBlock((int)(_received / block.Size), more: false, block.SizeExponent));
    }

    /// <summary>Sends the request for each further block and takes its answer until the body is complete.</summary>
    public async Task CompleteAsync(CoapMessage? next, CancellationToken cancellationToken)
    {
        while (next is not null)
        {
            var response = await _endpoint.SendRequestAsync(next, _destination, explicitToken: false, cancellationToken).ConfigureAwait(false);
            next = await AcceptAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The request for one block: the template's options minus those that belong to the request body or the observation.</summary>
    public CoapMessage CreateRequest(CoapBlock block)
    {
        var request = new CoapMessage
        {
            Type = _template.Type,
            Code = _template.Code,

            // FETCH names what it fetches in its payload (RFC 8132 §2.3.2); other methods' bodies went already.
            Payload = _template.Code == CoapCode.Fetch ? _template.Payload : default,
        };
        foreach (var option in _template.Options)
        {
            if (option.Number is not (CoapOptionNumber.Observe or CoapOptionNumber.Block1 or CoapOptionNumber.Block2 or CoapOptionNumber.Size1
                or CoapOptionNumber.Size2 or CoapOptionNumber.RequestTag or CoapOptionNumber.QBlock1 or CoapOptionNumber.QBlock2))
            {
                request.Options.Add(option);
            }
        }

        request.Options.Add(_optionNumber, block.Value);
        return request;
    }

    private static bool TryGetBlock(CoapMessage message, int optionNumber, out CoapBlock block)
    {
        block = default;
        return message.Options.TryGet(optionNumber, out var option) && CoapBlock.TryDecode(option.Value.Span, out block);
    }

    private static bool SameEtag(ReadOnlyMemory<byte>? a, ReadOnlyMemory<byte>? b) =>
        a is null ? b is null : b is not null && a.Value.Span.SequenceEqual(b.Value.Span);

    private async ValueTask<CoapMessage?> AcceptLastAsync(CoapResponse response, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        Header ??= response.Message;
        await WriteAsync(response.RemoteEndPoint, payload, cancellationToken).ConfigureAwait(false);
        CoapLog.DownloadCompleted(_endpoint.Logger, _received, _blocks, response.RemoteEndPoint);
        return null;
    }

    private async ValueTask WriteAsync(IPEndPoint remote, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        EnsureWithinLimit(_received + payload.Length, remote);
        if (!await _sink.WriteAsync(payload, cancellationToken).ConfigureAwait(false))
        {
            throw new OperationCanceledException("The reader of the response body completed before the body did.");
        }

        _received += payload.Length;
        _blocks++;
        int? totalBlocks = _total is { } total ? CoapBlock.CountBlocks(total, _blockSize) : null;
        _progress?.Report(new CoapTransferProgress(CoapTransferDirection.Download, _received, _total, _blocks, totalBlocks));
    }

    private void EnsureWithinLimit(long size, IPEndPoint remote)
    {
        if (size > _options.MaxBodySize)
        {
            throw new CoapException($"The body from {remote} exceeds {_options.MaxBodySize} bytes (Coap:BlockWise:MaxBodySize).");
        }
    }

    private CoapMessage Restart(IPEndPoint remote, int sizeExponent)
    {
        _restarts++;
        if (_restarts > _options.MaxRestarts)
        {
            throw new CoapException($"The representation at {remote} kept changing during the download (ETag changed {_restarts} times; Coap:BlockWise:MaxRestarts is {_options.MaxRestarts}).");
        }

        if (!_sink.TryRestart())
        {
            throw new CoapException($"The representation at {remote} changed (new ETag) while its body was being streamed.");
        }

        CoapLog.DownloadRestarted(_endpoint.Logger, remote, _received, _restarts, _options.MaxRestarts);
        _received = 0;
        _blocks = 0;
        _total = null;
        Header = null;
        _etag = null;
        return CreateRequest(new CoapBlock(0, more: false, sizeExponent));
    }
}
