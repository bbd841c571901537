namespace Coap;

/// <summary>One CoAP group as configured (<c>Coap:Groups:Members:&lt;name&gt;</c>); <see cref="CoapGroup.Parse"/> checks it.</summary>
public sealed class CoapGroupEntry
{
    /// <summary>
    /// The group URI: <c>coap://</c> with an IP multicast literal (<c>coap://224.0.1.187</c>,
    /// <c>coap://[ff02::fd]:5683/</c>) or a group host name (<c>coap://group.example:5683/</c>), no path or query.
    /// </summary>
    public string? Uri { get; set; }

    /// <summary>The IP multicast address; required when the URI names a host, and must agree with a literal URI.</summary>
    public string? Address { get; set; }

    /// <summary>The UDP port; defaults to the URI's port, which defaults to 5683. 5684 is not allowed (groupcomm-bis §3.4).</summary>
    public int? Port { get; set; }

    /// <summary>The interfaces to join on, by name or index; empty joins on the system's default interface.</summary>
    public IList<string> Interfaces { get; } = [];

    /// <summary>
    /// The Leisure for responses to requests (and notifications to observations registered by requests) that
    /// arrived on this group's address, in place of <see cref="CoapGroupOptions.Leisure"/>: a group with many
    /// members needs a longer one (groupcomm-bis §3.1.3). Null uses the global Leisure; zero sends at once.
    /// </summary>
    public TimeSpan? Leisure { get; set; }
}
