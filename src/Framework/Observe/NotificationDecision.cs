namespace Coap.Observe;

/// <summary>What <see cref="ConditionEvaluator.Evaluate"/> says about a new sample.</summary>
internal enum NotificationDecision
{
    /// <summary>Notify now.</summary>
    Send,

    /// <summary>Not yet: evaluate again at <see cref="ConditionEvaluator.NextDue"/> with the latest value.</summary>
    Defer,

    /// <summary>The conditions do not hold: no notification.</summary>
    Suppress,
}
