using System.Net;

namespace Coap;

public sealed partial class CoapClient
{
    /// <summary>
    /// Sends the request (unless <paramref name="first"/> is the response an upload already got) and
    /// collects a block-wise response body (Block2, Q-Block2).
    /// </summary>
    private async Task<CoapResponse> DownloadAsync(CoapRequest request, CoapMessage message, IPEndPoint destination, CoapResponse? first, CoapCompletionOption completion, CancellationToken cancellationToken) =>
        first ?? await _endpoint.SendRequestAsync(message, destination, request.Token is not null, cancellationToken).ConfigureAwait(false);
}
