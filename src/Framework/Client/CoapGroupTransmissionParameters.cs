namespace Coap;

/// <summary>
/// Transmission parameters for one CoAP group (RFC 7252 §4.8.1 lets them differ per destination; groupcomm-bis §3.6
/// names NSTART and PROBING_RATE for groups). A null setting takes the value of <see cref="CoapGroupClientOptions"/>.
/// </summary>
public sealed class CoapGroupTransmissionParameters
{
    /// <summary>Group requests open at once towards this group (<see cref="CoapGroupClientOptions.NStart"/>).</summary>
    public int? NStart { get; set; }

    /// <summary>Bytes per second towards this group while it gives no response (<see cref="CoapGroupClientOptions.ProbingRate"/>).</summary>
    public double? ProbingRate { get; set; }

    /// <summary>The longest this group's servers take to answer, Leisure included (<see cref="CoapGroupClientOptions.MaxServerResponseDelay"/>).</summary>
    public TimeSpan? MaxServerResponseDelay { get; set; }
}
