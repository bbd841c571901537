namespace Coap.Exchanges;

/// <summary>Why a group request did not go out at once (draft-ietf-core-groupcomm-bis §3.6).</summary>
internal enum GroupWait
{
    /// <summary>NSTART requests to the group were open: it waited for a place.</summary>
    NStart,

    /// <summary>The group answered nothing since the last transmission: it waited for the probing rate.</summary>
    ProbingRate,
}
