namespace Coap.Exchanges;

/// <summary>The transmission parameters in force for one CoAP group (groupcomm-bis §3.6, RFC 7252 §4.8.1).</summary>
/// <param name="NStart">Group requests open at once towards the group.</param>
/// <param name="ProbingRate">Bytes per second towards the group while it gives no response.</param>
/// <param name="MaxServerResponseDelay">How long after a request goes out its members may still answer.</param>
/// <param name="Quarantine">How long a request's token stays unusable after the request ends.</param>
internal readonly record struct GroupParameters(int NStart, double ProbingRate, TimeSpan MaxServerResponseDelay, TimeSpan Quarantine);
