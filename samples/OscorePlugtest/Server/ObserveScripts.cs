using Coap;
using OscorePlugtest.Server.Controllers;

namespace OscorePlugtest.Server;

/// <summary>The scripts of /oscore/observe1 and /oscore/observe2, kept between requests (controllers are per request).</summary>
public sealed class ObserveScripts(ICoapNotifier<ObserveController> notifier, TimeProvider time, PlugtestSettings settings)
{
    /// <summary>The script of /oscore/observe1.</summary>
    public ObserveScript Observe1 { get; } = new(time, settings.NotificationInterval, () => notifier.NotifyObserve1());

    /// <summary>The script of /oscore/observe2.</summary>
    public ObserveScript Observe2 { get; } = new(time, settings.NotificationInterval, () => notifier.NotifyObserve2());
}
