namespace Coap.Security.Oscore.State;

/// <summary>
/// Settings of the OSCORE per-context state: replay window, persistent sender sequence numbers and key usage
/// limits. <see cref="Validate"/> reports the first invalid value.
/// </summary>
internal sealed class OscoreStateOptions
{
    /// <summary>Partial IVs tracked by each replay window (RFC 8613 §7.4). Default 32; from 1 to 1024.</summary>
    public int ReplayWindowSize { get; set; } = ReplayWindow.DefaultSize;

    /// <summary>
    /// K of RFC 8613 Appendix B.1.1: sender sequence numbers reserved per write to the store; a crash skips at
    /// most K numbers. Default 64; from 1 to 2^20.
    /// </summary>
    public int SequenceNumberReserve { get; set; } = SenderSequenceNumbers.DefaultReserve;

    /// <summary>
    /// The directory of the sequence number files (one per Sender Context); null keeps them in memory only, in
    /// which case a context must not be reused with the same keys after a restart.
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>Limits used instead of the algorithm's recommended ones; null uses <see cref="OscoreKeyLimits.ForAlgorithm"/>.</summary>
    public OscoreKeyLimits? KeyLimits { get; set; }

    /// <summary>The limits for <paramref name="coseAlgorithm"/>: <see cref="KeyLimits"/> when set, else the recommended ones.</summary>
    public OscoreKeyLimits KeyLimitsFor(int coseAlgorithm) => KeyLimits ?? OscoreKeyLimits.ForAlgorithm(coseAlgorithm);

    /// <summary>The store selected by <see cref="StateDirectory"/>.</summary>
    public ISequenceNumberStore CreateStore() =>
        StateDirectory is null ? new InMemorySequenceNumberStore() : new FileSequenceNumberStore(StateDirectory);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        ReplayWindow.ValidateSize(ReplayWindowSize, nameof(ReplayWindowSize));
        SenderSequenceNumbers.ValidateReserve(SequenceNumberReserve, nameof(SequenceNumberReserve));
        if (StateDirectory is not null && string.IsNullOrWhiteSpace(StateDirectory))
        {
            throw new ArgumentException("The state directory must be null or a path.", nameof(StateDirectory));
        }

        KeyLimits?.Validate();
    }
}
