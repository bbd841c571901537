using System.Collections.Frozen;

namespace Coap;

/// <summary>
/// The table of known options. Flags come from the number (RFC 7252 §5.4.6); format, length
/// bounds, repeatability and OSCORE class from each specification's registration.
/// </summary>
public sealed class CoapOptionRegistry
{
    private const int DenseLimit = 64;
    private readonly CoapOptionDefinition?[] _dense = new CoapOptionDefinition?[DenseLimit];
    private readonly FrozenDictionary<int, CoapOptionDefinition> _sparse;

    /// <summary>The registry with the IANA options and the drafts' suggested numbers.</summary>
    public static CoapOptionRegistry Default { get; } = new(ExperimentalOptionNumbers.Default);

    /// <summary>Builds the registry, placing the draft options at the given numbers.</summary>
    public CoapOptionRegistry(ExperimentalOptionNumbers experimental, IEnumerable<CoapOptionDefinition>? additional = null)
    {
        ArgumentNullException.ThrowIfNull(experimental);
        Experimental = experimental;
        var sparse = new Dictionary<int, CoapOptionDefinition>();
        foreach (var definition in StandardDefinitions(experimental).Concat(additional ?? []))
        {
            if (definition.Number < DenseLimit)
            {
                _dense[definition.Number] = definition;
            }
            else
            {
                sparse[definition.Number] = definition;
            }
        }

        _sparse = sparse.ToFrozenDictionary();
    }

    /// <summary>The numbers used for the draft options.</summary>
    public ExperimentalOptionNumbers Experimental { get; }

    /// <summary>Every known option, ordered by number.</summary>
    public IEnumerable<CoapOptionDefinition> All =>
        _dense.Where(d => d is not null).Concat(_sparse.Values).OrderBy(d => d!.Number)!;

    /// <summary>Looks up an option; null when the number is not known.</summary>
    public CoapOptionDefinition? Find(int number) =>
        (uint)number < DenseLimit ? _dense[number] : _sparse.GetValueOrDefault(number);

    /// <summary>The registry name, or "Option(n)" for an unknown number.</summary>
    public string GetName(int number) => Find(number)?.Name ?? $"Option({number})";

    private static IEnumerable<CoapOptionDefinition> StandardDefinitions(ExperimentalOptionNumbers x)
    {
        const OscoreOptionClass E = OscoreOptionClass.E, U = OscoreOptionClass.U, I = OscoreOptionClass.I;
        const CoapOptionFormat Empty = CoapOptionFormat.Empty, Opaque = CoapOptionFormat.Opaque,
            UInt = CoapOptionFormat.UInt, Str = CoapOptionFormat.String;

        // RFC 7252 §5.10
        yield return new(CoapOptionNumber.IfMatch, "If-Match", Opaque, 0, 8, true, E);
        yield return new(CoapOptionNumber.UriHost, "Uri-Host", Str, 1, 255, false, U);
        yield return new(CoapOptionNumber.ETag, "ETag", Opaque, 1, 8, true, E);
        yield return new(CoapOptionNumber.IfNoneMatch, "If-None-Match", Empty, 0, 0, false, E);
        yield return new(CoapOptionNumber.UriPort, "Uri-Port", UInt, 0, 2, false, U);
        yield return new(CoapOptionNumber.LocationPath, "Location-Path", Str, 0, 255, true, E);
        yield return new(CoapOptionNumber.UriPath, "Uri-Path", Str, 0, 255, true, E);
        yield return new(CoapOptionNumber.ContentFormat, "Content-Format", UInt, 0, 2, false, E);
        yield return new(CoapOptionNumber.MaxAge, "Max-Age", UInt, 0, 4, false, E | U);
        yield return new(CoapOptionNumber.UriQuery, "Uri-Query", Str, 0, 255, true, E);
        yield return new(CoapOptionNumber.Accept, "Accept", UInt, 0, 2, false, E);
        yield return new(CoapOptionNumber.LocationQuery, "Location-Query", Str, 0, 255, true, E);
        yield return new(CoapOptionNumber.ProxyUri, "Proxy-Uri", Str, 1, 1034, false, U);
        yield return new(CoapOptionNumber.ProxyScheme, "Proxy-Scheme", Str, 1, 255, false, U);
        yield return new(CoapOptionNumber.Size1, "Size1", UInt, 0, 4, false, E | U);

        // RFC 7641, RFC 7959, RFC 9177
        yield return new(CoapOptionNumber.Observe, "Observe", UInt, 0, 3, false, E | U);
        yield return new(CoapOptionNumber.Block2, "Block2", UInt, 0, 3, false, E | U);
        yield return new(CoapOptionNumber.Block1, "Block1", UInt, 0, 3, false, E | U);
        yield return new(CoapOptionNumber.Size2, "Size2", UInt, 0, 4, false, E | U);
        yield return new(CoapOptionNumber.QBlock1, "Q-Block1", UInt, 0, 3, false, E | U);
        yield return new(CoapOptionNumber.QBlock2, "Q-Block2", UInt, 0, 3, true, E | U);

        // RFC 8613, RFC 9668, RFC 8768, RFC 7967, RFC 9175
        yield return new(CoapOptionNumber.Oscore, "OSCORE", Opaque, 0, 255, false, U);
        yield return new(CoapOptionNumber.Edhoc, "EDHOC", Empty, 0, 0, false, U);
        yield return new(CoapOptionNumber.HopLimit, "Hop-Limit", UInt, 1, 1, false, U);
        yield return new(CoapOptionNumber.NoResponse, "No-Response", UInt, 0, 1, false, E | U);
        yield return new(CoapOptionNumber.Echo, "Echo", Opaque, 1, 40, false, E | U);
        yield return new(CoapOptionNumber.RequestTag, "Request-Tag", Opaque, 0, 8, true, E | U);

        // Drafts: numbers configurable.
        yield return new(x.MulticastTimeout, "Multicast-Timeout", UInt, 0, 4, false, U);
        yield return new(x.GroupETag, "Group-ETag", Opaque, 1, 8, true, E);
        yield return new(x.ReplyFrom, "Reply-From", Opaque, 5, 1034, false, U);
        yield return new(x.RequestHash, "Request-Hash", Opaque, 0, 255, false, U | I);
        yield return new(x.Padding, "Padding", Opaque, 0, 65535, true, E);
    }
}
