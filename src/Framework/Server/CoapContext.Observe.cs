using Coap.Observe;

namespace Coap;

public sealed partial class CoapContext
{
    /// <summary>
    /// True while the server renders a notification for observers rather than answering a
    /// request: the request is a stored registration and the response goes to every observer.
    /// </summary>
    public bool IsNotification { get; internal set; }

    internal ObserveIntent ObserveIntent { get; private set; }

    internal ConditionalAttributes ObserveConditions { get; private set; } = ConditionalAttributes.None;

    /// <summary>
    /// Makes this request's resource observable (generated for <c>[Observable]</c> actions; call it
    /// from hand-written handlers). Reads the Observe option and, for a registration, the
    /// conditional query parameters over <paramref name="defaults"/>. Returns false when they are
    /// invalid: the response is then 4.00 with a diagnostic and the handler should return.
    /// </summary>
    public bool EnableObserve(ConditionalAttributes? defaults = null)
    {
        if (IsNotification || (Method != CoapCode.Get && Method != CoapCode.Fetch))
        {
            return true;
        }

        if (!TryGetOption(CoapOptionNumber.Observe, out var value))
        {
            ObserveIntent = ObserveIntent.Deregister;
            return true;
        }

        var observe = value.Length <= 3 ? Codec.CoapUInt.Read(value) : uint.MaxValue;
        if (observe == 1)
        {
            ObserveIntent = ObserveIntent.Deregister;
            return true;
        }

        if (observe != 0)
        {
            // Not a registration or cancellation (RFC 7641 §2): a plain request.
            return true;
        }

        if (!ConditionalAttributes.TryParse(GetQuery(), defaults, out var conditions, out var error))
        {
            Response.Reset();
            Response.Code = CoapCode.BadRequest;
            Response.SetContentFormat(CoapContentFormat.TextPlain);
            Response.WritePayload(error.AsSpan());
            return false;
        }

        ObserveIntent = ObserveIntent.Register;
        ObserveConditions = conditions;
        return true;
    }

    private void ResetObserve()
    {
        IsNotification = false;
        ObserveIntent = ObserveIntent.None;
        ObserveConditions = ConditionalAttributes.None;
    }
}
