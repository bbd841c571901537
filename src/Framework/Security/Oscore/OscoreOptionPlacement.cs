namespace Coap.Security.Oscore;

/// <summary>Where OSCORE puts an option of the original message (RFC 8613 §4.1).</summary>
[Flags]
internal enum OscoreOptionPlacement : byte
{
    /// <summary>Nowhere (the OSCORE option itself).</summary>
    None = 0,

    /// <summary>Inside the plaintext (Class E).</summary>
    Inner = 1,

    /// <summary>In the outer message (Class U and I).</summary>
    Outer = 2,

    /// <summary>In the AAD's options (Class I).</summary>
    Aad = 4,
}
