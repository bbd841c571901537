namespace Coap.Endpoint;

/// <summary>
/// The groups whose names a request's Uri-Host may carry and whose own Leisure applies, changed while the endpoint
/// runs when the server joins or leaves a group (<see cref="CoapServer.JoinGroup(string, CoapGroupEntry)"/>).
/// The list is replaced, never changed in place, so the receive path reads it without a lock.
/// </summary>
internal sealed partial class CoapEndpoint
{
    private readonly Lock _groupsGate = new();

    /// <summary>Adds a group joined at run time.</summary>
    internal void AddGroup(CoapGroup group)
    {
        lock (_groupsGate)
        {
            Volatile.Write(ref _groups, [.. _groups, group]);
        }
    }

    /// <summary>Removes a group the server left.</summary>
    internal void RemoveGroup(CoapGroup group)
    {
        lock (_groupsGate)
        {
            Volatile.Write(ref _groups, _groups.Where(g => g != group).ToArray());
        }
    }
}
