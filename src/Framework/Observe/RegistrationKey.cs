using Coap.Endpoint;
using Coap.Exchanges;
using Coap.Transport;

namespace Coap.Observe;

/// <summary>A registration is identified by the client endpoint, the token and the resource (RFC 7641 §4.1).</summary>
internal readonly record struct RegistrationKey(CoapEndpoint Endpoint, PeerAddress Peer, TokenKey Token, string Path);
