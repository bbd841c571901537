namespace Coap.Security.Oscore.Configuration;

/// <summary>
/// Which request URIs a client-side security context protects: scheme, host and port must match (default ports
/// filled in, host without case); the path must match whole, or start with the part before a trailing <c>*</c>.
/// The query is not compared.
/// </summary>
internal sealed class OscoreUriPattern
{
    private readonly string _scheme;
    private readonly string _host;
    private readonly int _port;
    private readonly string _path;
    private readonly bool _prefix;

    private OscoreUriPattern(string text, string scheme, string host, int port, string path, bool prefix)
    {
        Text = text;
        _scheme = scheme;
        _host = host;
        _port = port;
        _path = path;
        _prefix = prefix;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>Reads a pattern such as <c>coap://device.example/*</c>; false when it is not an absolute coap(s) URI.</summary>
    public static bool TryParse(string text, out OscoreUriPattern? pattern)
    {
        pattern = null;
        var prefix = text.EndsWith('*');
        var body = prefix ? text[..^1] : text;
        if (!Uri.TryCreate(body, UriKind.Absolute, out var uri) || !IsCoapScheme(uri.Scheme) || !string.IsNullOrEmpty(uri.Query) ||
            !string.IsNullOrEmpty(uri.Fragment) || (prefix && !body.EndsWith('/')))
        {
            return false;
        }

        pattern = new OscoreUriPattern(text, uri.Scheme, uri.IdnHost, PortOf(uri), uri.AbsolutePath, prefix);
        return true;
    }

    /// <summary>Whether <paramref name="uri"/> falls under this pattern.</summary>
    public bool Matches(Uri uri) =>
        uri.IsAbsoluteUri &&
        string.Equals(uri.Scheme, _scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(uri.IdnHost, _host, StringComparison.OrdinalIgnoreCase) &&
        PortOf(uri) == _port &&
        (_prefix ? uri.AbsolutePath.StartsWith(_path, StringComparison.Ordinal) : uri.AbsolutePath == _path);

    /// <inheritdoc />
    public override string ToString() => Text;

    private static bool IsCoapScheme(string scheme) => scheme is "coap" or "coaps";

    private static int PortOf(Uri uri) => uri.IsDefaultPort || uri.Port < 0 ? (uri.Scheme == "coaps" ? 5684 : 5683) : uri.Port;
}
