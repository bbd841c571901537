using System.Diagnostics.Metrics;

namespace Coap.Diagnostics;

/// <summary>Client-side group request counters. Created on first use, so an endpoint that never sends to a group publishes none.</summary>
internal sealed partial class CoapMetrics
{
    private static readonly KeyValuePair<string, object?> s_lateTag = new("coap.group.reason", "late");
    private static readonly KeyValuePair<string, object?> s_duplicateTag = new("coap.group.reason", "duplicate");
    private static readonly KeyValuePair<string, object?> s_overflowTag = new("coap.group.reason", "overflow");

    private Counter<long>? _groupRequests;
    private Counter<long>? _groupResponses;
    private Counter<long>? _groupResponsesDropped;
    private Counter<long>? _groupRequestsWaited;
    private static readonly KeyValuePair<string, object?> s_nstartTag = new("coap.group.reason", "nstart");
    private static readonly KeyValuePair<string, object?> s_probingTag = new("coap.group.reason", "probing_rate");

    public void GroupRequestSent() =>
        GroupClientCounter(ref _groupRequests, "coap.group.client.requests", "{request}", "Requests sent to a group (multicast).").Add(1);

    public void GroupResponseReceived() =>
        GroupClientCounter(ref _groupResponses, "coap.group.client.responses", "{response}", "Responses to group requests delivered to the application.").Add(1);

    /// <summary>A group request or repeat that did not go out at once (groupcomm-bis §3.6), by reason.</summary>
    public void GroupRequestWaited(Exchanges.GroupWait reason) =>
        GroupClientCounter(ref _groupRequestsWaited, "coap.group.client.requests.waited", "{request}", "Group requests held back by congestion control, by reason (nstart, probing_rate).")
            .Add(1, reason == Exchanges.GroupWait.NStart ? s_nstartTag : s_probingTag);

    /// <summary>A response after its group request ended (token in quarantine): dropped without a Reset.</summary>
    public void GroupResponseLate() => GroupResponseDropped(s_lateTag);

    public void GroupResponseDuplicate() => GroupResponseDropped(s_duplicateTag);

    public void GroupResponseOverflow() => GroupResponseDropped(s_overflowTag);

    private void GroupResponseDropped(KeyValuePair<string, object?> reason) =>
        GroupClientCounter(ref _groupResponsesDropped, "coap.group.client.responses.dropped", "{response}", "Responses to group requests dropped, by reason (late, duplicate, overflow).").Add(1, reason);

    private Counter<long> GroupClientCounter(ref Counter<long>? field, string name, string unit, string description) =>
        Volatile.Read(ref field)
        ?? Interlocked.CompareExchange(ref field, _meter.CreateCounter<long>(name, unit, description), null)
        ?? field!;
}
