using Coap;
using FirmwareSample;

// Serves a 1 MiB firmware image at GET /firmware/latest (Block2, or Q-Block2 for clients that
// ask for it) and its SHA-256 at GET /firmware/latest/sha256. --urls coap://127.0.0.1:5690 picks
// the endpoint (the default is coap://[::]:5683).
// With --client coap://127.0.0.1:5690 it downloads the image from that server instead, showing
// a progress bar, and exits with 1 when the SHA-256 does not match.
var builder = CoapApplication.CreateBuilder(args);
if (builder.Configuration["client"] is { Length: > 0 } server)
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    return await FirmwareDownload.RunAsync(server.TrimEnd('/'), Console.Out, stop.Token);
}

var app = builder.Build();
app.MapControllers();
await app.RunAsync();
return 0;
