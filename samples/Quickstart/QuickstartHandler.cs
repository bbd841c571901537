using System.Globalization;
using System.Text;
using Coap;

namespace Quickstart;

/// <summary>
/// Serves the sample's resources by hand. The application-model issue replaces this with
/// annotated controllers and a generated router.
/// </summary>
internal sealed class QuickstartHandler(TimeProvider time) : ICoapRequestHandler
{
    private static readonly ReadOnlyMemory<byte> s_index = Encoding.UTF8.GetBytes("Coap quickstart server. Try GET /time and GET /.well-known/core.");
    private static readonly ReadOnlyMemory<byte> s_links = Encoding.UTF8.GetBytes("</>;title=\"Index\";ct=0,</time>;rt=\"time\";title=\"Current time\";ct=0");

    public ValueTask HandleAsync(CoapContext context)
    {
        var response = context.Response;
        var path = context.GetPath();
        var known = path is "/" or "/time" or "/.well-known/core";
        if (!known)
        {
            response.Code = CoapCode.NotFound;
        }
        else if (context.Method != CoapCode.Get)
        {
            response.Code = CoapCode.MethodNotAllowed;
        }
        else if (path == "/time")
        {
            // Like libcoap's example server: "Nov 21 23:17:57", fresh for one second.
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.AddOption(CoapOptionNumber.MaxAge, 1u);
            Span<char> text = stackalloc char[32];
            time.GetUtcNow().TryFormat(text, out var written, "MMM dd HH:mm:ss", CultureInfo.InvariantCulture);
            response.WritePayload(text[..written]);
        }
        else if (path == "/")
        {
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.SetPayload(s_index);
        }
        else
        {
            response.SetContentFormat(CoapContentFormat.LinkFormat);
            response.SetPayload(s_links);
        }

        return ValueTask.CompletedTask;
    }
}
