using System.Net;
using Coap.BlockWise.Upload;
using Coap.Diagnostics;

namespace Coap;

public sealed partial class CoapClient
{
    private readonly QBlockSupportCache _qblockSupport = new();

    /// <summary>
    /// Whether to use Q-Block with this request's server: per <see cref="CoapRequest.UseQBlock"/> and the
    /// client's options, and, the first time, a CON probe (RFC 9177 §4.1) whose result is cached per server.
    /// </summary>
    private async ValueTask<bool> UseQBlockAsync(CoapRequest request, IPEndPoint destination, CancellationToken cancellationToken)
    {
        if (!(request.UseQBlock ?? _blockWise.QBlock.Enabled))
        {
            return false;
        }

        var answer = _qblockSupport.GetOrProbe(destination, () => ProbeQBlockAsync(destination));
        try
        {
            return await answer.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CoapTimeoutException)
        {
            // No answer at all says nothing about Q-Block: fall back now, probe again next time.
            _qblockSupport.Forget(destination, answer);
            return false;
        }
    }

    /// <summary>
    /// The libcoap-compatible probe (QB-03, §9.1 C1): CON GET /.well-known/core with a zero-length Q-Block2
    /// (NUM 0, M 0, 16 bytes). A 2.xx answer with a Q-Block2 means support; 4.02, an RST or anything else means none.
    /// </summary>
    private async Task<bool> ProbeQBlockAsync(IPEndPoint destination)
    {
        var probe = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get };
        probe.Options.Add(CoapOptionNumber.UriPath, ".well-known");
        probe.Options.Add(CoapOptionNumber.UriPath, "core");
        probe.Options.Add(CoapOptionNumber.QBlock2, ReadOnlyMemory<byte>.Empty);
        bool supported;
        try
        {
            // Not tied to one caller's cancellation: the answer is shared by every request to this server.
            var response = await _endpoint.SendRequestAsync(probe, destination, explicitToken: false, CancellationToken.None).ConfigureAwait(false);
            // libcoap 4.3.1 echoes the unknown option in its 4.02, so only a 2.xx with Q-Block2 counts.
            supported = response.IsSuccess && response.Options.Contains(CoapOptionNumber.QBlock2);
        }
        catch (CoapResetException)
        {
            supported = false;
        }

        CoapLog.QBlockProbed(_endpoint.Logger, destination, supported);
        return supported;
    }
}
