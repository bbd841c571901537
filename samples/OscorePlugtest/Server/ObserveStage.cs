namespace OscorePlugtest.Server;

/// <summary>Where an observation of /oscore/observe1 or /oscore/observe2 stands.</summary>
public enum ObserveStage
{
    /// <summary>Just registered: the resource reads "one".</summary>
    One,

    /// <summary>One interval later: "two".</summary>
    Two,

    /// <summary>Two intervals later: 5.00 "Terminate Observe", which ends the observation.</summary>
    Terminated,
}
