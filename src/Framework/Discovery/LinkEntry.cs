namespace Coap.Discovery;

/// <summary>One link of /.well-known/core (RFC 6690), with the target attributes the framework knows.</summary>
/// <param name="Href">The target path, e.g. "/sensors/temp".</param>
/// <param name="ResourceTypes">Values of <c>rt</c>.</param>
/// <param name="Interfaces">Values of <c>if</c>.</param>
/// <param name="ContentFormats">Values of <c>ct</c>.</param>
/// <param name="Size">The <c>sz</c> estimate, if any.</param>
/// <param name="Title">The <c>title</c>, if any.</param>
/// <param name="Observable">Whether <c>obs</c> is present.</param>
/// <param name="GroupObservable">Whether <c>grp_obs</c> is present.</param>
public sealed record LinkEntry(
    string Href,
    IReadOnlyList<string> ResourceTypes,
    IReadOnlyList<string> Interfaces,
    IReadOnlyList<ushort> ContentFormats,
    uint? Size = null,
    string? Title = null,
    bool Observable = false,
    bool GroupObservable = false)
{
    /// <summary>The link in link-format syntax, e.g. <c>&lt;/s&gt;;rt="t";ct=0;obs</c>.</summary>
    public string Format()
    {
        var text = new System.Text.StringBuilder();
        text.Append('<').Append(Href).Append('>');
        if (ResourceTypes.Count > 0)
        {
            text.Append(";rt=\"").AppendJoin(' ', ResourceTypes).Append('"');
        }

        if (Interfaces.Count > 0)
        {
            text.Append(";if=\"").AppendJoin(' ', Interfaces).Append('"');
        }

        if (ContentFormats.Count == 1)
        {
            text.Append(";ct=").Append(ContentFormats[0]);
        }
        else if (ContentFormats.Count > 1)
        {
            text.Append(";ct=\"").AppendJoin(' ', ContentFormats).Append('"');
        }

        if (Size is { } size)
        {
            text.Append(";sz=").Append(size);
        }

        if (Title is { } title)
        {
            text.Append(";title=\"").Append(title.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        if (Observable)
        {
            text.Append(";obs");
        }

        if (GroupObservable)
        {
            text.Append(";grp_obs");
        }

        return text.ToString();
    }
}
