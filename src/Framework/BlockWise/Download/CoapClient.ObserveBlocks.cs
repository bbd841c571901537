using System.Net;
using System.Threading.Channels;
using Coap.BlockWise.Download;
using Coap.Diagnostics;

namespace Coap;

public sealed partial class CoapClient
{
    /// <summary>
    /// Completes a notification whose body is in blocks (RFC 7959 §2.6): GETs for the remaining blocks, without
    /// Observe, each a new exchange. A newer notification arriving meanwhile supersedes this body (null is returned
    /// and the newer one waits in <paramref name="notifications"/>); a body that cannot be completed is dropped (null).
    /// </summary>
    private async Task<CoapResponse?> CompleteNotificationAsync(CoapResponse notification, CoapMessage registration, IPEndPoint destination, ChannelReader<CoapResponse> notifications, CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sink = new BufferedDownloadSink();
        var download = new Block2Download(_endpoint, registration, destination, _blockWise, progress: null, sink);
        var completing = CompleteAsync(download, notification, abandon.Token);
        var newer = notifications.WaitToReadAsync(abandon.Token).AsTask();
        if (await Task.WhenAny(completing, newer).ConfigureAwait(false) == newer && !newer.IsCanceled && newer.Result)
        {
            await abandon.CancelAsync().ConfigureAwait(false);
            await completing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            CoapLog.NotificationBodySuperseded(_endpoint.Logger, notification.Observe ?? 0, notification.RemoteEndPoint);
            return null;
        }

        try
        {
            await completing.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            CoapLog.NotificationBodyFailed(_endpoint.Logger, notification.Observe ?? 0, notification.RemoteEndPoint, ex);
            return null;
        }
        finally
        {
            await abandon.CancelAsync().ConfigureAwait(false);
            await ((Task)newer).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return Assemble(download.Header!, sink.Body, notification.RemoteEndPoint);
    }

    /// <summary>
    /// When the server supports Q-Block (and the request wants it), asks for Q-Block2 notifications: the registration
    /// carries Q-Block2 0/1/SZX (RFC 9177 §4.4) and the returned assembler puts the payloads together; null otherwise.
    /// </summary>
    private async Task<QBlock2NotificationAssembler?> PrepareQBlockObservationAsync(CoapRequest request, CoapMessage registration, IPEndPoint destination, CancellationToken cancellationToken)
    {
        if (registration.Options.Contains(CoapOptionNumber.Block2) || registration.Options.Contains(CoapOptionNumber.QBlock2)
            || !await UseQBlockAsync(request, destination, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var blockSize = request.BlockSize ?? _blockWise.QBlock.PreferredBlockSize ?? _blockWise.PreferredBlockSize;
        registration.Options.Add(CoapOptionNumber.QBlock2, new CoapBlock(0, more: true, CoapBlock.ToSizeExponent(blockSize)).Value);
        return new QBlock2NotificationAssembler(_endpoint, registration, destination, _blockWise, blockSize);
    }

    private static async Task CompleteAsync(Block2Download download, CoapResponse first, CancellationToken cancellationToken)
    {
        var next = await download.AcceptAsync(first, cancellationToken).ConfigureAwait(false);
        await download.CompleteAsync(next, cancellationToken).ConfigureAwait(false);
    }
}
