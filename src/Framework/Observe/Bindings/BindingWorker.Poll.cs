namespace Coap.Observe.Bindings;

internal sealed partial class BindingWorker
{
    /// <summary>
    /// The poll interval (LB-06): pmax when set, else pmin, else <paramref name="fallback"/>, and in any
    /// case within [pmin, pmax] (no faster than pmin, no slower than pmax).
    /// </summary>
    internal static TimeSpan PollIntervalFor(ConditionalAttributes conditions, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var seconds = conditions.MaxPeriod ?? conditions.MinPeriod ?? fallback.TotalSeconds;
        if (conditions.MinPeriod is { } pmin && seconds < pmin)
        {
            seconds = pmin;
        }

        if (conditions.MaxPeriod is { } pmax && seconds > pmax)
        {
            seconds = pmax;
        }

        // Valid periods go up to 1e9 s; TimeSpan stops near 2.9e13 s, so this only guards odd fallbacks.
        return TimeSpan.FromSeconds(Math.Min(seconds, 1e9));
    }

    /// <summary>
    /// The conditions that filter a polled value (st, gt, lt, band, edge), or null when none is set:
    /// then every poll is copied. The periods pace the polling itself and are left out.
    /// </summary>
    internal static ConditionalAttributes? PollFilterFor(ConditionalAttributes conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var filter = conditions with
        {
            MinPeriod = null,
            MaxPeriod = null,
            MinEvaluationPeriod = null,
            MaxEvaluationPeriod = null,
            Confirmable = null,
        };
        return filter == ConditionalAttributes.None ? null : filter;
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var source = ToRemoteUri(context.LocalBase, entry.Source);
        var destination = ToLocalUri(context.LocalBase, entry.Destination);
        var conditions = ConditionsAt(entry.Destination);
        var interval = PollIntervalFor(conditions, context.PollInterval);

        // B5: the same evaluator as Observe registrations decides whether a polled value is copied.
        var evaluator = PollFilterFor(conditions) is { } filter ? new ConditionEvaluator(filter) : null;
        var origin = context.Time.GetTimestamp();
        while (true)
        {
            var started = context.Time.GetTimestamp();
            await PollOnceAsync(source, destination, evaluator, context.Time.GetElapsedTime(origin), cancellationToken).ConfigureAwait(false);

            // Measured from the start of this poll, so the period does not drift by the round trip.
            var wait = interval - context.Time.GetElapsedTime(started);
            await DelayAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PollOnceAsync(string source, string destination, ConditionEvaluator? evaluator, TimeSpan now, CancellationToken cancellationToken)
    {
        CoapResponse response;
        try
        {
            response = await context.Client.GetAsync(source, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            SourceFailed(source, ex);
            return;
        }

        if (!response.IsSuccess)
        {
            SourceRefused(source, response.Code);
            return;
        }

        _sourceFailureLogged = false;
        var value = ObservedValue.FromPayload(response.Payload, response.ContentFormat);
        if (evaluator is not null && evaluator.Evaluate(value, now) != NotificationDecision.Send)
        {
            return;
        }

        if (await DeliverAsync(CoapCode.Put, destination, response, group: false, cancellationToken).ConfigureAwait(false))
        {
            evaluator?.Reported(value, now);
        }
    }
}
