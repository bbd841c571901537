namespace Coap;

/// <summary>Settings for a <see cref="CoapServer"/>; bound from configuration section <c>Coap</c> when hosted.</summary>
public sealed class CoapServerOptions
{
    /// <summary>The endpoints to listen on, as URLs. Default <c>coap://[::]:5683</c> (dual-stack).</summary>
    public IList<string> Endpoints { get; } = [];

    /// <summary>Transmission parameters and bounds.</summary>
    public CoapMessagingOptions Messaging { get; set; } = new();

    /// <summary>Socket settings.</summary>
    public CoapUdpOptions Udp { get; set; } = new();

    /// <summary>Bounds and timing of observations (RFC 7641).</summary>
    public CoapObservationOptions Observe { get; set; } = new();

    /// <summary>Block-wise transfer of large bodies (RFC 7959, RFC 9177 Q-Block).</summary>
    public CoapBlockWiseOptions BlockWise { get; set; } = new();

    /// <summary>OSCORE: the security contexts (<c>Coap:Security</c>) and where their state is kept.</summary>
    public CoapSecurityOptions Security { get; set; } = new();

    /// <summary>Group communication: the multicast groups joined and how requests that arrived via multicast are answered.</summary>
    public CoapGroupOptions Groups { get; set; } = new();

    /// <summary>How long stopping waits for in-flight requests. Default 10 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The endpoint used when none is configured.</summary>
    public const string DefaultEndpoint = "coap://[::]:5683";
}
