namespace Coap.Observe;

/// <summary>What a resource representation holds, as far as conditional attributes can tell.</summary>
internal enum ObservedValueKind
{
    /// <summary>No payload: the value is unknown.</summary>
    None,

    /// <summary>A single finite number (gt, lt, st and band apply).</summary>
    Number,

    /// <summary>A single boolean (edge applies).</summary>
    Boolean,

    /// <summary>Anything else, compared byte by byte.</summary>
    Text,
}
