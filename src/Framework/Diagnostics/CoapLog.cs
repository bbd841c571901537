using System.Net;
using System.Net.Sockets;
using Coap.Codec;
using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>
/// Log messages, grouped by layer: 1xx transport, 2xx messaging, 3xx exchanges, 4xx server.
/// </summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Listening on udp://{EndPoint}", EventName = "Listening")]
    public static partial void Listening(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Receive on {EndPoint} failed: {Error}", EventName = "ReceiveFailed")]
    public static partial void ReceiveFailed(ILogger logger, IPEndPoint endPoint, SocketError error);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Sending to {Remote} failed: {Error}", EventName = "SendFailed")]
    public static partial void SendFailed(ILogger logger, string remote, SocketError error);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "A datagram receiver threw; the receive loop continues", EventName = "ReceiverThrew")]
    public static partial void ReceiverThrew(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Receive buffer for {EndPoint} is {Actual} bytes, not the {Requested} asked for: the OS caps it (raise net.core.rmem_max); bursts may be dropped", EventName = "ReceiveBufferCapped")]
    public static partial void ReceiveBufferCapped(ILogger logger, IPEndPoint endPoint, int requested, int actual);

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Malformed {Type} message from {Remote}: {Error}", EventName = "MalformedMessage")]
    public static partial void MalformedMessage(ILogger logger, CoapMessageType type, PeerAddressText remote, CoapFormatError error);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Retransmitting MID {MessageId} to {Remote} (attempt {Attempt})", EventName = "Retransmitting")]
    public static partial void Retransmitting(ILogger logger, ushort messageId, PeerAddressText remote, int attempt);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Gave up on MID {MessageId} to {Remote} after {Attempts} retransmissions", EventName = "TransmissionTimedOut")]
    public static partial void TransmissionTimedOut(ILogger logger, ushort messageId, PeerAddressText remote, int attempts);

    [LoggerMessage(EventId = 203, Level = LogLevel.Trace, Message = "Duplicate MID {MessageId} from {Remote}", EventName = "Duplicate")]
    public static partial void Duplicate(ILogger logger, ushort messageId, PeerAddressText remote);

    [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "Unexpected {Type} {Code} MID {MessageId} from {Remote} ignored or reset", EventName = "Unmatched")]
    public static partial void Unmatched(ILogger logger, CoapMessageType type, CoapCode code, ushort messageId, PeerAddressText remote);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Deduplication cache full ({Capacity} entries): evicting entries before their lifetime; raise Coap:Messaging:DeduplicationCapacity", EventName = "DeduplicationFull")]
    public static partial void DeduplicationFull(ILogger logger, int capacity);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Peer table full ({Capacity} peers): dropping a message for {Remote}", EventName = "PeerTableFull")]
    public static partial void PeerTableFull(ILogger logger, int capacity, PeerAddressText remote);

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Request {Method} to {Remote} reset by peer", EventName = "RequestReset")]
    public static partial void RequestReset(ILogger logger, CoapCode method, PeerAddressText remote);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "A body transfer with {Remote} failed while handling a response", EventName = "TransferSinkFailed")]
    public static partial void TransferSinkFailed(ILogger logger, PeerAddressText remote, Exception exception);

    [LoggerMessage(EventId = 400, Level = LogLevel.Debug, Message = "Rejecting request {Method} from {Remote} with {Code}: {Reason}", EventName = "RequestRejected")]
    public static partial void RequestRejected(ILogger logger, CoapCode method, PeerAddressText remote, CoapCode code, string reason);

    [LoggerMessage(EventId = 401, Level = LogLevel.Error, Message = "Request handler failed for {Method} from {Remote}; answering 5.00", EventName = "HandlerFailed")]
    public static partial void HandlerFailed(ILogger logger, CoapCode method, PeerAddressText remote, Exception exception);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Server stopping; waiting for {Count} in-flight requests", EventName = "Draining")]
    public static partial void Draining(ILogger logger, int count);
}
