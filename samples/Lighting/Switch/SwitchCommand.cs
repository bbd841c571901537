using System.Globalization;
using System.Net;

namespace Lighting.Switch;

/// <summary>What to send (PUT "on", PUT "off", or GET for the status), to which group, and how long to collect answers.</summary>
/// <param name="Payload">"on" or "off" for a PUT; null for a GET.</param>
/// <param name="Group">The group URI, e.g. <c>coap://239.255.0.1</c>.</param>
/// <param name="Timeout">How long answers are collected; longer than the lamps' Leisure.</param>
/// <param name="Room">The application group (a room) whose lamps are meant, or null for every lamp of the group.</param>
public sealed record SwitchCommand(string? Payload, string Group, TimeSpan Timeout, string? Room = null)
{
    /// <summary>The resource every lamp has; in one room's application group, <c>/gp/&lt;room&gt;/light</c> (groupcomm-bis §2.2.1.2).</summary>
    public string Light => Group.TrimEnd('/') + (Room is null ? "" : "/gp/" + Uri.EscapeDataString(Room)) + "/light";

    /// <summary>The client binds the group's address family: an IPv4 group is sent from an IPv4 socket.</summary>
    public IPEndPoint LocalEndPoint =>
        new Uri(Group).HostNameType == UriHostNameType.IPv4 ? new IPEndPoint(IPAddress.Any, 0) : new IPEndPoint(IPAddress.IPv6Any, 0);

    /// <summary>Reads the command (on, off or status), the settings and the room (null: every lamp); the error says what is wrong.</summary>
    public static bool TryParse(string? verb, string? group, string? timeout, string? room, out SwitchCommand command, out string error)
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

        if (room is not null && (room.Length == 0 || room.AsSpan().IndexOfAny("/&=") >= 0))
        {
            error = $"The room '{room}' is not an application group name (one path segment).";
            return false;
        }

        command = new SwitchCommand(payload, group, wait, room);
        error = "";
        return true;
    }
}
