namespace Coap.Microbenchmarks;

/// <summary>What one <see cref="ObserveFanOutBenchmarks"/> operation waits for after <see cref="CoapObservations.Notify"/>.</summary>
public enum FanOutWait
{
    /// <summary>
    /// Until every notification was sent: spins (yielding, never sleeping) on
    /// <see cref="CoapObservations.CompletedRenderings"/>. Precise, but the spinning thread takes
    /// CPU the receivers (and, on two cores, the server) could use.
    /// </summary>
    Sent,

    /// <summary>
    /// Until every observer's socket received its notification (the receive threads signal an
    /// event; the benchmark thread blocks), then until the rendering is counted complete. Uses no
    /// CPU while waiting; includes the receivers' lag behind the last send.
    /// </summary>
    Received,
}
