using System.IO.Pipelines;
using System.Net;
using Coap.BlockWise.Download;
using Coap.Diagnostics;

namespace Coap;

public sealed partial class CoapClient
{
    /// <summary>
    /// Sends the request (unless <paramref name="first"/> is the response an upload already got) and
    /// collects a block-wise response body (Block2, RFC 7959 §2.4): whole into <see cref="CoapResponse.Payload"/>,
    /// or, with <see cref="CoapCompletionOption.ResponseHeadersRead"/>, streamed through <see cref="CoapResponse.Body"/>.
    /// </summary>
    private async Task<CoapResponse> DownloadAsync(CoapRequest request, CoapMessage message, IPEndPoint destination, CoapResponse? first, CoapCompletionOption completion, CancellationToken cancellationToken)
    {
        if (first is null && (request.Method == CoapCode.Get || request.Method == CoapCode.Fetch) && !HasBlockOption(message)
            && await UseQBlockAsync(request, destination, cancellationToken).ConfigureAwait(false))
        {
            if (await QBlockDownloadAsync(request, message, destination, cancellationToken).ConfigureAwait(false) is { } received)
            {
                return received;
            }

            // The server refused Q-Block after all (4.02, RFC 9177 §4.1): plain Block2 on a new token.
            message.Options.Remove(CoapOptionNumber.QBlock2);
            message.Token = default;
        }

        if (first is null)
        {
            var explicitToken = request.Token is not null && message.Token.Length == request.Token.Value.Length;
            if (request.BlockSize is { } blockSize && !message.Options.Contains(CoapOptionNumber.Block2))
            {
                // Early negotiation (RFC 7959 §2.4): ask for blocks of this size from the start.
                message.Options.Add(CoapOptionNumber.Block2, new CoapBlock(0, more: false, CoapBlock.ToSizeExponent(blockSize)).Value);
            }

            first = await _endpoint.SendRequestAsync(message, destination, explicitToken, cancellationToken).ConfigureAwait(false);
        }

        if (!Block2Download.StartsDownload(first))
        {
            return first;
        }

        if (completion == CoapCompletionOption.ResponseHeadersRead)
        {
            return await StartStreamingAsync(request, message, destination, first, cancellationToken).ConfigureAwait(false);
        }

        var sink = new BufferedDownloadSink();
        var download = new Block2Download(_endpoint, message, destination, _blockWise, request.Progress, sink);
        try
        {
            var next = await download.AcceptAsync(first, cancellationToken).ConfigureAwait(false);
            await download.CompleteAsync(next, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CoapLog.DownloadFailed(_endpoint.Logger, first.RemoteEndPoint, ex);
            throw;
        }

        return Assemble(download.Header!, sink.Body, first.RemoteEndPoint);
    }

    /// <summary>
    /// Q-Block2 (RFC 9177 §4.4). NON: the whole body is asked for with 0/1/SZX and arrives in paced sets
    /// (<see cref="QBlock2Download"/>). CON: block by block, each a CON exchange with Q-Block2 NUM/0/SZX ("send that
    /// block only"), so every payload is piggybacked and the usual retransmission applies. The body is collected whole:
    /// <see cref="CoapCompletionOption.ResponseHeadersRead"/> does not stream Q-Block2 bodies.
    /// </summary>
    /// <returns>The response, or null when the server answered 4.02 Bad Option: it does not support Q-Block after all.</returns>
    private async Task<CoapResponse?> QBlockDownloadAsync(CoapRequest request, CoapMessage message, IPEndPoint destination, CancellationToken cancellationToken)
    {
        var blockSize = request.BlockSize ?? _blockWise.QBlock.PreferredBlockSize ?? _blockWise.PreferredBlockSize;
        if (message.Type == CoapMessageType.NonConfirmable)
        {
            var download = new QBlock2Download(_endpoint, message, destination, _blockWise, blockSize, request.Progress);
            try
            {
                return await download.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (CoapResponseException ex) when (ex.Response?.Code == CoapCode.BadOption && download.BytesReceived == 0)
            {
                return null;
            }
            catch (CoapResetException) when (download.BytesReceived == 0)
            {
                // A NON request with Q-Block2 that the resource does not take is reset (RFC 9177 §4.1).
                CoapLog.QBlockRefusedByResource(_endpoint.Logger, destination);
                return null;
            }
        }

        message.Options.Add(CoapOptionNumber.QBlock2, new CoapBlock(0, more: false, CoapBlock.ToSizeExponent(blockSize)).Value);
        var first = await _endpoint.SendRequestAsync(message, destination, request.Token is not null, cancellationToken).ConfigureAwait(false);
        if (first.Code == CoapCode.BadOption)
        {
            return null;
        }

        if (!Block2Download.StartsDownload(first, CoapOptionNumber.QBlock2))
        {
            first.Message.Options.Remove(CoapOptionNumber.QBlock2);
            return first;
        }

        var sink = new BufferedDownloadSink();
        var blocks = new Block2Download(_endpoint, message, destination, _blockWise, request.Progress, sink, CoapOptionNumber.QBlock2);
        var next = await blocks.AcceptAsync(first, cancellationToken).ConfigureAwait(false);
        await blocks.CompleteAsync(next, cancellationToken).ConfigureAwait(false);
        return Assemble(blocks.Header!, sink.Body, first.RemoteEndPoint);
    }

    private static bool HasBlockOption(CoapMessage message) =>
        message.Options.Contains(CoapOptionNumber.Block2) || message.Options.Contains(CoapOptionNumber.QBlock2);

    /// <summary>The complete response: block 0's code and options without Block2, and the whole body.</summary>
    private static CoapResponse Assemble(CoapMessage header, ReadOnlyMemory<byte> body, IPEndPoint remote)
    {
        header.Options.Remove(CoapOptionNumber.Block2);
        header.Options.Remove(CoapOptionNumber.QBlock2);
        header.Payload = body.ToArray();
        return new CoapResponse(header, remote);
    }

    /// <summary>Takes the first block, then fetches the rest in the background into a pipe the caller reads.</summary>
    private async Task<CoapResponse> StartStreamingAsync(CoapRequest request, CoapMessage message, IPEndPoint destination, CoapResponse first, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(useSynchronizationContext: false));
        var download = new Block2Download(_endpoint, message, destination, _blockWise, request.Progress, new PipeDownloadSink(pipe.Writer));
        CoapMessage? next;
        try
        {
            next = await download.AcceptAsync(first, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await pipe.Writer.CompleteAsync().ConfigureAwait(false);
            throw;
        }

        var header = download.Header!;
        var headerCopy = new CoapMessage { Type = header.Type, Code = header.Code, MessageId = header.MessageId, Token = header.Token };
        foreach (var option in header.Options)
        {
            if (option.Number != CoapOptionNumber.Block2)
            {
                headerCopy.Options.Add(option);
            }
        }

        _ = StreamRestAsync(download, next, pipe.Writer, first.RemoteEndPoint, cancellationToken);
        return new CoapResponse(headerCopy, first.RemoteEndPoint, pipe.Reader);
    }

    /// <summary>Runs the rest of a streamed download; its outcome reaches the reader through the pipe (an exception from <c>ReadAsync</c>).</summary>
    private async Task StreamRestAsync(Block2Download download, CoapMessage? next, PipeWriter writer, IPEndPoint remote, CancellationToken cancellationToken)
    {
        try
        {
            await download.CompleteAsync(next, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            CoapLog.DownloadFailed(_endpoint.Logger, remote, ex);
            await writer.CompleteAsync(ex).ConfigureAwait(false);
        }
    }
}
