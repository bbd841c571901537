using Coap.Diagnostics;

namespace Coap.Endpoint;

/// <summary>
/// Application groups (draft-ietf-core-groupcomm-bis §2.1, §2.2.1.2): a request may name one, as <c>/gp/&lt;name&gt;/…</c>
/// or <c>gp=&lt;name&gt;</c>. One this server is in is admitted with <see cref="CoapContext.ApplicationGroup"/> set (a
/// path prefix is hidden from routing); another one stops the request before any handler runs: silently when it came
/// via multicast (§3.3: members outside the application group stay quiet), 4.04 by unicast.
/// </summary>
internal sealed partial class CoapEndpoint
{
    /// <summary>The first path segment of an application group prefix, and the query parameter naming one.</summary>
    private static ReadOnlySpan<byte> ApplicationGroupKey => "gp"u8;

    /// <summary>Replaced, never changed in place: the receive path reads it without a lock.</summary>
    private ApplicationGroupName[] _applicationGroups = [];

    /// <summary>The application groups this endpoint admits.</summary>
    internal IEnumerable<string> ApplicationGroupNames => Volatile.Read(ref _applicationGroups).Select(g => g.Name);

    /// <summary>Joins an application group while running; false when already a member.</summary>
    internal bool AddApplicationGroup(ApplicationGroupName name)
    {
        lock (_groupsGate)
        {
            if (Array.Exists(_applicationGroups, g => g.Name == name.Name))
            {
                return false;
            }

            Volatile.Write(ref _applicationGroups, [.. _applicationGroups, name]);
            return true;
        }
    }

    /// <summary>Leaves an application group; false when not a member.</summary>
    internal bool RemoveApplicationGroup(string name)
    {
        lock (_groupsGate)
        {
            var current = _applicationGroups;
            var remaining = Array.FindAll(current, g => g.Name != name);
            Volatile.Write(ref _applicationGroups, remaining);
            return remaining.Length != current.Length;
        }
    }

    /// <summary>
    /// Resolves the application group a request names. False when it names one this server is not in: the context
    /// then carries the refusal (4.04, or silence for a group request) and the handler must not run.
    /// </summary>
    private bool AdmitApplicationGroup(CoapContext context)
    {
        var groups = Volatile.Read(ref _applicationGroups);
        if (groups.Length == 0 || !TryGetNamedApplicationGroup(context, out var named, out var prefix))
        {
            return true;
        }

        foreach (var group in groups)
        {
            if (named.SequenceEqual(group.Utf8))
            {
                context.ApplicationGroup = group.Name;
                context.SkipPathSegments(prefix);
                return true;
            }
        }

        context.ApplicationGroupRefused = true;
        CoapLog.ForeignApplicationGroup(_logger, System.Text.Encoding.UTF8.GetString(named), new PeerAddressText(context.Peer));
        var response = context.Response;
        response.Code = CoapCode.NotFound;
        response.SetContentFormat(CoapContentFormat.TextPlain);
        response.WritePayload("Not a member of this application group"u8);
        return false;
    }

    /// <summary>
    /// A notification renders as its registration did: through the same application group, prefix hidden. If the
    /// server left that group meanwhile the full path is routed, which ends the observation with the router's error.
    /// </summary>
    private void ApplyApplicationGroup(CoapContext context)
    {
        if (!AdmitApplicationGroup(context))
        {
            context.ApplicationGroupRefused = false;
            context.Response.Reset();
        }
    }

    private bool TryGetNamedApplicationGroup(CoapContext context, out ReadOnlySpan<byte> name, out int prefix)
    {
        if (_groupOptions.ApplicationGroupEncoding == CoapApplicationGroupEncoding.Query)
        {
            prefix = 0;
            return context.TryGetQueryParameter(ApplicationGroupKey, out name) && !name.IsEmpty;
        }

        prefix = 2;
        if (context.PathSegmentCount >= 2 && context.GetPathSegment(0).SequenceEqual(ApplicationGroupKey))
        {
            name = context.GetPathSegment(1);
            return true;
        }

        name = default;
        return false;
    }
}
