using System.Globalization;

namespace Coap;

/// <summary>
/// Conditional query parameters of an Observe registration (draft-ietf-core-conditional-attributes):
/// they filter which changes are notified and pace the notifications. Unset values are null.
/// Periods are in seconds and may be fractional.
/// </summary>
public sealed partial record ConditionalAttributes
{
    /// <summary>No conditions: every change is notified.</summary>
    public static ConditionalAttributes None { get; } = new();

    /// <summary><c>c.pmin</c>: minimum seconds between two notifications.</summary>
    public double? MinPeriod { get; init; }

    /// <summary><c>c.pmax</c>: maximum seconds without a notification, even when nothing changed.</summary>
    public double? MaxPeriod { get; init; }

    /// <summary><c>c.epmin</c>: minimum seconds between two evaluations of the conditions.</summary>
    public double? MinEvaluationPeriod { get; init; }

    /// <summary><c>c.epmax</c>: maximum seconds between two evaluations (the server samples the resource again).</summary>
    public double? MaxEvaluationPeriod { get; init; }

    /// <summary><c>c.gt</c>: notify when a numeric value crosses this threshold.</summary>
    public double? GreaterThan { get; init; }

    /// <summary><c>c.lt</c>: notify when a numeric value crosses this threshold.</summary>
    public double? LessThan { get; init; }

    /// <summary><c>c.st</c>: notify when a numeric value moved at least this much since the last notification.</summary>
    public double? Step { get; init; }

    /// <summary><c>c.band</c>: notify only values inside (gt &lt; lt) or outside (gt &gt; lt) the band.</summary>
    public bool Band { get; init; }

    /// <summary><c>c.edge</c>: for boolean values, true notifies false→true only, false notifies true→false only.</summary>
    public bool? Edge { get; init; }

    /// <summary><c>c.con</c>: true asks for confirmable notifications, false for non-confirmable.</summary>
    public bool? Confirmable { get; init; }

    /// <summary>Whether no parameter is set.</summary>
    public bool IsEmpty => this == None;

    /// <summary>
    /// The Uri-Query arguments for a registration, e.g. <c>c.pmin=10</c>. <paramref name="legacyNames"/>
    /// writes the unprefixed names of draft-ietf-core-dynlink (<c>pmin=10</c>) for older peers.
    /// </summary>
    public IReadOnlyList<string> ToQuery(bool legacyNames = false)
    {
        var prefix = legacyNames ? "" : "c.";
        var query = new List<string>();
        Add(query, prefix, "pmin", MinPeriod);
        Add(query, prefix, "pmax", MaxPeriod);
        Add(query, prefix, "epmin", MinEvaluationPeriod);
        Add(query, prefix, "epmax", MaxEvaluationPeriod);
        Add(query, prefix, "gt", GreaterThan);
        Add(query, prefix, "lt", LessThan);
        Add(query, prefix, "st", Step);
        if (Band)
        {
            // CA-02 and later: a bare name; dynlink used a boolean.
            query.Add(legacyNames ? "band=1" : "c.band");
        }

        if (Edge is { } edge)
        {
            query.Add(prefix + (edge ? "edge=1" : "edge=0"));
        }

        if (Confirmable is { } confirmable)
        {
            query.Add(prefix + (confirmable ? "con=1" : "con=0"));
        }

        return query;
    }

    private static void Add(List<string> query, string prefix, string name, double? value)
    {
        if (value is { } number)
        {
            query.Add(prefix + name + "=" + number.ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
