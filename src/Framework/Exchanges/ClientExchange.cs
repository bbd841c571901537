using Coap.Transport;

namespace Coap.Exchanges;

/// <summary>
/// One request sent by the client and the wait for its response: matched by token and peer,
/// with one timer that first drives retransmission and then bounds the wait for a separate response.
/// </summary>
internal sealed class ClientExchange : OutgoingTransmission
{
    private readonly TaskCompletionSource<CoapResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CoapMessage _request;

    public ClientExchange(CoapMessage request, PeerAddress peer, TokenKey token)
        : base(peer)
    {
        _request = request;
        Token = token;
        Type = request.Type;
    }

    public TokenKey Token { get; }

    public CoapCode Method => _request.Code;

    public Task<CoapResponse> Task => _completion.Task;

    public bool IsCompleted => _completion.Task.IsCompleted;

    /// <summary>Whether this exchange holds one of the peer's NSTART slots. Guarded by the peer table lock.</summary>
    public bool HoldsSlot { get; set; }

    /// <summary>Whether the request was acknowledged (empty ACK), so only the response is awaited.</summary>
    public bool Acknowledged { get; set; }

    public CancellationTokenRegistration Cancellation { get; set; }

    /// <summary>The observation this (re-)registration belongs to: its response is delivered there too.</summary>
    public ClientObservation? Observation { get; init; }

    /// <summary>The endpoint that completes, fails or cancels this exchange.</summary>
    public required IExchangeOwner Owner { get; init; }

    /// <summary>Assigns the message ID and encodes the request for (re)transmission.</summary>
    public void Prepare(ushort messageId)
    {
        MessageId = messageId;
        _request.MessageId = messageId;
        Encoded = _request.ToArray();
    }

    public bool TryComplete(CoapResponse response) => _completion.TrySetResult(response);

    public bool TryFail(Exception exception) => _completion.TrySetException(exception);

    public bool TryCancel(CancellationToken token) => _completion.TrySetCanceled(token);

    public override void OnAcknowledged() => Owner.OnExchangeAcknowledged(this);

    public override void OnReset() => Owner.OnExchangeFailed(this, new CoapResetException($"{Method.Name} was reset by {Peer}."));

    public override void OnGaveUp() => Owner.OnExchangeFailed(this, new CoapTimeoutException($"{Method.Name} to {Peer} was not acknowledged after {Retransmissions} retransmissions."));
}
