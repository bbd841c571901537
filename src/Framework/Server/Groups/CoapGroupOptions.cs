namespace Coap;

/// <summary>
/// Group communication over IP multicast (draft-ietf-core-groupcomm-bis): the CoAP groups this server is a
/// member of and how it answers requests that arrived via multicast. Bound from <c>Coap:Groups</c>.
/// </summary>
public sealed class CoapGroupOptions
{
    /// <summary>DEFAULT_LEISURE (RFC 7252 §8.2): 5 s.</summary>
    public static readonly TimeSpan DefaultLeisure = TimeSpan.FromSeconds(5);

    /// <summary>A common maximum message size (RFC 7252 §4.6) and the default amplification cap.</summary>
    public const int DefaultMaxUnauthenticatedResponseSize = 1152;

    /// <summary>
    /// The CoAP groups this server joins, by name (<c>Coap:Groups:Members:&lt;name&gt;</c>). The names are the
    /// server's own; a group's URI host also names it in Uri-Host (§2.1).
    /// </summary>
    public IDictionary<string, CoapGroupEntry> Members { get; } = new Dictionary<string, CoapGroupEntry>(StringComparer.Ordinal);

    /// <summary>
    /// Each response to a multicast request waits a uniformly random delay in [0, Leisure) so that the group's
    /// answers do not collide (RFC 7252 §8.2). Default <see cref="DefaultLeisure"/>; zero sends at once. A group's
    /// <see cref="CoapGroupEntry.Leisure"/> replaces it for what arrived on that group's address. Notifications to
    /// observations registered by a group request wait it too, one per Leisure slot and group (§3.7).
    /// </summary>
    public TimeSpan Leisure { get; set; } = DefaultLeisure;

    /// <summary>4.xx and 5.xx responses to multicast requests are not sent (groupcomm-bis §3.1.2). Default true.</summary>
    public bool SuppressErrorResponses { get; set; } = true;

    /// <summary>A 2.05 Content with an empty payload to a multicast request is not sent (nothing useful to say). Default true.</summary>
    public bool SuppressEmptyContent { get; set; } = true;

    /// <summary>
    /// A No-Response option (RFC 7967) in an OSCORE-protected multicast request replaces the defaults above, so an
    /// authenticated client can ask for errors. From unauthenticated clients No-Response only ever adds suppression
    /// (groupcomm-bis §6.5). Default true.
    /// </summary>
    public bool NoResponseOverridesDefaults { get; set; } = true;

    /// <summary>
    /// The largest response, in bytes on the wire, sent to a multicast request that was not OSCORE-protected;
    /// larger ones are suppressed, bounding what a spoofed group request can make the group send to a victim
    /// (groupcomm-bis §6.3). Default <see cref="DefaultMaxUnauthenticatedResponseSize"/>.
    /// </summary>
    public int MaxUnauthenticatedResponseSize { get; set; } = DefaultMaxUnauthenticatedResponseSize;

    /// <summary>
    /// The application groups this server is a member of (groupcomm-bis §2.1: servers sharing a set of resources,
    /// such as the lights of one room), named in requests as <see cref="ApplicationGroupEncoding"/> says. A request
    /// naming one of them runs with <see cref="CoapContext.ApplicationGroup"/> set; one naming another is dropped when
    /// it came via multicast (the server is not in that application group, §3.3) and answered 4.04 by unicast.
    /// Empty (the default): requests are routed without looking for an application group.
    /// </summary>
    public IList<string> ApplicationGroups { get; } = [];

    /// <summary>How requests name their application group. Default <see cref="CoapApplicationGroupEncoding.Path"/> (<c>/gp/&lt;name&gt;/…</c>).</summary>
    public CoapApplicationGroupEncoding ApplicationGroupEncoding { get; set; } = CoapApplicationGroupEncoding.Path;

    /// <summary>The members parsed and checked; errors name the configuration key.</summary>
    /// <exception cref="InvalidOperationException">An entry or setting is invalid.</exception>
    public IReadOnlyList<CoapGroup> Resolve()
    {
        Validate();
        return Members.Select(static m => CoapGroup.Parse(m.Key, m.Value)).ToArray();
    }

    /// <summary>Checks the settings and every member; errors name the configuration key.</summary>
    /// <exception cref="InvalidOperationException">An entry or setting is invalid.</exception>
    public void Validate()
    {
        if (Leisure < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Coap:Groups:Leisure: {Leisure} is negative.");
        }

        if (MaxUnauthenticatedResponseSize < 4)
        {
            throw new InvalidOperationException($"Coap:Groups:MaxUnauthenticatedResponseSize: {MaxUnauthenticatedResponseSize} is smaller than a CoAP header (4 bytes).");
        }

        foreach (var (name, entry) in Members)
        {
            _ = CoapGroup.Parse(name, entry);
        }

        if (!Enum.IsDefined(ApplicationGroupEncoding))
        {
            throw new InvalidOperationException($"Coap:Groups:ApplicationGroupEncoding: {ApplicationGroupEncoding} is not Path or Query.");
        }

        foreach (var name in ApplicationGroups)
        {
            CheckApplicationGroupName(name, "Coap:Groups:ApplicationGroups");
        }
    }

    /// <summary>Checks an application group name: one non-empty path segment or query value.</summary>
    /// <exception cref="InvalidOperationException">The name is empty or holds '/', '&amp;' or '='; the message names <paramref name="key"/>.</exception>
    internal static void CheckApplicationGroupName(string? name, string key)
    {
        if (string.IsNullOrEmpty(name) || name.AsSpan().IndexOfAny("/&=") >= 0)
        {
            throw new InvalidOperationException($"{key}: '{name}' is not an application group name (one path segment, without '/', '&' or '=').");
        }
    }
}
