namespace Coap;

/// <summary>Bounds and timing of server-side observations (RFC 7641), bound from <c>Coap:Observe</c>.</summary>
public sealed class CoapObservationOptions
{
    /// <summary>Registrations the server keeps in total; beyond it a registration is answered 5.03.</summary>
    public int MaxObservations { get; set; } = 65_536;

    /// <summary>Registrations one client endpoint may hold; beyond it a registration is answered 5.03.</summary>
    public int MaxObservationsPerPeer { get; set; } = 256;

    /// <summary>
    /// A notification is sent confirmable at least this often, so observers that went away are
    /// found and removed (RFC 7641 §4.5: at least every 24 hours).
    /// </summary>
    public TimeSpan ConfirmableInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxObservations, 1, nameof(MaxObservations));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxObservationsPerPeer, 1, nameof(MaxObservationsPerPeer));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConfirmableInterval, TimeSpan.Zero, nameof(ConfirmableInterval));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ConfirmableInterval, TimeSpan.FromHours(24), nameof(ConfirmableInterval));
    }
}
