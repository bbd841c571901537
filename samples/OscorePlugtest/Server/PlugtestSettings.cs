using Microsoft.Extensions.Configuration;

namespace OscorePlugtest.Server;

/// <summary>The sample's own settings (section <c>Plugtest</c>).</summary>
public sealed record PlugtestSettings(TimeSpan NotificationInterval)
{
    /// <summary>The spec's pause between "one", "two" and the final 5.00 of an observation.</summary>
    public static readonly TimeSpan DefaultNotificationInterval = TimeSpan.FromSeconds(2);

    /// <summary>Reads <c>Plugtest:NotificationInterval</c> (a TimeSpan, e.g. 00:00:02); a bad value stops start-up naming the key.</summary>
    public static PlugtestSettings From(IConfiguration configuration)
    {
        const string Key = "Plugtest:NotificationInterval";
        var interval = configuration.GetValue(Key, DefaultNotificationInterval);
        if (interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Key} must be a positive time span, not {interval}.");
        }

        return new PlugtestSettings(interval);
    }
}
