namespace Coap;

/// <summary>
/// Makes a GET or FETCH action observable (RFC 7641): a request with Observe 0 registers the
/// client, which then receives a notification each time the application signals a change
/// through <see cref="ICoapNotifier{TController}"/> (generated methods such as
/// <c>notifier.NotifyTemperature()</c>). Conditional query parameters (<c>c.pmin</c>,
/// <c>c.gt</c>, …) filter and pace the notifications per registration.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ObservableAttribute : Attribute;

/// <summary>
/// Lets the resource take part in link bindings (draft-ietf-core-dynlink §4–5) and sets its
/// default conditional attributes; a registration's query values override them. NaN (the
/// default) means "not set".
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BindingAttribute : Attribute
{
    /// <summary>Minimum seconds between notifications (<c>pmin</c>).</summary>
    public double MinPeriod { get; set; } = double.NaN;

    /// <summary>Maximum seconds between notifications (<c>pmax</c>).</summary>
    public double MaxPeriod { get; set; } = double.NaN;

    /// <summary>Minimum change of a numeric value that is notified (<c>st</c>).</summary>
    public double Step { get; set; } = double.NaN;

    /// <summary>Notify when a numeric value crosses this threshold upwards or downwards (<c>gt</c>).</summary>
    public double GreaterThan { get; set; } = double.NaN;

    /// <summary>Notify when a numeric value crosses this threshold (<c>lt</c>).</summary>
    public double LessThan { get; set; } = double.NaN;

    /// <summary>Treat <see cref="GreaterThan"/> and <see cref="LessThan"/> as a band (<c>band</c>).</summary>
    public bool Band { get; set; }

    /// <summary>Send notifications as confirmable messages (<c>con</c>).</summary>
    public bool Confirmable { get; set; }

    /// <summary>The roles this resource may take in binding table entries.</summary>
    public BindingRoles Roles { get; set; } = BindingRoles.Source | BindingRoles.Destination;

    /// <summary>The binding methods allowed for this resource.</summary>
    public BindingMethods Methods { get; set; } = BindingMethods.Observe | BindingMethods.Poll | BindingMethods.Push | BindingMethods.Execute;
}

/// <summary>Which end of a link binding a resource may be.</summary>
[Flags]
public enum BindingRoles
{
    /// <summary>No role.</summary>
    None = 0,

    /// <summary>The resource whose state is copied.</summary>
    Source = 1,

    /// <summary>The resource that receives the copies.</summary>
    Destination = 2,
}

/// <summary>The link-binding methods (<c>bind=</c>) of draft-ietf-core-dynlink §4.1.</summary>
[Flags]
public enum BindingMethods
{
    /// <summary>No method.</summary>
    None = 0,

    /// <summary><c>obs</c>: the destination observes the source.</summary>
    Observe = 1,

    /// <summary><c>poll</c>: the destination polls the source with GET.</summary>
    Poll = 2,

    /// <summary><c>push</c>: the source PUTs its state to the destination.</summary>
    Push = 4,

    /// <summary><c>exec</c>: the source POSTs its state to the destination.</summary>
    Execute = 8,
}
