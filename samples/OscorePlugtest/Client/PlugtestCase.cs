namespace OscorePlugtest.Client;

/// <summary>One test of the specification: its number, what it does, and how to run it against a server.</summary>
public sealed record PlugtestCase(string Number, string Description, Func<PlugtestRun, CancellationToken, Task<CaseResult>> RunAsync);
