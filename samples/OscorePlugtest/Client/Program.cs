using Microsoft.Extensions.Configuration;
using OscorePlugtest.Client;

// The client of the OSCORE interop tests (core-wg.github.io/oscore/test-spec5.html): runs every case
// against the server given first on the command line, prints a table and exits with 1 when a case failed.
//   OscorePlugtestClient coap://127.0.0.1:5683 [--Plugtest:StateDirectory dir] [--Plugtest:UnawareServer coap://…]
// The contexts A and C, and the rest of the settings, are in appsettings.json (section Plugtest).
if (args.Length == 0 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: OscorePlugtestClient <server URI, e.g. coap://127.0.0.1:5683> [--Plugtest:<setting> <value>]…");
    return 2;
}

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: false)
    .AddCommandLine(args[1..])
    .Build();
var run = new PlugtestRun(PlugtestClientSettings.From(configuration, args[0]));

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

Console.WriteLine($"OSCORE plugtest against {run.Settings.ServerUri}");
var results = await CaseRunner.RunAsync(run, [.. CorrectUseCases.All, .. IncorrectUseCases.All, .. BlockCases.All], stop.Token);
ResultTable.Write(Console.Out, results);
return results.Any(r => r.Result.Verdict == Verdict.Fail) ? 1 : 0;
