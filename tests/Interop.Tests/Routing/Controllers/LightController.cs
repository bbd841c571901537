namespace Coap.Interop.Tests.Routing.Controllers;

/// <summary>
/// A link-binding resource (draft-ietf-core-dynlink): <c>/a/light</c> may be the destination of obs and
/// poll bindings (its PUT receives the copies) and the source of push and exec bindings (it is observable,
/// and a write notifies its observers).
/// </summary>
[CoapController("a")]
public sealed class LightController(LightState state, ICoapNotifier<LightController> notifier) : CoapController
{
    [Get("light"), Observable, Binding(MinPeriod = 0.01)]
    public string Light() => state.Value;

    [Put("light"), Binding]
    public CoapResult SetLight([FromPayload] string value)
    {
        state.Value = value;
        state.Writes.Writer.TryWrite(value);
        notifier.NotifyLight();
        return Changed();
    }
}
