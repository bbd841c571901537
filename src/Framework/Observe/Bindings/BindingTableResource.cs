using System.Text;
using Coap.Codec;
using Coap.Discovery;

namespace Coap.Observe.Bindings;

/// <summary>
/// Serves a <see cref="BindingTable"/> at its path (draft-ietf-core-dynlink §5; default <c>/bnd/</c>):
/// GET returns the table as link-format, PUT with link-format replaces it. The caller routes requests
/// for <see cref="Path"/> here; this class does not look at the request path.
/// </summary>
/// <remarks>
/// Write authorisation (LB-12) is not handled here: put it in front of this handler.
/// </remarks>
internal sealed class BindingTableResource : ICoapRequestHandler
{
    /// <summary>The path used when none is configured.</summary>
    public const string DefaultPath = "/bnd/";

    // Invalid UTF-8 is a bad link-format document, not something to repair with U+FFFD.
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Func<string, BindingResourceInfo?> _resolveLocal;

    /// <summary>Creates the resource.</summary>
    /// <param name="table">The table served.</param>
    /// <param name="resolveLocal">Finds the local <see cref="BindingAttribute"/> resource at a path, or null.</param>
    /// <param name="path">The table's path, starting with '/'.</param>
    public BindingTableResource(BindingTable table, Func<string, BindingResourceInfo?> resolveLocal, string path = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(resolveLocal);
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException("The binding table path must start with '/'.", nameof(path));
        }

        Table = table;
        _resolveLocal = resolveLocal;
        Path = path;
    }

    /// <summary>The table served.</summary>
    public BindingTable Table { get; }

    /// <summary>The table's path, e.g. "/bnd/".</summary>
    public string Path { get; }

    /// <summary>This table's link for /.well-known/core.</summary>
    public LinkEntry DiscoveryLink() => DiscoveryLink(Path);

    /// <summary>The /.well-known/core link of a Binding Table at a path: <c>&lt;/bnd/&gt;;rt="core.bnd";ct=40</c> (LB-04).</summary>
    public static LinkEntry DiscoveryLink(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new LinkEntry(path, ["core.bnd"], [], [CoapContentFormat.LinkFormat]);
    }

    /// <summary>GET → 2.05 link-format; PUT link-format → 2.04, or 4.00 with the reason; other formats → 4.15; other methods → 4.05.</summary>
    public ValueTask HandleAsync(CoapContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Method == CoapCode.Get)
        {
            Get(context);
        }
        else if (context.Method == CoapCode.Put)
        {
            Put(context);
        }
        else
        {
            // dynlink §5: GET and PUT only; finer-grained PATCH is left to future documents.
            context.Response.Code = CoapCode.MethodNotAllowed;
        }

        return ValueTask.CompletedTask;
    }

    private void Get(CoapContext context)
    {
        var response = context.Response;
        if (context.TryGetOption(CoapOptionNumber.Accept, out var accept) && CoapUInt.Read(accept) != CoapContentFormat.LinkFormat)
        {
            response.Code = CoapCode.NotAcceptable;
            return;
        }

        response.Code = CoapCode.Content;
        response.SetContentFormat(CoapContentFormat.LinkFormat);
        response.WritePayload(Table.ToLinkFormat().AsSpan());
    }

    private void Put(CoapContext context)
    {
        var response = context.Response;
        var payload = context.Payload;
        var hasFormat = context.TryGetOption(CoapOptionNumber.ContentFormat, out var format);

        // A payload without Content-Format is not known to be link-format (RFC 7252 §5.5.1); an empty one is a plain "clear".
        if (hasFormat ? CoapUInt.Read(format) != CoapContentFormat.LinkFormat : !payload.IsEmpty)
        {
            response.Code = CoapCode.UnsupportedContentFormat;
            return;
        }

        string text;
        try
        {
            text = s_strictUtf8.GetString(payload.Span);
        }
        catch (DecoderFallbackException)
        {
            BadRequest(response, "The payload is not valid UTF-8.");
            return;
        }

        if (Table.TryReplace(text, _resolveLocal, out var error))
        {
            response.Code = CoapCode.Changed;
        }
        else
        {
            BadRequest(response, error!);
        }
    }

    private static void BadRequest(CoapResponseWriter response, string diagnostic)
    {
        // A diagnostic payload (RFC 7252 §5.5.2): UTF-8 text without Content-Format.
        response.Code = CoapCode.BadRequest;
        response.WritePayload(diagnostic.AsSpan());
    }
}
