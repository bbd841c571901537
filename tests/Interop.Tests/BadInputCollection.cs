namespace Coap.Interop.Tests;

/// <summary>
/// Tests that flood a server and measure process-wide memory: they run alone, after or before
/// the parallel interop tests, so other tests neither slow them down nor skew the numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BadInputCollection
{
    public const string Name = "Bad input (runs alone)";
}
