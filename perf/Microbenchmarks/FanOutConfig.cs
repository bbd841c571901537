using BenchmarkDotNet.Configs;

namespace Coap.Microbenchmarks;

/// <summary>Adds the per-change and per-notification columns to <see cref="ObserveFanOutBenchmarks"/>.</summary>
public sealed class FanOutConfig : ManualConfig
{
    public FanOutConfig()
    {
        AddColumn(
            new FanOutColumn(FanOutFigure.NotificationsPerSecond),
            new FanOutColumn(FanOutFigure.BytesPerChange),
            new FanOutColumn(FanOutFigure.BytesPerNotification));
    }
}
