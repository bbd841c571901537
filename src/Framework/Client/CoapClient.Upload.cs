using System.Net;

namespace Coap;

public sealed partial class CoapClient
{
    /// <summary>Whether the request body goes in blocks (Block1, Q-Block1).</summary>
    private static bool IsBlockWiseUpload(CoapRequest request, CoapMessage message) => false;

    /// <summary>Uploads the body in blocks; returns the response to the last block (which may start a block-wise response).</summary>
    private Task<CoapResponse> UploadAsync(CoapRequest request, CoapMessage message, IPEndPoint destination, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Block-wise upload is being built.");
}
