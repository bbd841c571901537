using Microsoft.Extensions.Logging;

namespace Coap.Observe.Bindings;

/// <summary>What every <see cref="BindingWorker"/> of one <see cref="BindingEngine"/> shares.</summary>
/// <param name="Client">Sends every request, local ones included.</param>
/// <param name="ResolveLocal">Finds the local binding resource at a path, for its default conditions.</param>
/// <param name="LocalBase">This server as a URI prefix without a trailing slash, e.g. <c>coap://127.0.0.1:5683</c>.</param>
/// <param name="Logger">The log.</param>
/// <param name="Time">The clock for poll intervals and retry delays.</param>
/// <param name="PollInterval">The poll interval of entries without pmin and pmax.</param>
internal sealed record BindingWorkerContext(
    CoapClient Client,
    Func<string, BindingResourceInfo?> ResolveLocal,
    string LocalBase,
    ILogger Logger,
    TimeProvider Time,
    TimeSpan PollInterval);
