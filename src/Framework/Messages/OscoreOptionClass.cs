namespace Coap;

/// <summary>How OSCORE (RFC 8613 §4.1) treats an option: encrypted, integrity-protected or unprotected.</summary>
[Flags]
public enum OscoreOptionClass : byte
{
    /// <summary>Not assigned; treated as Class E (RFC 8613 §4.1).</summary>
    None = 0,

    /// <summary>Class E: encrypted and integrity-protected (inner).</summary>
    E = 1,

    /// <summary>Class I: integrity-protected only.</summary>
    I = 2,

    /// <summary>Class U: unprotected (outer).</summary>
    U = 4,
}
