using System.Globalization;
using System.Text;
using Coap.Discovery;

namespace Coap.Observe.Bindings;

/// <summary>
/// Converts between the conditional attributes of a binding entry, written as unprefixed link
/// attributes (<c>pmin pmax st gt lt band epmin epmax con edge</c>, draft-ietf-core-dynlink), and
/// <see cref="ConditionalAttributes"/>, and checks their ranges (CA-01, CA-02).
/// </summary>
internal static class BindingConditions
{
    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>
    /// Reads the conditional attributes of a link. Numbers must be finite decimals; <c>band</c> and
    /// <c>con</c> may be bare (true) or 0/1/false/true; <c>edge</c> needs 0/1/false/true. A repeated
    /// attribute is an error, because which one wins would be a guess.
    /// </summary>
    public static bool TryRead(ParsedLink link, out ConditionalAttributes conditions, out string? error)
    {
        ArgumentNullException.ThrowIfNull(link);
        conditions = ConditionalAttributes.None;
        if (!TryNumber(link, "pmin", out var pmin, out error)
            || !TryNumber(link, "pmax", out var pmax, out error)
            || !TryNumber(link, "st", out var st, out error)
            || !TryNumber(link, "gt", out var gt, out error)
            || !TryNumber(link, "lt", out var lt, out error)
            || !TryNumber(link, "epmin", out var epmin, out error)
            || !TryNumber(link, "epmax", out var epmax, out error)
            || !TryBoolean(link, "band", allowBare: true, out var band, out error)
            || !TryBoolean(link, "con", allowBare: true, out var con, out error)
            || !TryBoolean(link, "edge", allowBare: false, out var edge, out error))
        {
            return false;
        }

        var read = new ConditionalAttributes
        {
            MinPeriod = pmin,
            MaxPeriod = pmax,
            Step = st,
            GreaterThan = gt,
            LessThan = lt,
            MinEvaluationPeriod = epmin,
            MaxEvaluationPeriod = epmax,
            Band = band ?? false,
            Confirmable = con,
            Edge = edge,
        };
        if (!Validate(read, out error))
        {
            return false;
        }

        // Keep the shared instance for "no conditions", so IsEmpty holds.
        conditions = read.IsEmpty ? ConditionalAttributes.None : read;
        return true;
    }

    /// <summary>
    /// The range rules of CA-01 and CA-02: pmin &gt; 0; pmax &gt; 0 and ≥ pmin; st &gt; 0; epmin &gt; 0;
    /// epmax &gt; 0 and &gt; epmin; band needs gt or lt. pmin == pmax is allowed (best effort, LB-11).
    /// </summary>
    public static bool Validate(ConditionalAttributes conditions, out string? error)
    {
        ArgumentNullException.ThrowIfNull(conditions);

        // "!(x > 0)" also rejects NaN, which can come from code-supplied defaults.
        error = conditions switch
        {
            { MinPeriod: { } pmin } when !(pmin > 0) => "pmin must be greater than 0.",
            { MaxPeriod: { } pmax } when !(pmax > 0) => "pmax must be greater than 0.",
            { MinPeriod: { } pmin, MaxPeriod: { } pmax } when pmax < pmin => "pmax must not be less than pmin.",
            { Step: { } st } when !(st > 0) => "st must be greater than 0.",
            { MinEvaluationPeriod: { } epmin } when !(epmin > 0) => "epmin must be greater than 0.",
            { MaxEvaluationPeriod: { } epmax } when !(epmax > 0) => "epmax must be greater than 0.",
            { MinEvaluationPeriod: { } epmin, MaxEvaluationPeriod: { } epmax } when epmax <= epmin => "epmax must be greater than epmin.",
            { GreaterThan: { } gt } when !double.IsFinite(gt) => "gt must be a finite number.",
            { LessThan: { } lt } when !double.IsFinite(lt) => "lt must be a finite number.",
            { Band: true, GreaterThan: null, LessThan: null } => "band needs gt or lt.",
            _ => null,
        };
        return error is null;
    }

    /// <summary>The conditions in effect: each value of <paramref name="entry"/> overrides the resource's default.</summary>
    public static ConditionalAttributes Merge(ConditionalAttributes defaults, ConditionalAttributes entry)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(entry);
        return new ConditionalAttributes
        {
            MinPeriod = entry.MinPeriod ?? defaults.MinPeriod,
            MaxPeriod = entry.MaxPeriod ?? defaults.MaxPeriod,
            Step = entry.Step ?? defaults.Step,
            GreaterThan = entry.GreaterThan ?? defaults.GreaterThan,
            LessThan = entry.LessThan ?? defaults.LessThan,
            MinEvaluationPeriod = entry.MinEvaluationPeriod ?? defaults.MinEvaluationPeriod,
            MaxEvaluationPeriod = entry.MaxEvaluationPeriod ?? defaults.MaxEvaluationPeriod,
            Band = entry.Band || defaults.Band,
            Confirmable = entry.Confirmable ?? defaults.Confirmable,
            Edge = entry.Edge ?? defaults.Edge,
        };
    }

    /// <summary>Appends the conditions as link parameters, e.g. <c>;pmin=10;pmax=60</c> (values are ptokens, no quotes needed).</summary>
    public static void AppendTo(StringBuilder text, ConditionalAttributes conditions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(conditions);
        foreach (var parameter in conditions.ToQuery(legacyNames: true))
        {
            text.Append(';').Append(parameter);
        }
    }

    private static bool TryNumber(ParsedLink link, string name, out double? value, out string? error)
    {
        value = null;
        if (!TrySingle(link, name, out var present, out var text, out error) || !present)
        {
            return error is null;
        }

        if (text is null || !double.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            error = $"{name} must be a number.";
            return false;
        }

        value = number;
        return true;
    }

    private static bool TryBoolean(ParsedLink link, string name, bool allowBare, out bool? value, out string? error)
    {
        value = null;
        if (!TrySingle(link, name, out var present, out var text, out error) || !present)
        {
            return error is null;
        }

        value = text switch
        {
            null when allowBare => true,
            "1" or "true" => true,
            "0" or "false" => false,
            _ => null,
        };
        if (value is null)
        {
            error = $"{name} must be 0 or 1.";
            return false;
        }

        return true;
    }

    private static bool TrySingle(ParsedLink link, string name, out bool present, out string? value, out string? error)
    {
        var values = link.GetAttributes(name);
        present = values.Count > 0;
        value = present ? values[0] : null;
        error = values.Count > 1 ? $"{name} appears more than once." : null;
        return error is null;
    }
}
