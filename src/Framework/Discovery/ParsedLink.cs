using System.Text;

namespace Coap.Discovery;

/// <summary>
/// One link read by <see cref="LinkFormatParser"/>: the target without its angle brackets and the
/// link parameters in document order. Parameter names compare case-insensitively (RFC 8288 §3).
/// </summary>
internal sealed class ParsedLink
{
    private readonly List<(string Name, string? Value)> _attributes = [];

    /// <summary>Creates a link with no parameters.</summary>
    public ParsedLink(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>The URI-Reference between <c>&lt;</c> and <c>&gt;</c>, as written.</summary>
    public string Target { get; }

    /// <summary>The parameters in document order; the value is unquoted, and null for a bare parameter (<c>;obs</c>).</summary>
    public IReadOnlyList<(string Name, string? Value)> Attributes => _attributes;

    /// <summary>Whether the parameter occurs, with or without a value.</summary>
    public bool HasAttribute(string name) => IndexOf(name) >= 0;

    /// <summary>
    /// The value of the first occurrence of a parameter; null when it is absent or bare
    /// (use <see cref="HasAttribute"/> to tell them apart).
    /// </summary>
    public string? GetAttribute(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : _attributes[index].Value;
    }

    /// <summary>The values of every occurrence of a parameter, in order (null for bare ones).</summary>
    public IReadOnlyList<string?> GetAttributes(string name)
    {
        var values = new List<string?>();
        foreach (var (attributeName, value) in _attributes)
        {
            if (string.Equals(attributeName, name, StringComparison.OrdinalIgnoreCase))
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>The link in link-format, every value quoted.</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append('<').Append(Target).Append('>');
        foreach (var (name, value) in _attributes)
        {
            text.Append(';').Append(name);
            if (value is not null)
            {
                text.Append("=\"").Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            }
        }

        return text.ToString();
    }

    /// <summary>Appends a parameter (the parser's only way in).</summary>
    internal void Add(string name, string? value) => _attributes.Add((name, value));

    private int IndexOf(string name)
    {
        for (var i = 0; i < _attributes.Count; i++)
        {
            if (string.Equals(_attributes[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
