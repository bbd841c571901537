namespace Coap.Observe;

/// <summary>
/// The "resource state projection" of one Observe registration (draft-ietf-core-conditional-attributes
/// §3): decides, from its conditional attributes, the last reported value and the clock, whether a
/// new sample of the resource is notified now, later or not at all. Not thread-safe: the caller locks.
/// Times are measured by the caller from any fixed origin.
/// </summary>
/// <remarks>
/// <para>
/// Conditions compare the sample with the last <em>reported</em> value (CA-10 to CA-12). Where
/// dynlink-13's reference code and the CA-12 text differ, this follows CA-12:
/// </para>
/// <list type="bullet">
/// <item>Band: with gt &lt; lt a value is in band when gt ≤ v ≤ lt; with gt &gt; lt it is out of band
/// when v &gt; gt or v &lt; lt, the thresholds themselves excluded; only lt: v ≥ lt; only gt:
/// v ≤ gt. An in-band sample is notified when it differs from the last reported value, or when it
/// moved at least st if st is set; dynlink-13's extra "and st or pmax exceeded" is not required.</item>
/// <item>pmax is exceeded when now − last report ≥ pmax (dynlink-13 uses &gt;), so a timer set at
/// <see cref="NextDue"/> fires the forced notification; it is sent whatever the value and ignores epmin.</item>
/// <item>Without gt, lt, st, band or edge, a sample is notified when it differs from the last
/// reported value; a sample without value (<see cref="ObservedValueKind.None"/>) always differs.
/// A sample whose kind does not fit the attributes (text for gt, a number for edge) falls back to
/// that rule too.</item>
/// <item>pmin (CA-15): a sample that meets the conditions too soon is deferred, not dropped; the
/// caller evaluates again at <see cref="NextDue"/> with the latest value, which is sent only if it
/// still meets the conditions against the last reported value (example A.1).</item>
/// <item>epmin (CA-17): a sample less than epmin after the previous evaluation is not evaluated but
/// deferred to that evaluation + epmin. epmax: <see cref="SampleDue"/> tells the caller when to
/// sample the resource again.</item>
/// <item>Several conditions holding at once give one <see cref="NotificationDecision.Send"/> (CA-19).</item>
/// <item>Before the first <see cref="Reported"/> there is nothing to compare with: every sample is sent.</item>
/// </list>
/// </remarks>
internal sealed class ConditionEvaluator
{
    private const double MaxSeconds = 1e9;

    private readonly TimeSpan? _minPeriod;
    private readonly TimeSpan? _maxPeriod;
    private readonly TimeSpan? _minEvaluationPeriod;
    private readonly TimeSpan? _maxEvaluationPeriod;
    private readonly bool _numeric;
    private ObservedValue _lastValue;
    private TimeSpan? _lastReport;
    private TimeSpan? _lastEvaluation;
    private TimeSpan? _pendingDue;

    /// <summary>Creates the projection of a registration with <paramref name="attributes"/> (already validated).</summary>
    public ConditionEvaluator(ConditionalAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        Attributes = attributes;
        _minPeriod = ToTime(attributes.MinPeriod);
        _maxPeriod = ToTime(attributes.MaxPeriod);
        _minEvaluationPeriod = ToTime(attributes.MinEvaluationPeriod);
        _maxEvaluationPeriod = ToTime(attributes.MaxEvaluationPeriod);
        _numeric = attributes.GreaterThan is not null || attributes.LessThan is not null || attributes.Step is not null || attributes.Band;
        IsTrivial = !_numeric && attributes.Edge is null && _minPeriod is null && _maxPeriod is null
            && _minEvaluationPeriod is null && _maxEvaluationPeriod is null;
    }

    /// <summary>The registration's conditional attributes.</summary>
    public ConditionalAttributes Attributes { get; }

    /// <summary>Whether notifications must be confirmable (c.con=1, CA-18).</summary>
    public bool Confirmable => Attributes.Confirmable == true;

