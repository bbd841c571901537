namespace Coap.Generators.Model;

/// <summary>What an action returns and how its result is written.</summary>
internal sealed record ReturnSpec
{
    public required ReturnKind Kind { get; init; }

    public required AsyncKind Async { get; init; }

    /// <summary>The declared return type, fully qualified (e.g. <c>global::System.Threading.Tasks.Task&lt;string&gt;</c>).</summary>
    public required string TypeName { get; init; }

    /// <summary>The result type after awaiting (<c>void</c> for none), fully qualified.</summary>
    public required string ValueTypeName { get; init; }
}
