namespace Coap.Generators.Model;

/// <summary>What one segment of a route template is.</summary>
internal enum SegmentKind
{
    /// <summary>Fixed text, compared byte for byte.</summary>
    Literal,

    /// <summary><c>{name}</c> or <c>{name:constraint}</c>: exactly one segment.</summary>
    Parameter,

    /// <summary><c>{*name}</c>, last: zero or more remaining segments.</summary>
    CatchAll,
}