    /// <summary>
    /// Whether no attribute filters or paces notifications, so the caller can skip timers. c.con
    /// alone still counts as trivial: it only changes the message type.
    /// </summary>
    public bool IsTrivial { get; }

    /// <summary>
    /// The earliest time the caller must call <see cref="Evaluate"/> again: a deferred sample
    /// falls due, pmax expires or epmax asks for a new sample; null when nothing is scheduled.
    /// </summary>
    public TimeSpan? NextDue => Min(Min(_pendingDue, _lastReport + _maxPeriod), SampleDue);

    /// <summary>When epmax requires a fresh sample (the caller renders the resource again), or null.</summary>
    public TimeSpan? SampleDue => _lastEvaluation + _maxEvaluationPeriod;

    /// <summary>
    /// Records a representation actually sent (the registration response or a notification): it
    /// becomes the value that later samples are compared with, and any deferral is dropped.
    /// </summary>
    public void Reported(in ObservedValue value, TimeSpan now)
    {
        _lastValue = value;
        _lastReport = now;
        _pendingDue = null;

        // The reported value was sampled now: that counts as an evaluation for epmin and epmax.
        _lastEvaluation = _lastEvaluation is { } previous && previous > now ? previous : now;
    }

    /// <summary>Decides what to do with a new sample: a signalled change, or a re-evaluation at <see cref="NextDue"/>.</summary>
    public NotificationDecision Evaluate(in ObservedValue value, TimeSpan now)
    {
        if (now - _lastReport >= _maxPeriod)
        {
            _lastEvaluation = now;
            _pendingDue = null;
            return NotificationDecision.Send;
        }

        if (_lastEvaluation + _minEvaluationPeriod is { } evaluationDue && now < evaluationDue)
        {
            _pendingDue = Min(_pendingDue, evaluationDue);
            return NotificationDecision.Defer;
        }

        _lastEvaluation = now;
        if (!ConditionsMet(value))
        {
            // A deferred sample that no longer holds against the last reported value is dropped.
            _pendingDue = null;
            return NotificationDecision.Suppress;
        }

        if (_lastReport + _minPeriod is { } periodDue && now < periodDue)
        {
            _pendingDue = periodDue;
            return NotificationDecision.Defer;
        }

        _pendingDue = null;
        return NotificationDecision.Send;
    }

    private bool ConditionsMet(in ObservedValue value)
    {
        if (_lastReport is null)
        {
            return true;
        }

        var attributes = Attributes;
        if (_numeric && value.Kind == ObservedValueKind.Number && _lastValue.Kind == ObservedValueKind.Number)
        {
            var v = value.Number;
            var last = _lastValue.Number;
            var stepped = attributes.Step is { } step && Math.Abs(v - last) >= step;
            if (attributes.Band)
            {
                return InBand(v, attributes.GreaterThan, attributes.LessThan)
                    && (attributes.Step is null ? !v.Equals(last) : stepped);
            }

            return (attributes.GreaterThan is { } gt && (v > gt) != (last > gt))
                || (attributes.LessThan is { } lt && (v < lt) != (last < lt))
                || stepped;
        }

        if (attributes.Edge is { } edge && value.Kind == ObservedValueKind.Boolean && _lastValue.Kind == ObservedValueKind.Boolean)
        {
            return _lastValue.Boolean != edge && value.Boolean == edge;
        }

        return value.Kind == ObservedValueKind.None || !value.SameAs(_lastValue);
    }

    // CA-12 §3.5.4; a band without thresholds (rejected by validation) lets everything through.
    private static bool InBand(double v, double? greaterThan, double? lessThan) => (greaterThan, lessThan) switch
    {
        ({ } gt, { } lt) when gt <= lt => gt <= v && v <= lt,
        ({ } gt, { } lt) => v > gt || v < lt,
        (null, { } lt) => v >= lt,
        ({ } gt, null) => v <= gt,
        _ => true,
    };

    // Clamped so that huge (valid) periods cannot overflow TimeSpan arithmetic; ~31 years is "never".
    private static TimeSpan? ToTime(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(Math.Min(s, MaxSeconds)) : null;

    private static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
