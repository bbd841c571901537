namespace Coap.Generators.Model;

/// <summary>How an action's result (after awaiting) is written into the response.</summary>
internal enum ReturnKind
{
    /// <summary>No value: the method's default success code with no payload.</summary>
    Void,
    CoapResult,
    String,
    Bytes,
    Memory,
    Int32,
    Int64,
    Double,
    Boolean,

    /// <summary>Any other type, serialised as JSON.</summary>
    Json,
}
