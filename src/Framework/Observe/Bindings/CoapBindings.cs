using Coap.Observe.Bindings;
using Coap.Routing;

namespace Coap;

/// <summary>
/// The application's Binding Table (draft-ietf-core-dynlink §5), for code: read the entries, or write a
/// whole table as clients do with PUT on <see cref="Path"/>. Entries are validated against the mapped
/// router's <c>[Binding]</c> actions, so write after <c>MapControllers</c>. The table is in memory only.
/// </summary>
public sealed class CoapBindings
{
    private static readonly Dictionary<string, BindingResourceInfo> s_none = [];

    private Dictionary<string, BindingResourceInfo> _resources = s_none;

    internal CoapBindings(CoapBindingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Table = new BindingTable(options.MaxBindings);
    }

    /// <summary>The table's path, e.g. <c>/bnd/</c> (<see cref="CoapBindingOptions.Path"/>).</summary>
    public string Path => Options.Path;

    /// <summary>The current entries, an immutable snapshot.</summary>
    public IReadOnlyList<LinkBinding> Entries => Table.Entries;

    internal BindingTable Table { get; }

    internal CoapBindingOptions Options { get; }

    /// <summary>
    /// Replaces the whole table with the links of a link-format document, with the same checks as a PUT
    /// (rel="boundto", a valid bind, a local <c>[Binding]</c> end allowing it, conditions in range, at most
    /// <see cref="CoapBindingOptions.MaxBindings"/> links); an empty document clears the table.
    /// </summary>
    /// <param name="linkFormat">The new table, e.g. <c>&lt;coap://sensor.example.com/s/light&gt;;rel="boundto";anchor="/a/light";bind="obs"</c>.</param>
    /// <param name="error">Why the table was refused (it is then unchanged); null on success.</param>
    /// <returns>Whether the table was replaced.</returns>
    public bool TryReplace(string linkFormat, out string? error)
    {
        ArgumentNullException.ThrowIfNull(linkFormat);
        return Table.TryReplace(linkFormat, Resolve, out error);
    }

    /// <summary>The <c>[Binding]</c> resource at a local path, or null.</summary>
    internal BindingResourceInfo? Resolve(string path) => Volatile.Read(ref _resources).GetValueOrDefault(path);

    /// <summary>
    /// The handler that serves <paramref name="router"/>: the router itself when no route has <c>[Binding]</c>;
    /// otherwise a <see cref="BindingRouter"/> that adds the table and its discovery link.
    /// </summary>
    internal ICoapRequestHandler Attach(ICoapRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        var resources = new Dictionary<string, BindingResourceInfo>(StringComparer.Ordinal);

        // A path's GET route (the observable one, normally) speaks for the resource; else its first [Binding] route.
        foreach (var route in router.Routes.Where(r => r.Binding is not null && !r.Template.Contains('{', StringComparison.Ordinal))
                     .OrderBy(r => r.Method == CoapCode.Get ? 0 : 1))
        {
            resources.TryAdd(route.Template, BindingResourceInfo.FromAttribute(route.Template, route.Binding!));
        }

        Volatile.Write(ref _resources, resources.Count == 0 ? s_none : resources);
        return resources.Count == 0
            ? router
            : new BindingRouter(router, new BindingTableResource(Table, Resolve, Options.Path));
    }
}
