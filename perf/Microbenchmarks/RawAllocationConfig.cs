using BenchmarkDotNet.Configs;

namespace Coap.Microbenchmarks;

/// <summary>Adds <see cref="RawAllocationColumn"/>: bytes allocated per operation with decimals.</summary>
public sealed class RawAllocationConfig : ManualConfig
{
    public RawAllocationConfig() => AddColumn(new RawAllocationColumn());
}
