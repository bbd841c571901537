using System.Globalization;
using Coap.Observe;

namespace Coap;

public sealed partial record ConditionalAttributes
{
    // Indexes into ParameterNames; also the bit positions of the "seen" mask in TryParse.
    private const int PMin = 0;
    private const int PMax = 1;
    private const int EPMin = 2;
    private const int EPMax = 3;
    private const int Gt = 4;
    private const int Lt = 5;
    private const int St = 6;
    private const int BandIndex = 7;
    private const int EdgeIndex = 8;
    private const int Con = 9;

    private static readonly string[] ParameterNames = ["pmin", "pmax", "epmin", "epmax", "gt", "lt", "st", "band", "edge", "con"];

    /// <summary>
    /// Whether a Uri-Query item (<c>name</c> or <c>name=value</c>) names a conditional parameter,
    /// with its <c>c.</c> name or the unprefixed name of draft-ietf-core-dynlink. For an item holding
    /// several <c>;</c>-joined parameters the first one decides.
    /// </summary>
    internal static bool IsConditionalParameter(ReadOnlySpan<char> queryItem)
    {
        var end = queryItem.IndexOfAny(';', '=');
        var name = end < 0 ? queryItem : queryItem[..end];
        return ParameterIndex(name.Trim()) >= 0;
    }

    /// <summary>
    /// Reads the conditional parameters among decoded Uri-Query items, ignoring the others, merges
    /// them over <paramref name="defaults"/> field by field and validates the result (CA-01, CA-02).
    /// </summary>
    /// <param name="queryItems">The decoded Uri-Query option values, one per option.</param>
    /// <param name="defaults">The resource's defaults (<see cref="BindingAttribute"/>), or null.</param>
    /// <param name="result">The merged attributes; <see cref="None"/> on failure.</param>
    /// <param name="error">On failure, a short diagnostic for the 4.00 payload.</param>
    internal static bool TryParse(
        IEnumerable<string> queryItems,
        ConditionalAttributes? defaults,
        out ConditionalAttributes result,
        out string? error)
    {
        ArgumentNullException.ThrowIfNull(queryItems);
        result = None;
        var seen = 0;
        var numbers = new double?[St + 1];
        bool? band = null;
        bool? edge = null;
        bool? con = null;

        foreach (var item in queryItems)
        {
            if (item is null || !IsConditionalParameter(item))
            {
                continue;
            }

            // Lenient: the draft's figures put several parameters in one option (pmax=20;gt=25).
            foreach (var range in item.AsSpan().Split(';'))
            {
                var segment = item.AsSpan()[range].Trim();
                if (segment.IsEmpty)
                {
                    continue;
                }

                var equals = segment.IndexOf('=');
                var name = (equals < 0 ? segment : segment[..equals]).Trim();
                var index = ParameterIndex(name);
                if (index < 0)
                {
                    continue;
                }

                if ((seen & (1 << index)) != 0)
                {
                    error = $"{name} is given more than once";
                    return false;
                }

                seen |= 1 << index;
                var hasValue = equals >= 0;
                var value = hasValue ? Unquote(segment[(equals + 1)..].Trim()) : default;
                switch (index)
                {
                    case BandIndex:
                        // CA-02 and later: a bare name; dynlink-13: an xs:boolean.
                        if (!hasValue)
                        {
                            band = true;
                        }
                        else if (TryParseBoolean(value, out var on))
                        {
                            band = on;
                        }
                        else
                        {
                            error = $"{name} takes no value, or 0 or 1";
                            return false;
                        }

                        break;
                    case EdgeIndex:
                    case Con:
                        if (!hasValue || !TryParseBoolean(value, out var flag))
                        {
                            error = $"{name} must be 0 or 1";
                            return false;
                        }

                        if (index == EdgeIndex)
                        {
                            edge = flag;
                        }
                        else
                        {
                            con = flag;
                        }

                        break;
                    default:
                        if (!hasValue
                            || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                            || !double.IsFinite(number))
                        {
                            error = $"{name} must be a decimal number";
                            return false;
                        }

                        numbers[index] = number;
                        break;
                }
            }
        }

        var merged = new ConditionalAttributes
        {
            MinPeriod = numbers[PMin] ?? defaults?.MinPeriod,
            MaxPeriod = numbers[PMax] ?? defaults?.MaxPeriod,
            MinEvaluationPeriod = numbers[EPMin] ?? defaults?.MinEvaluationPeriod,
            MaxEvaluationPeriod = numbers[EPMax] ?? defaults?.MaxEvaluationPeriod,
            GreaterThan = numbers[Gt] ?? defaults?.GreaterThan,
            LessThan = numbers[Lt] ?? defaults?.LessThan,
            Step = numbers[St] ?? defaults?.Step,
            Band = band ?? defaults?.Band ?? false,
            Edge = edge ?? defaults?.Edge,
            Confirmable = con ?? defaults?.Confirmable,
        };

        error = merged.Validate();
        if (error is not null)
        {
            return false;
        }

        result = merged;
        return true;
    }

