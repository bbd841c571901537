using System.Diagnostics.Metrics;
using Coap.Endpoint;

namespace Coap.Diagnostics;

/// <summary>
/// Group communication counters (requests that arrived via multicast). Created on first use, so an endpoint
/// that never receives multicast publishes none of them.
/// </summary>
internal sealed partial class CoapMetrics
{
    private static readonly KeyValuePair<string, object?>[] s_dropTags =
    [
        new("coap.group.reason", "malformed"),
        new("coap.group.reason", "not_request"),
        new("coap.group.reason", "confirmable"),
        new("coap.group.reason", "unknown_uri_host"),
    ];

    private static readonly KeyValuePair<string, object?>[] s_suppressionTags =
    [
        new("coap.group.reason", "none"),
        new("coap.group.reason", "not_opted_in"),
        new("coap.group.reason", "default"),
        new("coap.group.reason", "no_response"),
        new("coap.group.reason", "amplification_cap"),
        new("coap.group.reason", "foreign_application_group"),
    ];

    private Counter<long>? _multicastDropped;
    private Counter<long>? _multicastSuppressed;
    private Counter<long>? _multicastDelayed;
    private Counter<long>? _groupNotificationsDelayed;

    public void MulticastDropped(MulticastDropReason reason) =>
        GroupCounter(ref _multicastDropped, "coap.group.requests.dropped", "{datagram}", "Datagrams that arrived via multicast and were dropped unanswered, by reason.")
            .Add(1, s_dropTags[(int)reason]);

    public void MulticastResponseSuppressed(MulticastSuppression reason) =>
        GroupCounter(ref _multicastSuppressed, "coap.group.responses.suppressed", "{response}", "Responses to multicast requests not sent, by reason.")
            .Add(1, s_suppressionTags[(int)reason]);

    public void MulticastResponseDelayed() =>
        GroupCounter(ref _multicastDelayed, "coap.group.responses.delayed", "{response}", "Responses to multicast requests sent after a random Leisure.").Add(1);

    public void GroupNotificationDelayed() =>
        GroupCounter(ref _groupNotificationsDelayed, "coap.group.notifications.delayed", "{notification}", "Notifications to observers registered by a group request that waited for the group's Leisure slot (one per wait; a replaced one counts again).").Add(1);

    private Counter<long> GroupCounter(ref Counter<long>? field, string name, string unit, string description) =>
        Volatile.Read(ref field)
        ?? Interlocked.CompareExchange(ref field, _meter.CreateCounter<long>(name, unit, description), null)
        ?? field!;
}
