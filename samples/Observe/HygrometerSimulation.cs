using Coap;
using Microsoft.Extensions.Hosting;
using ObserveSample.Controllers;

namespace ObserveSample;

/// <summary>Samples the hygrometer every 250 ms and tells the framework the resource changed.</summary>
public sealed class HygrometerSimulation(Hygrometer hygrometer, ICoapNotifier<HumidityController> notifier, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            hygrometer.Sample();

            // Cheap: the resource is rendered once per change, whatever the number of observers,
            // and each observer's conditions (pmin, st, …) decide whether it hears about it.
            notifier.NotifyHumidity();
        }
    }
}
