namespace Coap.Endpoint;

/// <summary>
/// The option numbers a server processes, as a bit set over all 65,536 numbers. A critical
/// option outside it gets 4.02 (RFC 7252 §5.4.1). Options whose layers are not enabled
/// (OSCORE, EDHOC, block-wise, Q-Block) are left out, so clients learn they are not supported.
/// </summary>
internal sealed class SupportedOptions
{
    private readonly ulong[] _bits = new ulong[65_536 / 64];

    public static SupportedOptions CreateDefault(CoapOptionRegistry registry)
    {
        var set = new SupportedOptions();
        foreach (var definition in registry.All)
        {
            set.Add(definition.Number);
        }

        foreach (var layered in (ReadOnlySpan<int>)[CoapOptionNumber.Oscore, CoapOptionNumber.Edhoc, CoapOptionNumber.Block1,
                     CoapOptionNumber.QBlock1, CoapOptionNumber.QBlock2])
        {
            set.Remove(layered);
        }

        return set;
    }

    public bool Contains(int number) => (_bits[number >> 6] & (1UL << (number & 63))) != 0;

    public void Add(int number) => _bits[number >> 6] |= 1UL << (number & 63);

    public void Remove(int number) => _bits[number >> 6] &= ~(1UL << (number & 63));
}
