using Coap.BlockWise.Download;

namespace Coap.BlockWise.Upload;

/// <summary>
/// A final response that starts a Q-Block2 body (RFC 9177 §4.4, Figures 12–16: a large FETCH or POST answered with
/// a large body). Its payloads come on the token of the block that completed the request body, which this upload
/// holds; they are handed to a <see cref="QBlock2Download"/>, whose requests for missing blocks and 'Continue'
/// carry the body's Request-Tag and no payload (Figure 16).
/// </summary>
internal sealed partial class QBlockUpload
{
    private readonly Lock _gate = new();
    private QBlock2Download? _responseBody;
    private ReadOnlyMemory<byte> _responseToken;

    /// <inheritdoc />
    public void OnResponse(CoapResponse response)
    {
        QBlock2Download? body;
        lock (_gate)
        {
            body = _responseBody;
            if (body is null)
            {
                _responses.Writer.TryWrite(response);
                return;
            }
        }

        // Once the response body is being collected, only its payloads matter; late 2.31s and 4.08s are done with.
        if (response.Message.Token.Span.SequenceEqual(_responseToken.Span))
        {
            body.OnResponse(response);
        }
    }

    /// <summary>
    /// A success with Q-Block2 that is not the whole body (NUM 0 with M=0): any payload of the body may be the first to
    /// arrive under loss, not only block 0.
    /// </summary>
    private static bool IsPayloadOfLargerBody(CoapResponse response, out CoapBlock block) =>
        BlockRequests.TryGetBlock(response, CoapOptionNumber.QBlock2, out block) && response.IsSuccess && (block.Number > 0 || block.More);

    /// <summary>Collects the whole response body that <paramref name="first"/> is a payload of; the upload's tokens stay held until it ends.</summary>
    private async Task<CoapResponse> CollectResponseBodyAsync(CoapResponse first, CoapBlock block, CancellationToken cancellationToken)
    {
        var download = new QBlock2Download(_endpoint, CreateResponseBodyTemplate(first), _destination, _blockWise, block.Size, _progress);
        download.Attach();
        var queued = new List<CoapResponse>();
        lock (_gate)
        {
            _responseBody = download;
            _responseToken = first.Message.Token;
            while (_responses.Reader.TryRead(out var response))
            {
                if (response.Message.Token.Span.SequenceEqual(_responseToken.Span))
                {
                    queued.Add(response);
                }
            }
        }

        download.OnResponse(first);
        foreach (var response in queued)
        {
            download.OnResponse(response);
        }

        using var registration = cancellationToken.Register(static state => ((QBlock2Download)state!).Abandon(), download);
        try
        {
            return await download.Completion.ConfigureAwait(false);
        }
        catch (TaskCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>The request the download's later requests copy: the body's options and Request-Tag, without the body.</summary>
    private CoapMessage CreateResponseBodyTemplate(CoapResponse first)
    {
        var template = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = _template.Code, Token = first.Message.Token };
        foreach (var option in _template.Options)
        {
            if (option.Number != CoapOptionNumber.RequestTag)
            {
                template.Options.Add(option);
            }
        }

        template.Options.Add(CoapOptionNumber.RequestTag, _requestTag);
        return template;
    }
}
