namespace Coap.Exchanges;

/// <summary>The endpoint side of a client exchange's life.</summary>
internal interface IExchangeOwner
{
    void OnExchangeAcknowledged(ClientExchange exchange);

    void OnExchangeFailed(ClientExchange exchange, Exception exception);
}
