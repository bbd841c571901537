namespace Coap.Generators.Model;

/// <summary>Whether an action returns its result directly or through a task.</summary>
internal enum AsyncKind
{
    None,
    Task,
    ValueTask,
}
