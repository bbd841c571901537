using System.Net;

namespace Coap.Transport.InMemory;

/// <summary>A datagram as the in-memory network saw it, for assertions.</summary>
internal sealed record InMemoryDatagram(IPEndPoint From, IPEndPoint To, byte[] Bytes, DateTimeOffset SentAt)
{
    public CoapMessage Parse() => CoapMessage.Parse(Bytes);
}
