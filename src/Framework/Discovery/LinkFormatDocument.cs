using System.Text;

namespace Coap.Discovery;

/// <summary>
/// A /.well-known/core document (RFC 6690) built once: the whole document and each link are
/// kept as UTF-8, so an unfiltered GET writes a cached buffer and a filtered one copies the
/// matching links. Query filters (§4.1) match <c>href</c>, <c>rt</c>, <c>if</c>, <c>ct</c>,
/// <c>title</c> and <c>sz</c>, exactly or by prefix with a trailing <c>*</c>; several filters must all match.
/// </summary>
public sealed class LinkFormatDocument
{
    private readonly byte[][] _links;

    /// <summary>Builds the document.</summary>
    public LinkFormatDocument(IReadOnlyList<LinkEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        _links = new byte[entries.Count][];
        for (var i = 0; i < entries.Count; i++)
        {
            _links[i] = Encoding.UTF8.GetBytes(entries[i].Format());
        }

        Utf8 = Encoding.UTF8.GetBytes(string.Join(',', entries.Select(e => e.Format())));
    }

    /// <summary>The links.</summary>
    public IReadOnlyList<LinkEntry> Entries { get; }

    /// <summary>The whole document.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <inheritdoc />
    public override string ToString() => Encoding.UTF8.GetString(Utf8.Span);

    /// <summary>Answers GET /.well-known/core: 2.05 application/link-format with the matching links.</summary>
    public void WriteTo(CoapContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        if (context.TryGetOption(CoapOptionNumber.Accept, out var accept) && Codec.CoapUInt.Read(accept) != CoapContentFormat.LinkFormat)
        {
            response.Code = CoapCode.NotAcceptable;
            return;
        }

        response.Code = CoapCode.Content;
        response.SetContentFormat(CoapContentFormat.LinkFormat);
        if (!context.TryGetOption(CoapOptionNumber.UriQuery, out _))
        {
            response.SetPayload(Utf8);
            return;
        }

        var first = true;
        for (var i = 0; i < _links.Length; i++)
        {
            if (!Matches(Entries[i], context))
            {
                continue;
            }

            if (!first)
            {
                response.WritePayload(","u8);
            }

            response.WritePayload(_links[i]);
            first = false;
        }
    }

    /// <summary>Whether a link passes every Uri-Query filter of the request.</summary>
    public static bool Matches(LinkEntry entry, CoapContext context)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(context);
        var cursor = context.Options;
        while (cursor.MoveNext())
        {
            if (cursor.Number == CoapOptionNumber.UriQuery && !MatchesFilter(entry, cursor.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchesFilter(LinkEntry entry, ReadOnlySpan<byte> filter)
    {
        var equals = filter.IndexOf((byte)'=');
        if (equals < 0)
        {
            // A bare attribute name: match links that have the attribute.
            return HasAttribute(entry, filter);
        }

        var name = filter[..equals];
        var pattern = Encoding.UTF8.GetString(filter[(equals + 1)..]);
        return name switch
        {
            _ when name.SequenceEqual("href"u8) => Like(entry.Href, pattern),
            _ when name.SequenceEqual("rt"u8) => entry.ResourceTypes.Any(t => Like(t, pattern)),
            _ when name.SequenceEqual("if"u8) => entry.Interfaces.Any(t => Like(t, pattern)),
            _ when name.SequenceEqual("ct"u8) => entry.ContentFormats.Any(f => Like(f.ToString(System.Globalization.CultureInfo.InvariantCulture), pattern)),
            _ when name.SequenceEqual("title"u8) => entry.Title is { } title && Like(title, pattern),
            _ when name.SequenceEqual("sz"u8) => entry.Size is { } size && Like(size.ToString(System.Globalization.CultureInfo.InvariantCulture), pattern),
            _ => false,
        };
    }

    private static bool HasAttribute(LinkEntry entry, ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("obs"u8) => entry.Observable,
        _ when name.SequenceEqual("grp_obs"u8) => entry.GroupObservable,
        _ when name.SequenceEqual("rt"u8) => entry.ResourceTypes.Count > 0,
        _ when name.SequenceEqual("if"u8) => entry.Interfaces.Count > 0,
        _ when name.SequenceEqual("ct"u8) => entry.ContentFormats.Count > 0,
        _ when name.SequenceEqual("title"u8) => entry.Title is not null,
        _ when name.SequenceEqual("sz"u8) => entry.Size is not null,
        _ => false,
    };

    private static bool Like(string value, string pattern) =>
        pattern.EndsWith('*')
            ? value.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(value, pattern, StringComparison.Ordinal);
}
