namespace Coap.Generators.Model;

/// <summary>How a value is converted from its UTF-8 text or payload.</summary>
internal enum ValueKind
{
    /// <summary>Not converted (services, context, cancellation token).</summary>
    None,
    String,
    Int32,
    Int64,
    UInt32,
    UInt16,
    Double,
    Boolean,
    Guid,
    Enum,

    /// <summary>The payload copied into a <c>byte[]</c>.</summary>
    Bytes,

    /// <summary>The payload as <c>ReadOnlyMemory&lt;byte&gt;</c>, not copied.</summary>
    Memory,

    /// <summary>The payload deserialised from JSON.</summary>
    Json,

    /// <summary>The request body as a <c>System.IO.Pipelines.PipeReader</c>, read as it arrives.</summary>
    PipeReader,

    /// <summary>The request body as a read-only <c>System.IO.Stream</c> over the same reader.</summary>
    Stream,
}
