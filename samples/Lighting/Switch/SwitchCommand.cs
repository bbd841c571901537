using System.Globalization;
using System.Net;

namespace Lighting.Switch;

/// <summary>What to send (PUT "on", PUT "off", or GET for the status), to which group, and how long to collect answers.</summary>
/// <param name="Payload">"on" or "off" for a PUT; null for a GET.</param>
/// <param name="Group">The group URI, e.g. <c>coap://239.255.0.1</c>.</param>
/// <param name="Timeout">How long answers are collected; longer than the lamps' Leisure.</param>
public sealed record SwitchCommand(string? Payload, string Group, TimeSpan Timeout)
{
    /// <summary>The resource every lamp has.</summary>
    public string Light => Group.TrimEnd('/') + "/light";

    /// <summary>The client binds the group's address family: an IPv4 group is sent from an IPv4 socket.</summary>
    public IPEndPoint LocalEndPoint =>
        new Uri(Group).HostNameType == UriHostNameType.IPv4 ? new IPEndPoint(IPAddress.Any, 0) : new IPEndPoint(IPAddress.IPv6Any, 0);

    /// <summary>Reads the command (on, off or status) and the settings; the error says what is wrong.</summary>
    public static bool TryParse(string? verb, string? group, string? timeout, out SwitchCommand command, out string error)
    {
        command = null!;
        string? payload;
        switch (verb?.ToUpperInvariant())
        {
            case "ON":
                payload = "on";
                break;
            case "OFF":
                payload = "off";
                break;
            case "STATUS":
                payload = null;
                break;
            default:
                error = verb is null ? "No command given." : $"Unknown command '{verb}'.";
                return false;
        }

        if (group is null || !Uri.TryCreate(group, UriKind.Absolute, out var groupUri) || groupUri.Scheme != "coap")
        {
            error = $"The group '{group}' is not a coap:// URI.";
            return false;
        }

        if (!TimeSpan.TryParse(timeout, CultureInfo.InvariantCulture, out var wait) || wait <= TimeSpan.Zero)
        {
            error = $"The timeout '{timeout}' is not a positive time span (e.g. 00:00:03).";
            return false;
        }

        command = new SwitchCommand(payload, group, wait);
        error = "";
        return true;
    }
}
