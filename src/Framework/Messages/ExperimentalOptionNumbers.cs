namespace Coap;

/// <summary>
/// Numbers of options that the current drafts only suggest (see docs/design/specs.md).
/// They are defaults: bind this from configuration to follow a peer that uses others.
/// </summary>
public sealed record ExperimentalOptionNumbers
{
    /// <summary>The numbers the latest drafts suggest.</summary>
    public static ExperimentalOptionNumbers Default { get; } = new();

    /// <summary>Multicast-Timeout (draft-ietf-core-groupcomm-proxy, suggested 2).</summary>
    public ushort MulticastTimeout { get; init; } = 2;

    /// <summary>Group-ETag (draft-ietf-core-groupcomm-proxy, suggested 24).</summary>
    public ushort GroupETag { get; init; } = 24;

    /// <summary>Reply-From (draft-ietf-core-groupcomm-proxy, suggested 248).</summary>
    public ushort ReplyFrom { get; init; } = 248;

    /// <summary>Request-Hash (draft-ietf-core-cacheable-oscore, suggested 548).</summary>
    public ushort RequestHash { get; init; } = 548;

    /// <summary>Padding (draft-ietf-core-cacheable-oscore, suggested 64988).</summary>
    public ushort Padding { get; init; } = 64988;
}
