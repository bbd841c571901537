namespace Coap.Observe;

/// <summary>An observed resource (by path) and its groups of observers. Guarded by the registry lock.</summary>
internal sealed class ObservedResource(CoapObservations owner, string path, uint initialSequence)
{
    private uint _sequence = initialSequence & 0xFF_FFFF;

    public CoapObservations Owner { get; } = owner;

    public string Path { get; } = path;

    public List<RepresentationGroup> Groups { get; } = [];

    /// <summary>The Observe value for the next notification: one 24-bit counter per resource, so it keeps rising across re-registrations (RFC 7641 §4.4).</summary>
    public uint NextSequence()
    {
        _sequence = (_sequence + 1) & 0xFF_FFFF;
        return _sequence;
    }

    /// <summary>Sets the counter (tests use it to cross the 24-bit wrap).</summary>
    internal void SetSequence(uint value) => _sequence = value & 0xFF_FFFF;
}
