namespace Coap.Security.Oscore;

/// <summary>The outcome of protecting a message.</summary>
internal enum OscoreProtectResult : byte
{
    /// <summary>Protected.</summary>
    Ok,

    /// <summary>The Sender Sequence Number passed 2^40 − 1: the context must be renewed (RFC 8613 §7.2.1).</summary>
    SequenceNumberExhausted,

    /// <summary>The message has a Proxy-Uri option, whose decomposition (RFC 8613 §4.1.3.3) is not implemented.</summary>
    ProxyUriNotSupported,

    /// <summary>The AEAD refused the input (a disposed context, or an ID too long for the nonce).</summary>
    EncryptionFailed,
}
