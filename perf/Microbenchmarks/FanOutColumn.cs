using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Coap.Microbenchmarks;

/// <summary>
/// A per-change figure of <see cref="ObserveFanOutBenchmarks"/>, or the same divided by its
/// observer count: notifications sent per second, bytes allocated per change (whole process,
/// from the memory diagnoser's raw total) and per notification (fixed per-change cost included).
/// </summary>
public sealed class FanOutColumn(FanOutFigure figure) : IColumn
{
    public string Id => $"{nameof(FanOutColumn)}.{figure}";

    public string ColumnName => figure switch
    {
        FanOutFigure.NotificationsPerSecond => "Notifications/s",
        FanOutFigure.BytesPerChange => "B/change",
        _ => "B/notification",
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)figure;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => figure switch
    {
        FanOutFigure.NotificationsPerSecond => "Observers / mean time per change: notifications sent per second",
        FanOutFigure.BytesPerChange => "Bytes allocated by the whole process per change (raw total / operations of the memory iteration)",
        _ => "B/change / observers",
    };

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report is null || benchmarkCase.Parameters["Observers"] is not int observers || observers <= 0)
        {
            return "NA";
        }

        if (figure == FanOutFigure.NotificationsPerSecond)
        {
            return report.ResultStatistics is { } statistics
                ? (observers / (statistics.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
                : "NA";
        }

        var gc = report.GcStats;
        if (gc.TotalOperations <= 0 || gc.GetTotalAllocatedBytes(excludeAllocationQuantumSideEffects: false) is not { } total)
        {
            return "NA";
        }

        var perChange = total / (double)gc.TotalOperations;
        return figure == FanOutFigure.BytesPerChange
            ? perChange.ToString("N0", CultureInfo.InvariantCulture)
            : (perChange / observers).ToString("N4", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
