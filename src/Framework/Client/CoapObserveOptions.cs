namespace Coap;

/// <summary>
/// Settings for one observation started with
/// <see cref="CoapClient.ObserveAsync(CoapRequest, CoapObserveOptions?, CancellationToken)"/> (RFC 7641).
/// </summary>
public sealed class CoapObserveOptions
{
    /// <summary>
    /// Conditional attributes (<c>c.pmin</c>, <c>c.pmax</c>, …) appended to the URI's query as Uri-Query
    /// options of the registration, and of every re-registration and deregistration.
    /// </summary>
    public ConditionalAttributes? Conditions { get; set; }

    /// <summary>Render <see cref="Conditions"/> with the unprefixed names of draft-ietf-core-dynlink (<c>pmin</c>) for older servers.</summary>
    public bool UseLegacyConditionNames { get; set; }

    /// <summary>
    /// When the consumer stops, send a deregistration (the registration request with Observe: 1, the same
    /// token and the same options, RFC 7641 §3.6). When false the observation is only forgotten locally and
    /// the server's next notification is answered with RST. Default true.
    /// </summary>
    public bool CancelExplicitly { get; set; } = true;

    /// <summary>
    /// Slack added to the latest notification's Max-Age (default 60 s) before the client, having heard
    /// nothing, registers again (RFC 7641 §3.3.1). Default 2 s.
    /// </summary>
    public TimeSpan ReregistrationMargin { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many notifications wait for a slow consumer; when full the oldest is dropped, since the newest
    /// state matters most. Default 16.
    /// </summary>
    public int BufferCapacity { get; set; } = 16;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferCapacity, 1, nameof(BufferCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReregistrationMargin, TimeSpan.Zero, nameof(ReregistrationMargin));
    }
}
