namespace Quickstart;

/// <summary>
/// The bare <c>--multicast</c> flag, rewritten into the configuration it stands for: the All CoAP Nodes groups
/// (224.0.1.187 and ff02::fd, port 5683) as <c>Coap:Groups:Members</c>. A bare flag would otherwise take the next
/// argument as its value. Without interfaces named, each group is joined on every interface that is up and has
/// multicast and its family; a group whose family no endpoint receives (ff02::fd with <c>--urls coap://127.0.0.1</c>)
/// is left out.
/// </summary>
internal static class MulticastFlag
{
    public const string Flag = "--multicast";

    private static readonly string[] s_allCoapNodes =
    [
        "--Coap:Groups:Members:all-coap-nodes-ipv4:Uri=coap://224.0.1.187",
        "--Coap:Groups:Members:all-coap-nodes-ipv6:Uri=coap://[ff02::fd]",
    ];

    public static string[] Expand(string[] args) =>
        [.. args.SelectMany(arg => string.Equals(arg, Flag, StringComparison.OrdinalIgnoreCase) ? s_allCoapNodes : [arg])];
}
