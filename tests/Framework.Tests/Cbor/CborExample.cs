using Coap.Cbor;

namespace Coap.Tests.Cbor;

/// <summary>One row of RFC 8949 Appendix A, Table 6, with writer calls that produce its value.</summary>
/// <param name="Diagnostic">The Diagnostic column, verbatim.</param>
/// <param name="Hex">The Encoded column, without the 0x.</param>
/// <param name="Write">Writes the value in preferred serialization (definite lengths, <see cref="CborWriter.WriteFloatingPoint"/>).</param>
/// <param name="PreferredHex">The preferred serialization when the RFC's encoding is not it (indefinite lengths, wide infinities and NaNs); null when it is.</param>
/// <param name="WriteExact">Writes the RFC's exact, non-preferred encoding (indefinite-length calls, <see cref="CborWriter.WriteSingle"/>, ...); null when <paramref name="Write"/> does.</param>
/// <param name="Decoded">What <see cref="CborDiagnostic"/> prints, when it differs from <paramref name="Diagnostic"/> (bignums print as tag and bytes).</param>
internal sealed record CborExample(
    string Diagnostic,
    string Hex,
    Action<CborWriter> Write,
    string? PreferredHex = null,
    Action<CborWriter>? WriteExact = null,
    string? Decoded = null)
{
    /// <summary>Whether the RFC's encoding is the preferred serialization.</summary>
    public bool IsPreferred => PreferredHex is null;

    /// <summary>The encoded bytes.</summary>
    public byte[] Bytes => Convert.FromHexString(Hex);

    /// <inheritdoc/>
    public override string ToString() => $"{Diagnostic} = {Hex}";
}
