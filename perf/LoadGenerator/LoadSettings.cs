using System.Net;

namespace Coap.LoadGenerator;

/// <summary>How the generator drives a server.</summary>
internal sealed record LoadSettings
{
    public required IPEndPoint Target { get; init; }

    public required string Path { get; init; }

    /// <summary>True: one socket per endpoint, one request in flight on each; false: one socket, <see cref="InFlight"/> requests.</summary>
    public required bool MultiEndpoint { get; init; }

    public required int Endpoints { get; init; }

    public required int InFlight { get; init; }

    public required int Threads { get; init; }

    public required TimeSpan Duration { get; init; }

    public required TimeSpan Warmup { get; init; }

    public required TimeSpan Timeout { get; init; }

    public int? ServerPid { get; init; }

    public required int Batches { get; init; }

    public required bool Json { get; init; }

    /// <summary>Protect every request with OSCORE (<see cref="OscoreLoadContext"/>) and verify every answer.</summary>
    public bool Oscore { get; init; }

    /// <summary>The first Partial IV of an OSCORE run: above any the server has already seen from this context.</summary>
    public ulong OscoreFirstSequenceNumber { get; init; }
}
