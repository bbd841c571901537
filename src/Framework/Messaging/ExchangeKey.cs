using Coap.Transport;

namespace Coap.Messaging;

/// <summary>A message ID from (or to) one peer: the deduplication and ACK-matching key.</summary>
internal readonly record struct ExchangeKey(PeerAddress Peer, ushort MessageId);
