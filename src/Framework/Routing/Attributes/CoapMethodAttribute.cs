namespace Coap;

/// <summary>
/// Base of the method attributes. The template is relative to the controller's prefix: literal
/// segments, parameters (<c>{id}</c>, <c>{id:int}</c>, <c>{id:guid}</c>, …) and an optional
/// catch-all last (<c>{*rest}</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public abstract class CoapMethodAttribute(CoapCode method, string template) : Attribute
{
    /// <summary>The request method.</summary>
    public CoapCode Method { get; } = method;

    /// <summary>The route template.</summary>
    public string Template { get; } = template;
}

#pragma warning disable CS1591 // One line each; the names are the methods.
public sealed class GetAttribute(string template = "") : CoapMethodAttribute(CoapCode.Get, template);

public sealed class PostAttribute(string template = "") : CoapMethodAttribute(CoapCode.Post, template);

public sealed class PutAttribute(string template = "") : CoapMethodAttribute(CoapCode.Put, template);

public sealed class DeleteAttribute(string template = "") : CoapMethodAttribute(CoapCode.Delete, template);

public sealed class FetchAttribute(string template = "") : CoapMethodAttribute(CoapCode.Fetch, template);

public sealed class PatchAttribute(string template = "") : CoapMethodAttribute(CoapCode.Patch, template);

public sealed class IPatchAttribute(string template = "") : CoapMethodAttribute(CoapCode.IPatch, template);
#pragma warning restore CS1591
