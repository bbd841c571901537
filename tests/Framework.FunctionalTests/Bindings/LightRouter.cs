using System.Text;
using System.Threading.Channels;
using Coap.Discovery;
using Coap.Routing;

namespace Coap.FunctionalTests.Bindings;

/// <summary>
/// A hand-written stand-in for a generated router: <c>GET /a/light</c> (observable) and <c>PUT /a/light</c>
/// carry <c>[Binding]</c> when <paramref name="withBindings"/> is set; <c>GET /other</c> never does.
/// PUTs to /a/light are recorded.
/// </summary>
internal sealed class LightRouter(bool withBindings = true) : ICoapRouter
{
    private readonly Channel<string> _puts = Channel.CreateUnbounded<string>();

    public IReadOnlyList<CoapRouteInfo> Routes { get; } =
    [
        new(CoapCode.Get, "/a/light", "LightController.Get") { IsObservable = true, Binding = withBindings ? new BindingAttribute { Roles = BindingRoles.Destination } : null },
        new(CoapCode.Put, "/a/light", "LightController.Put") { Binding = withBindings ? new BindingAttribute { Roles = BindingRoles.Destination } : null },
        new(CoapCode.Get, "/other", "OtherController.Get"),
    ];

    public LinkFormatDocument Discovery { get; } = new(
    [
        new LinkEntry("/a/light", ["light"], [], [CoapContentFormat.TextPlain], Observable: true),
        new LinkEntry("/other", [], [], []),
    ]);

    public async Task<string> NextPutAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _puts.Reader.ReadAsync(timeout.Token);
    }

    public ValueTask HandleAsync(CoapContext context)
    {
        var path = context.GetPath();
        if (path == "/.well-known/core" && context.Method == CoapCode.Get)
        {
            Discovery.WriteTo(context);
        }
        else if (path == "/a/light" && context.Method == CoapCode.Put)
        {
            _puts.Writer.TryWrite(Encoding.UTF8.GetString(context.Payload.Span));
            context.Response.Code = CoapCode.Changed;
        }
        else if (path is "/a/light" or "/other" && context.Method == CoapCode.Get)
        {
            context.Response.Code = CoapCode.Content;
        }
        else
        {
            context.Response.Code = CoapCode.NotFound;
        }

        return ValueTask.CompletedTask;
    }
}
