namespace Coap.Observe.Bindings;

/// <summary>What the Binding Table needs to know about a local <see cref="BindingAttribute"/> resource.</summary>
/// <param name="Path">The resource's path, e.g. "/a/light".</param>
/// <param name="Methods">The <c>bind</c> methods the resource allows.</param>
/// <param name="Roles">Whether it may be the source, the destination or both.</param>
/// <param name="Defaults">Its default conditional attributes; an entry's own values override them.</param>
internal sealed record BindingResourceInfo(string Path, BindingMethods Methods, BindingRoles Roles, ConditionalAttributes Defaults)
{
    /// <summary>The info declared by a <see cref="BindingAttribute"/> (NaN periods and thresholds mean "not set").</summary>
    public static BindingResourceInfo FromAttribute(string path, BindingAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(attribute);
        var defaults = new ConditionalAttributes
        {
            MinPeriod = Set(attribute.MinPeriod),
            MaxPeriod = Set(attribute.MaxPeriod),
            Step = Set(attribute.Step),
            GreaterThan = Set(attribute.GreaterThan),
            LessThan = Set(attribute.LessThan),
            Band = attribute.Band,
            Confirmable = attribute.Confirmable ? true : null,
        };
        return new BindingResourceInfo(path, attribute.Methods, attribute.Roles, defaults.IsEmpty ? ConditionalAttributes.None : defaults);
    }

    private static double? Set(double value) => double.IsNaN(value) ? null : value;
}
