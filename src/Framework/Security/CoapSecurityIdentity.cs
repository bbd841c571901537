namespace Coap;

/// <summary>
/// Who protected a request with OSCORE (RFC 8613): the security context it verified under, the peer's Sender ID
/// (the request's kid) and the ID Context. One instance per configured context, shared by all its requests.
/// </summary>
public sealed class CoapSecurityIdentity
{
    internal CoapSecurityIdentity(string contextName, byte[] kid, byte[]? kidContext)
    {
        ContextName = contextName;
        Kid = kid;
        KidContext = kidContext;
    }

    /// <summary>The name of the security context (<c>Coap:Security:Contexts:N:Name</c>).</summary>
    public string ContextName { get; }

    /// <summary>The peer's Sender ID, which the request carried as kid.</summary>
    public ReadOnlyMemory<byte> Kid { get; }

    /// <summary>The ID Context (kid context), or null when the context has none.</summary>
    public ReadOnlyMemory<byte>? KidContext { get; }

    /// <inheritdoc />
    public override string ToString() =>
        KidContext is { } kidContext
            ? $"OSCORE '{ContextName}' (kid {Convert.ToHexString(Kid.Span)}, kid context {Convert.ToHexString(kidContext.Span)})"
            : $"OSCORE '{ContextName}' (kid {Convert.ToHexString(Kid.Span)})";
}
