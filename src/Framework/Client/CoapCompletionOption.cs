namespace Coap;

/// <summary>When <see cref="CoapClient.SendAsync(CoapRequest, CoapCompletionOption, CancellationToken)"/> completes.</summary>
public enum CoapCompletionOption
{
    /// <summary>After the whole body has arrived (all blocks); <see cref="CoapResponse.Payload"/> holds it. The default.</summary>
    ResponseContentRead,

    /// <summary>
    /// As soon as the first block has arrived; read the body from <see cref="CoapResponse.Body"/>
    /// while the remaining blocks arrive.
    /// </summary>
    ResponseHeadersRead,
}
