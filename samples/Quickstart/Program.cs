using Coap;
using Microsoft.Extensions.Logging;
using Quickstart;

// A small CoAP server: GET /time, GET /, GET /.well-known/core.
// Usage: dotnet run --project samples/Quickstart [-- --urls coap://127.0.0.1:5690]
var options = new CoapServerOptions();
foreach (var url in CommandLine.GetUrls(args))
{
    options.Endpoints.Add(url);
}

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
await using var server = new CoapServer(new QuickstartHandler(TimeProvider.System), options, loggerFactory);
await server.StartAsync();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C or SIGTERM: shut down gracefully.
}

await server.StopAsync();
