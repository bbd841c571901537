using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Coap.Microbenchmarks;

/// <summary>
/// Bytes allocated per operation from the memory diagnoser's raw total, with three decimals.
/// BenchmarkDotNet 0.14's Allocated column divides in whole bytes (and, as it does not know .NET 10,
/// reports an iteration total under its 8 KB allocation quantum as 0), so an operation that allocates
/// a few hundred bytes once every thousand operations reads "-" there.
/// </summary>
public sealed class RawAllocationColumn : IColumn
{
    public string Id => nameof(RawAllocationColumn);

    public string ColumnName => "B/op (raw)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Bytes allocated by the whole process per operation (raw total / operations of the memory iteration)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var gc = summary[benchmarkCase]?.GcStats;
        if (gc is not { TotalOperations: > 0 } stats || stats.GetTotalAllocatedBytes(excludeAllocationQuantumSideEffects: false) is not { } total)
        {
            return "NA";
        }

        return (total / (double)stats.TotalOperations).ToString("N3", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
