using Coap.Transport;

namespace Coap.Diagnostics;

/// <summary>Formats a peer address only when a log line is actually written.</summary>
internal readonly struct PeerAddressText(PeerAddress address)
{
    public override string ToString() => address.ToString();
}
