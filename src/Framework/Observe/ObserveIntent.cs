namespace Coap.Observe;

/// <summary>What a request to an observable resource asks of the observer list (RFC 7641 §2, §3.6).</summary>
internal enum ObserveIntent : byte
{
    /// <summary>Not a request to an observable resource, or a notification being rendered.</summary>
    None,

    /// <summary>Observe 0: add or replace the registration.</summary>
    Register,

    /// <summary>Observe 1, or a GET/FETCH without Observe: remove a registration with the same endpoint, token and resource.</summary>
    Deregister,
}
