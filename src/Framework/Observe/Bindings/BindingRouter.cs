using System.Text;
using Coap.Discovery;
using Coap.Routing;

namespace Coap.Observe.Bindings;

/// <summary>
/// A router with a Binding Table (B1): requests for the table's path go to the <see cref="BindingTableResource"/>,
/// GET /.well-known/core answers from the router's document plus the table's <c>rt=core.bnd</c> link (LB-04),
/// and everything else goes to the router.
/// </summary>
internal sealed class BindingRouter : ICoapRouter, ICoapTransferPolicy
{
    private static readonly byte[][] s_wellKnownCore = [".well-known"u8.ToArray(), "core"u8.ToArray()];

    private readonly ICoapRouter _inner;
    private readonly byte[][] _tableSegments;

    /// <summary>Wraps <paramref name="inner"/>, serving <paramref name="table"/> beside it.</summary>
    public BindingRouter(ICoapRouter inner, BindingTableResource table)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(table);
        _inner = inner;
        Table = table;

        // "/bnd/" arrives as the segments "bnd" and "" (RFC 7252 §6.4); "/bnd" is accepted as well.
        _tableSegments = [.. table.Path.TrimEnd('/')[1..].Split('/').Select(Encoding.UTF8.GetBytes)];
        Discovery = new LinkFormatDocument([.. inner.Discovery.Entries, table.DiscoveryLink()]);
    }

    /// <summary>The table served.</summary>
    public BindingTableResource Table { get; }

    /// <inheritdoc />
    public IReadOnlyList<CoapRouteInfo> Routes => _inner.Routes;

    /// <inheritdoc />
    public LinkFormatDocument Discovery { get; }

    /// <inheritdoc />
    public bool HasQBlockRoutes => (_inner as ICoapTransferPolicy)?.HasQBlockRoutes ?? false;

    /// <inheritdoc />
    public QBlockAttribute? FindQBlock(CoapContext context) =>
        IsPath(context, _tableSegments, allowTrailingSlash: true) ? null : (_inner as ICoapTransferPolicy)?.FindQBlock(context);

    /// <inheritdoc />
    public ValueTask HandleAsync(CoapContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsPath(context, _tableSegments, allowTrailingSlash: true))
        {
            return Table.HandleAsync(context);
        }

        if (context.Method == CoapCode.Get && IsPath(context, s_wellKnownCore, allowTrailingSlash: false))
        {
            Discovery.WriteTo(context);
            return ValueTask.CompletedTask;
        }

        return _inner.HandleAsync(context);
    }

    // Compares Uri-Path segments in place: no allocation on the way to the router.
    private static bool IsPath(CoapContext context, byte[][] segments, bool allowTrailingSlash)
    {
        var count = context.PathSegmentCount;
        if (allowTrailingSlash && count == segments.Length + 1 && context.GetPathSegment(count - 1).IsEmpty)
        {
            count--;
        }

        if (count != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!context.GetPathSegment(i).SequenceEqual(segments[i]))
            {
                return false;
            }
        }

        return true;
    }
}