    /// <summary>The range checks of CA-01 and CA-02, or null when the attributes are valid. pmin == pmax is allowed.</summary>
    internal string? Validate()
    {
        var notFinite = NotFinite(MinPeriod, "c.pmin") ?? NotFinite(MaxPeriod, "c.pmax")
            ?? NotFinite(MinEvaluationPeriod, "c.epmin") ?? NotFinite(MaxEvaluationPeriod, "c.epmax")
            ?? NotFinite(GreaterThan, "c.gt") ?? NotFinite(LessThan, "c.lt") ?? NotFinite(Step, "c.st");
        if (notFinite is not null)
        {
            return notFinite;
        }

        if (MinPeriod <= 0)
        {
            return "c.pmin must be greater than 0";
        }

        if (MaxPeriod <= 0)
        {
            return "c.pmax must be greater than 0";
        }

        if (MaxPeriod < MinPeriod)
        {
            return "c.pmax must be greater than or equal to c.pmin";
        }

        if (MinEvaluationPeriod <= 0)
        {
            return "c.epmin must be greater than 0";
        }

        if (MaxEvaluationPeriod <= 0)
        {
            return "c.epmax must be greater than 0";
        }

        if (MaxEvaluationPeriod <= MinEvaluationPeriod)
        {
            return "c.epmax must be greater than c.epmin";
        }

        if (Step <= 0)
        {
            return "c.st must be greater than 0";
        }

        if (Band && GreaterThan is null && LessThan is null)
        {
            return "c.band needs c.gt or c.lt";
        }

        return null;
    }

    /// <summary>
    /// CA-03: whether the attributes suit the resource's value, or the error text. gt, lt, st and
    /// band need a number, edge a boolean; a resource without a value fits only attributes that
    /// do not look at it.
    /// </summary>
    internal string? ValidateFor(ObservedValueKind kind)
    {
        if (kind != ObservedValueKind.Number && (GreaterThan is not null || LessThan is not null || Step is not null || Band))
        {
            return "c.gt, c.lt, c.st and c.band apply only to a numeric resource";
        }

        if (kind != ObservedValueKind.Boolean && Edge is not null)
        {
            return "c.edge applies only to a boolean resource";
        }

        return null;
    }

    /// <summary>
    /// These attributes with each unset field taken from <paramref name="defaults"/>. Band has no
    /// "unset" state here, so it is on when either has it (TryParse lets a query turn it off).
    /// </summary>
    internal ConditionalAttributes WithDefaults(ConditionalAttributes defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return new ConditionalAttributes
        {
            MinPeriod = MinPeriod ?? defaults.MinPeriod,
            MaxPeriod = MaxPeriod ?? defaults.MaxPeriod,
            MinEvaluationPeriod = MinEvaluationPeriod ?? defaults.MinEvaluationPeriod,
            MaxEvaluationPeriod = MaxEvaluationPeriod ?? defaults.MaxEvaluationPeriod,
            GreaterThan = GreaterThan ?? defaults.GreaterThan,
            LessThan = LessThan ?? defaults.LessThan,
            Step = Step ?? defaults.Step,
            Band = Band || defaults.Band,
            Edge = Edge ?? defaults.Edge,
            Confirmable = Confirmable ?? defaults.Confirmable,
        };
    }

    private static int ParameterIndex(ReadOnlySpan<char> name)
    {
        if (name.StartsWith("c."))
        {
            name = name[2..];
        }

        for (var i = 0; i < ParameterNames.Length; i++)
        {
            if (name.SequenceEqual(ParameterNames[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // The draft's figures quote values (pmin="10").
    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Trim() : value;

    private static bool TryParseBoolean(ReadOnlySpan<char> value, out bool result)
    {
        if (value is "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            result = true;
            return true;
        }

        if (value is "0" || value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            result = false;
            return true;
        }

        result = false;
        return false;
    }

    private static string? NotFinite(double? value, string name) =>
        value is { } number && !double.IsFinite(number) ? name + " must be a finite number" : null;
}
