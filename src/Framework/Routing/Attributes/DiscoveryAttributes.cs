namespace Coap;


/// <summary>The resource type(s) advertised as <c>rt</c> in /.well-known/core.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResourceTypeAttribute(params string[] types) : Attribute
{
    /// <summary>The resource types.</summary>
    public IReadOnlyList<string> Types { get; } = types;
}

/// <summary>The interface description(s) advertised as <c>if</c> in /.well-known/core.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class InterfaceAttribute(params string[] interfaces) : Attribute
{
    /// <summary>The interface descriptions.</summary>
    public IReadOnlyList<string> Interfaces { get; } = interfaces;
}

/// <summary>The Content-Format(s) the action produces (<c>ct</c>); the first is the default for its results.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContentFormatAttribute(params ushort[] formats) : Attribute
{
    /// <summary>The content formats.</summary>
    public IReadOnlyList<ushort> Formats { get; } = formats;
}

/// <summary>The Max-Age option of successful responses, in seconds.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MaxAgeAttribute(uint seconds) : Attribute
{
    /// <summary>The freshness lifetime in seconds.</summary>
    public uint Seconds { get; } = seconds;
}

/// <summary>A human-readable title advertised as <c>title</c> in /.well-known/core.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TitleAttribute(string title) : Attribute
{
    /// <summary>The title.</summary>
    public string Title { get; } = title;
}

/// <summary>The maximum size estimate advertised as <c>sz</c> in /.well-known/core.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SizeEstimateAttribute(uint bytes) : Attribute
{
    /// <summary>The size in bytes.</summary>
    public uint Bytes { get; } = bytes;
}
