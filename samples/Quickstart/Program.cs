using System.Runtime.InteropServices;
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
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C or SIGTERM: shut down gracefully.
}

await server.StopAsync();

void Stop(PosixSignalContext context)
{
    // Cancel the wait and let the server drain instead of being killed.
    context.Cancel = true;
    stop.Cancel();
}
