namespace Coap.Microbenchmarks;

/// <summary>The figures <see cref="FanOutColumn"/> derives from a fan-out benchmark's results.</summary>
public enum FanOutFigure
{
    /// <summary>Observers / mean time per change.</summary>
    NotificationsPerSecond,

    /// <summary>Bytes allocated per change, exact (BenchmarkDotNet's own column rounds totals under its allocation quantum to 0 on runtimes it does not know).</summary>
    BytesPerChange,

    /// <summary>Bytes allocated per change / observers.</summary>
    BytesPerNotification,
}
