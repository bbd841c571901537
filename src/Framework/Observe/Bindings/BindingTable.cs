using System.Collections.ObjectModel;
using Coap.Discovery;

namespace Coap.Observe.Bindings;

/// <summary>
/// The Binding Table of a server (draft-ietf-core-dynlink §5): the <see cref="LinkBinding"/>s it keeps.
/// A write replaces the whole table or nothing (LB-03); readers always see one complete snapshot.
/// A binding engine reads <see cref="Entries"/> and subscribes to <see cref="Changed"/>.
/// </summary>
internal sealed class BindingTable
{
    private static readonly ReadOnlyCollection<LinkBinding> s_empty = new([]);

    private ReadOnlyCollection<LinkBinding> _entries = s_empty;

    /// <summary>Creates an empty table.</summary>
    /// <param name="maxEntries">The most entries a write may hold; a longer table is refused (a bound on the engine's work).</param>
    public BindingTable(int maxEntries = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxEntries);
        MaxEntries = maxEntries;
    }

    /// <summary>The most entries the table holds.</summary>
    public int MaxEntries { get; }

    /// <summary>
    /// Raised after every successful <see cref="TryReplace"/>, on the writer's thread and outside any lock.
    /// Two concurrent writes may raise it in either order: handlers should read <see cref="Entries"/>
    /// for the current table rather than assume which write they are hearing about. An exception from a
    /// handler reaches the writer, but the table has already been replaced.
    /// </summary>
    public event Action? Changed;

    /// <summary>The current entries, an immutable snapshot.</summary>
    public IReadOnlyList<LinkBinding> Entries => Volatile.Read(ref _entries);

    /// <summary>
    /// Replaces the whole table with the links of a link-format document, or leaves it unchanged when
    /// any link is invalid. An empty (or all-whitespace) document clears the table.
    /// </summary>
    /// <param name="linkFormat">The new table (RFC 6690, parsed leniently by <see cref="LinkFormatParser"/>).</param>
    /// <param name="resolveLocal">Finds the <see cref="BindingAttribute"/> resource at a local path ("/a/light"), or null when there is none.</param>
    /// <param name="error">Why the document was refused, naming the link; null on success.</param>
    /// <returns>Whether the table was replaced.</returns>
    public bool TryReplace(string linkFormat, Func<string, BindingResourceInfo?> resolveLocal, out string? error)
    {
        if (!TryBuild(linkFormat, resolveLocal, out var entries, out error, MaxEntries))
        {
            return false;
        }

        Volatile.Write(ref _entries, entries);
        Changed?.Invoke();
        return true;
    }

    /// <summary>The table as link-format: one link per entry, comma-separated; "" when empty.</summary>
    public string ToLinkFormat() => string.Join(',', Entries);

    /// <summary>
    /// Parses and validates a whole table without storing it (LB-01, LB-03, LB-05, CA-01). Each link needs
    /// <c>rel</c> containing <c>boundto</c>, one <c>anchor</c>, and one <c>bind</c> of obs, poll, push or exec.
    /// The local end (the anchor for obs and poll, the target for push and exec: the entry is stored where it
    /// acts) must be a binding resource that allows the method and the role; the other end must be a path or a
    /// CoAP URI; the conditional attributes, alone and over the resource's defaults, must be in range. The same
    /// source, destination and method twice is refused, as an engine would run it twice. Other link parameters
    /// are ignored and not kept. More than <paramref name="maxEntries"/> links are refused as a whole.
    /// </summary>
    internal static bool TryBuild(
        string linkFormat,
        Func<string, BindingResourceInfo?> resolveLocal,
        out ReadOnlyCollection<LinkBinding> entries,
        out string? error,
        int maxEntries = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(linkFormat);
        ArgumentNullException.ThrowIfNull(resolveLocal);
        entries = s_empty;
        if (!LinkFormatParser.TryParse(linkFormat, out var links, out error))
        {
            error = "Malformed link-format: " + error;
            return false;
        }

        if (links.Count > maxEntries)
        {
            error = $"Too many bindings: {links.Count}, at most {maxEntries}.";
            return false;
        }

        var built = new List<LinkBinding>(links.Count);
        var seen = new HashSet<(string, string, BindingMethods)>();
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i];
            if (!TryBuildEntry(link, resolveLocal, out var entry, out error))
            {
                error = $"Link {i + 1} <{link.Target}>: {error}";
                return false;
            }

            if (!seen.Add((entry.Source, entry.Destination, entry.Method)))
            {
                error = $"Link {i + 1} <{link.Target}>: the same binding appears twice.";
                return false;
            }

            built.Add(entry);
        }

        entries = built.Count == 0 ? s_empty : built.AsReadOnly();
        return true;
    }

    private static bool TryBuildEntry(ParsedLink link, Func<string, BindingResourceInfo?> resolveLocal, out LinkBinding entry, out string? error)
    {
        entry = null!;
        if (!IsBoundTo(link))
        {
            error = "rel must contain \"boundto\".";
            return false;
        }

        if (!TrySingleValue(link, "anchor", "the destination", out var anchor, out error)
            || !TrySingleValue(link, "bind", "obs, poll, push or exec", out var bind, out error))
        {
            return false;
        }

        if (!LinkBinding.TryParseMethod(bind, out var method))
        {
            error = $"bind=\"{bind}\" is not obs, poll, push or exec.";
            return false;
        }

        // dynlink §4.1: obs and poll entries live on the destination, push and exec ones on the source.
        var atDestination = method is BindingMethods.Observe or BindingMethods.Poll;
        var (local, remote) = atDestination ? (anchor, link.Target) : (link.Target, anchor);
        var localName = atDestination ? "the anchor (destination)" : "the target (source)";
        var methodName = LinkBinding.GetMethodName(method);
        if (!BindingReference.TryResolve(local, out var localPath) || localPath is null)
        {
            error = $"{localName} \"{local}\" of a {methodName} binding must be a resource of this server.";
            return false;
        }

        var info = resolveLocal(localPath);
        if (info is null)
        {
            error = $"{localPath} is not a binding resource of this server.";
            return false;
        }

        if ((info.Methods & method) == 0)
        {
            error = $"{localPath} does not allow bind=\"{methodName}\".";
            return false;
        }

        var role = atDestination ? BindingRoles.Destination : BindingRoles.Source;
        if ((info.Roles & role) == 0)
        {
            error = $"{localPath} may not be the {(atDestination ? "destination" : "source")} of a binding.";
            return false;
        }

        if (!BindingReference.TryResolve(remote, out _))
        {
            error = $"\"{remote}\" is not an absolute path or a coap/coaps URI.";
            return false;
        }

        if (!BindingConditions.TryRead(link, out var conditions, out error))
        {
            return false;
        }

        if (!BindingConditions.Validate(BindingConditions.Merge(info.Defaults, conditions), out error))
        {
            error = "with the defaults of " + localPath + ", " + error;
            return false;
        }

        entry = new LinkBinding(link.Target, anchor, method, conditions);
        return true;
    }

    private static bool IsBoundTo(ParsedLink link)
    {
        // RFC 8288 §3.3: only the first rel counts; relation types are space-separated and case-insensitive.
        var rel = link.GetAttribute("rel");
        return rel is not null
            && rel.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
                .Contains("boundto", StringComparer.OrdinalIgnoreCase);
    }

    private static bool TrySingleValue(ParsedLink link, string name, string meaning, out string value, out string? error)
    {
        var values = link.GetAttributes(name);
        value = values.Count == 1 ? values[0] ?? "" : "";
        error = values.Count switch
        {
            0 => $"{name} ({meaning}) is missing.",
            > 1 => $"{name} appears more than once.",
            _ when values[0] is null or "" => $"{name} needs a value ({meaning}).",
            _ => null,
        };
        return error is null;
    }
}
