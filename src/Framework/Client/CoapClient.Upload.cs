using System.Net;
using Coap.BlockWise.Upload;
using Coap.Diagnostics;

namespace Coap;

public sealed partial class CoapClient
{
    private readonly RequestTagSource _requestTags = new();

    /// <summary>Draws NON_TIMEOUT_RANDOM for Q-Block1 bodies; tests replace it with a seeded one.</summary>
    internal Random QBlockRandom { get; set; } = Random.Shared;

    /// <summary>
    /// Whether the request goes through <see cref="UploadAsync"/>: every request with a body, so that one too
    /// large for a single message goes in blocks and one answered 4.13 with a size hint is sent again in blocks
    /// (RFC 7959 §2.9.3). A body that fits goes as one message there.
    /// </summary>
    private static bool IsBlockWiseUpload(CoapRequest request, CoapMessage message) =>
        request.BodyReader is not null || !message.Payload.IsEmpty;

    /// <summary>Uploads the body in blocks; returns the response to the last block (which may start a block-wise response).</summary>
    private async Task<CoapResponse> UploadAsync(CoapRequest request, CoapMessage message, IPEndPoint destination, CancellationToken cancellationToken)
    {
        var blockSize = request.BlockSize ?? _blockWise.PreferredBlockSize;
        var pipe = request.BodyReader;
        var body = pipe is null ? new BodyBlockReader(message.Payload) : new BodyBlockReader(pipe);
        try
        {
            // The probe runs for CON requests too (its answer also serves the response body), but Q-Block1 is paced NON
            // traffic: a CON body goes as Block1 (CON Q-Block1 brings nothing with NSTART 1, QB-60).
            var qblock = await UseQBlockAsync(request, destination, cancellationToken).ConfigureAwait(false);
            if (qblock && request.Type == CoapMessageType.NonConfirmable)
            {
                var whole = await body.ReadAllAsync(_blockWise.MaxBodySize, cancellationToken).ConfigureAwait(false);
                try
                {
                    return await UploadQBlockAsync(request, message, destination, whole, cancellationToken).ConfigureAwait(false);
                }
                catch (CoapResetException)
                {
                    // The server takes Q-Block, but not for this resource: it reset a block (RFC 9177 §4.1). Block1 from the start.
                    CoapLog.QBlockRefusedByResource(_endpoint.Logger, destination);
                    body = new BodyBlockReader(whole);
                }
            }

            if (pipe is null && message.Payload.Length <= blockSize && message.GetEncodedSize() <= _endpoint.Options.MaxMessageSize)
            {
                var single = await _endpoint.SendRequestAsync(message, destination, request.Token is not null, cancellationToken).ConfigureAwait(false);
                if (!TryGetRetryBlockSize(single, message.Payload.Length, out var hinted))
                {
                    return single;
                }

                CoapLog.UploadRetriedInBlocks(_endpoint.Logger, destination, message.Payload.Length, hinted);
                blockSize = hinted;
            }

            return await UploadBlock1Async(request, message, destination, body, blockSize, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (pipe is not null)
            {
                await pipe.CompleteAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// RFC 7959 §2.3, §2.5, §2.9: one exchange per block (new token each, same options, Block1, Size1 when the length
    /// is known, one Request-Tag for the body). 2.31 asks for the next block, at the server's size when it asks for a
    /// smaller one; 4.08 restarts an in-memory body once; any other final code ends the upload and is returned.
    /// </summary>
    private async Task<CoapResponse> UploadBlock1Async(CoapRequest request, CoapMessage template, IPEndPoint destination, BodyBlockReader body, int blockSize, CancellationToken cancellationToken)
    {
        long? total = request.BodyReader is null ? template.Payload.Length : request.BodyLength;
        var restarts = body.CanRestart ? 1 : 0;
        var tag = _requestTags.Next();
        var sizeExponent = CoapBlock.ToSizeExponent(blockSize);
        var blocks = 0;
        while (true)
        {
            var size = 16 << sizeExponent;
            var offset = body.Position;
            var number = offset / size;
            if (number > CoapBlock.MaxNumber)
            {
                throw new CoapException($"The request body is longer than 2^20 blocks of {size} bytes.");
            }

            var (payload, more) = await body.ReadAsync(size, cancellationToken).ConfigureAwait(false);
            var block = new CoapBlock((int)number, more, sizeExponent);
            var message = BlockRequests.Create(template, payload, CoapOptionNumber.Block1, block, total, tag);
            var response = await _endpoint.SendRequestAsync(message, destination, explicitToken: false, cancellationToken).ConfigureAwait(false);
            var hasHint = BlockRequests.TryGetBlock(response, CoapOptionNumber.Block1, out var hint);

            if (response.Code == CoapCode.RequestEntityTooLarge && hasHint && hint.SizeExponent < sizeExponent)
            {
                // The server wants smaller blocks (RFC 7959 §2.9.3): send the same bytes again, smaller.
                CoapLog.UploadBlockSizeReduced(_endpoint.Logger, destination, hint.Size, size);
                body.Unread(payload, more);
                sizeExponent = hint.SizeExponent;
                continue;
            }

            if (response.Code == CoapCode.RequestEntityIncomplete && response.ContentFormat != CoapContentFormat.MissingBlocksCborSeq)
            {
                // RFC 7959 §2.9.2: the server lost the body's start (or state); an in-memory body can start over once.
                if (restarts-- <= 0)
                {
                    throw new CoapResponseException(response);
                }

                CoapLog.UploadRestarted(_endpoint.Logger, destination);
                body.Restart();
                tag = _requestTags.Next();
                blocks = 0;
                continue;
            }

            // A non-atomic server may answer each block with 2.04 and its Block1 instead of 2.31 (RFC 7959 §2.3).
            var accepted = response.Code == CoapCode.Continue || (response.IsSuccess && hasHint);
            if (!accepted && more)
            {
                return response;
            }

            if (!more)
            {
                if (response.IsSuccess)
                {
                    ReportUpload(request, body.Position, total, blocks + 1, size);
                }

                return response;
            }

            blocks++;
            ReportUpload(request, body.Position, total, blocks, size);

            if (hasHint && hint.SizeExponent < sizeExponent)
            {
                CoapLog.UploadBlockSizeReduced(_endpoint.Logger, destination, hint.Size, size);
                sizeExponent = hint.SizeExponent;
            }
        }
    }

    /// <summary>Q-Block1 over NON (RFC 9177 §4.3): the body is held whole (bounded by MaxBodySize) so any block can be sent again.</summary>
    private async Task<CoapResponse> UploadQBlockAsync(CoapRequest request, CoapMessage template, IPEndPoint destination, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var options = _blockWise.QBlock;
        var blockSize = request.BlockSize ?? options.PreferredBlockSize ?? _blockWise.PreferredBlockSize;
        var upload = new QBlockUpload(_endpoint, template, destination, bytes, blockSize, _blockWise, _requestTags.Next(), QBlockRandom, request.Progress);
        return await upload.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A 4.13 answer to a one-message request that says how to succeed in blocks (RFC 7959 §2.9.3): a Block1 with the
    /// size to use, or a Size1 at least as large as the body (then blocks of the largest size below the body's length).
    /// </summary>
    private static bool TryGetRetryBlockSize(CoapResponse response, int length, out int blockSize)
    {
        blockSize = 0;
        if (response.Code != CoapCode.RequestEntityTooLarge || length <= 16)
        {
            return false;
        }

        if (BlockRequests.TryGetBlock(response, CoapOptionNumber.Block1, out var hint))
        {
            blockSize = hint.Size;
            return true;
        }

        if (response.Options.GetUInt(CoapOptionNumber.Size1) is { } limit && limit >= length)
        {
            blockSize = Math.Min(1024, 1 << System.Numerics.BitOperations.Log2((uint)(length - 1)));
            return true;
        }

        return false;
    }

    private static void ReportUpload(CoapRequest request, long bytes, long? total, int blocks, int size)
    {
        if (request.Progress is not { } progress)
        {
            return;
        }

        int? totalBlocks = total is { } length ? blocks + (int)((Math.Max(0, length - bytes) + size - 1) / size) : null;
        progress.Report(new CoapTransferProgress(CoapTransferDirection.Upload, bytes, total, blocks, totalBlocks));
    }
}
