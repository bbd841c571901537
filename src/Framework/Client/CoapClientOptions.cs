using System.Net;

namespace Coap;

/// <summary>Settings for a <see cref="CoapClient"/>.</summary>
public sealed class CoapClientOptions
{
    /// <summary>The local endpoint to bind; default <c>[::]:0</c> (dual-stack, any port).</summary>
    public IPEndPoint LocalEndPoint { get; set; } = new(IPAddress.IPv6Any, 0);

    /// <summary>Transmission parameters and bounds.</summary>
    public CoapMessagingOptions Messaging { get; set; } = new();

    /// <summary>Socket settings.</summary>
    public CoapUdpOptions Udp { get; set; } = new() { ReceiveBufferSize = 256 * 1024, SendBufferSize = 256 * 1024 };

    /// <summary>Block-wise transfer of large bodies (RFC 7959, RFC 9177 Q-Block).</summary>
    public CoapBlockWiseOptions BlockWise { get; set; } = new();

    /// <summary>OSCORE: the security contexts (<c>Coap:Security</c>) and where their state is kept.</summary>
    public CoapSecurityOptions Security { get; set; } = new();

    /// <summary>
    /// How many observations (<see cref="CoapClient.ObserveAsync(CoapRequest, CoapObserveOptions?, CancellationToken)"/>)
    /// may be active at once; each holds a token and a buffer. Default 256; beyond it registering throws <see cref="CoapException"/>.
    /// </summary>
    public int MaxObservations { get; set; } = 256;

    /// <summary>Group requests sent with <c>SendToGroupAsync</c> (draft-ietf-core-groupcomm-bis): token quarantine and buffers.</summary>
    public CoapGroupClientOptions Group { get; set; } = new();
}
