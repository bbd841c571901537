using System.Collections.Immutable;
using System.Text;

namespace Coap.Analyzers;

/// <summary>One <c>{name:constraint…}</c> of a template.</summary>
internal readonly struct RouteParameter
{
    public RouteParameter(string name, bool isCatchAll, bool isOptional, ImmutableArray<string> constraints)
    {
        Name = name;
        IsCatchAll = isCatchAll;
        IsOptional = isOptional;
        Constraints = constraints;
    }

    public string Name { get; }

    public bool IsCatchAll { get; }

    public bool IsOptional { get; }

    /// <summary>The constraints, sorted.</summary>
    public ImmutableArray<string> Constraints { get; }

    /// <summary>The parameter with its name erased: <c>{:int}</c>, <c>{*}</c>, <c>{?}</c>.</summary>
    public string ShapeKey
    {
        get
        {
            var key = new StringBuilder("{");
            if (IsCatchAll)
            {
                key.Append('*');
            }

            foreach (var constraint in Constraints)
            {
                key.Append(':').Append(constraint);
            }

            if (IsOptional)
            {
                key.Append('?');
            }

            return key.Append('}').ToString();
        }
    }
}
