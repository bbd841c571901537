using System.Text;
using Coap.Observe.Bindings;

namespace Coap;

/// <summary>
/// One entry of a Binding Table (draft-ietf-core-dynlink §4–5): a <c>boundto</c> link that keeps
/// <see cref="Destination"/> synchronised with <see cref="Source"/> by <see cref="Method"/>.
/// </summary>
/// <param name="Source">The link target: the URI of the resource whose state is copied, e.g. <c>coap://sensor.example.com/s/light</c>.</param>
/// <param name="Destination">The link anchor: the URI or path of the resource that receives the copies, e.g. <c>/a/light</c>.</param>
/// <param name="Method">How the state travels: one of <see cref="BindingMethods.Observe"/>, <see cref="BindingMethods.Poll"/>, <see cref="BindingMethods.Push"/> and <see cref="BindingMethods.Execute"/>.</param>
/// <param name="Conditions">The conditional attributes written in the entry (pmin, pmax, st, …), without the resource's defaults.</param>
public sealed record LinkBinding(string Source, string Destination, BindingMethods Method, ConditionalAttributes Conditions)
{
    /// <summary>The URI of the resource whose state is copied (the link target).</summary>
    public string Source { get; init; } = Source ?? throw new ArgumentNullException(nameof(Source));

    /// <summary>The URI or path of the resource that receives the copies (the link anchor).</summary>
    public string Destination { get; init; } = Destination ?? throw new ArgumentNullException(nameof(Destination));

    /// <summary>The conditional attributes written in the entry.</summary>
    public ConditionalAttributes Conditions { get; init; } = Conditions ?? throw new ArgumentNullException(nameof(Conditions));

    /// <summary>
    /// The entry as one link-format link, e.g.
    /// <c>&lt;coap://sensor.example.com/s/light&gt;;rel="boundto";anchor="/a/light";bind="obs";pmin=10;pmax=60</c>.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder()
            .Append('<').Append(Source).Append(">;rel=\"boundto\";anchor=\"")
            .Append(Destination.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal))
            .Append("\";bind=\"").Append(GetMethodName(Method)).Append('"');
        BindingConditions.AppendTo(text, Conditions);
        return text.ToString();
    }

    /// <summary>The <c>bind</c> value of a method (<c>obs</c>, <c>poll</c>, <c>push</c>, <c>exec</c>).</summary>
    internal static string GetMethodName(BindingMethods method) => method switch
    {
        BindingMethods.Observe => "obs",
        BindingMethods.Poll => "poll",
        BindingMethods.Push => "push",
        BindingMethods.Execute => "exec",

        // Not a single method: still render something readable rather than throw from ToString.
        _ => method.ToString(),
    };

    /// <summary>Reads a <c>bind</c> value, ignoring case.</summary>
    internal static bool TryParseMethod(string? value, out BindingMethods method)
    {
        method = value?.ToLowerInvariant() switch
        {
            "obs" => BindingMethods.Observe,
            "poll" => BindingMethods.Poll,
            "push" => BindingMethods.Push,
            "exec" => BindingMethods.Execute,
            _ => BindingMethods.None,
        };
        return method != BindingMethods.None;
    }
}
