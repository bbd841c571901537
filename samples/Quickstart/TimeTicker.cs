using Coap;
using Microsoft.Extensions.Hosting;
using Quickstart.Controllers;

namespace Quickstart;

/// <summary>Tells observers of <c>/time</c> that it changed, once a second (like libcoap's example server).</summary>
public sealed class TimeTicker(ICoapNotifier<TimeController> notifier, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            notifier.NotifyTime();
        }
    }
}
