using System.Text;

namespace Coap.TestUtilities;

/// <summary>
/// The handler the UDP and interop tests run: "/" and "/time" like libcoap's example server, and
/// "/echo" answering every method with the method name, the path and the request payload.
/// </summary>
public static class EchoHandler
{
    /// <summary>Creates the handler.</summary>
    public static DelegateHandler Create() => DelegateHandler.Sync(Handle);

    private static void Handle(CoapContext context)
    {
        var path = context.GetPath();
        var response = context.Response;
        switch (path)
        {
            case "/" when context.Method == CoapCode.Get:
                response.SetContentFormat(CoapContentFormat.TextPlain);
                response.WritePayload("Coap test server".AsSpan());
                break;
            case "/time" when context.Method == CoapCode.Get:
                response.SetContentFormat(CoapContentFormat.TextPlain);
                response.WritePayload(DateTime.UtcNow.ToString("MMM dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture).AsSpan());
                break;
            case "/echo":
                response.Code = context.Method == CoapCode.Post ? CoapCode.Created
                    : context.Method == CoapCode.Put ? CoapCode.Changed
                    : context.Method == CoapCode.Delete ? CoapCode.Deleted
                    : CoapCode.Content;
                response.SetContentFormat(CoapContentFormat.OctetStream);
                response.WritePayload(Encoding.UTF8.GetBytes($"{context.Method.Name} {path} ").AsSpan());
                response.WritePayload(context.Payload.Span);
                break;
            default:
                response.Code = CoapCode.NotFound;
                break;
        }
    }
}
