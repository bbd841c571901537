namespace Coap;

/// <summary>
/// One OSCORE security context as configured (<c>Coap:Security:Contexts:N</c>, RFC 8613 §3.2): the shared Master
/// Secret and Salt, the two endpoints' IDs, an optional ID Context and the AEAD algorithm. Byte values are hex
/// (<c>0102…</c>, optionally prefixed <c>hex:</c>) or base64 with the prefix <c>base64:</c>; an empty ID is allowed.
/// <see cref="ToString"/> never shows the secret or the salt.
/// </summary>
public sealed class CoapOscoreContextOptions
{
    /// <summary>A name for logs and errors (never a secret).</summary>
    public string Name { get; set; } = "";

    /// <summary>The Master Secret, hex or <c>base64:</c>. Required; 16 bytes or more are recommended.</summary>
    public string MasterSecret { get; set; } = "";

    /// <summary>The Master Salt, hex or <c>base64:</c>; empty by default.</summary>
    public string? MasterSalt { get; set; }

    /// <summary>This endpoint's Sender ID, hex (may be empty).</summary>
    public string SenderId { get; set; } = "";

    /// <summary>This endpoint's Recipient ID (the peer's Sender ID), hex (may be empty).</summary>
    public string RecipientId { get; set; } = "";

    /// <summary>The ID Context, hex; none when null.</summary>
    public string? IdContext { get; set; }

    /// <summary>The AEAD algorithm by COSE name (<c>AES-CCM-16-64-128</c>, the default) or number (<c>10</c>).</summary>
    public string Algorithm { get; set; } = "AES-CCM-16-64-128";

    /// <summary>
    /// For a client: the request URIs this context protects, as patterns (<c>coap://device.example/*</c>, a trailing
    /// <c>*</c> matches any rest of the path; otherwise the whole URI without query must match).
    /// </summary>
    public IList<string> Uris { get; } = [];

    /// <summary>
    /// q: how many messages the Sender Key may protect before the context must be renewed
    /// (draft-ietf-core-oscore-key-limits); null for the algorithm's recommended limit (2^20 for AES-CCM-16-64-128).
    /// </summary>
    public long? MaxEncryptions { get; set; }

    /// <summary>v: how many failed decryptions the Recipient Key tolerates; null for the algorithm's limit (2^14 for AES-CCM-16-64-128).</summary>
    public long? MaxFailedDecryptions { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"OSCORE context '{Name}' ({Algorithm}, Sender ID '{SenderId}', Recipient ID '{RecipientId}', ID Context '{IdContext ?? "none"}')";
}
