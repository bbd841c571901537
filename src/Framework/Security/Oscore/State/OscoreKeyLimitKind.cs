namespace Coap.Security.Oscore.State;

/// <summary>Which limit made a key unusable (draft-ietf-core-oscore-key-limits).</summary>
internal enum OscoreKeyLimitKind
{
    /// <summary>The Sender Key protected q messages: the next protection is refused.</summary>
    Encryptions,

    /// <summary>The Recipient Key failed to decrypt more than v messages: it must not decrypt again.</summary>
    FailedDecryptions,

    /// <summary>The context's expiration time (<c>exp</c>) passed: neither key may be used.</summary>
    Expired,
}
