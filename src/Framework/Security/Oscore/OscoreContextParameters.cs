namespace Coap.Security.Oscore;

/// <summary>
/// The input parameters of a security context (RFC 8613 §3.2): what two endpoints agreed on out
/// of band or through EDHOC. <see cref="ToString"/> never shows the secret or the salt.
/// </summary>
internal sealed class OscoreContextParameters
{
    /// <summary>The Master Secret (variable length, at least 16 bytes recommended).</summary>
    public required byte[] MasterSecret { get; init; }

    /// <summary>The Master Salt; empty by default.</summary>
    public byte[] MasterSalt { get; init; } = [];

    /// <summary>The ID Context, or null when none is used (encoded as nil in the derivation info).</summary>
    public byte[]? IdContext { get; init; }

    /// <summary>This endpoint's Sender ID (the peer's Recipient ID).</summary>
    public required byte[] SenderId { get; init; }

    /// <summary>This endpoint's Recipient ID (the peer's Sender ID).</summary>
    public required byte[] RecipientId { get; init; }

    /// <summary>The AEAD algorithm; AES-CCM-16-64-128 by default.</summary>
    public OscoreAlgorithm Algorithm { get; init; } = OscoreAlgorithm.Default;

    /// <summary>The first Sender Sequence Number to use (0 for a fresh context).</summary>
    public ulong InitialSequenceNumber { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"OSCORE parameters {Algorithm}, Sender ID {Convert.ToHexString(SenderId)}, Recipient ID {Convert.ToHexString(RecipientId)}, " +
        $"ID Context {(IdContext is null ? "none" : Convert.ToHexString(IdContext))}";
}
