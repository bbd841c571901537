using Coap;

namespace Lighting.Lamp.Controllers;

/// <summary>
/// <c>/light</c>: GET answers "hall: on", PUT "on" or "off" switches the lamp and answers 2.04 with the new state.
/// <c>[Multicast]</c>: both answer requests sent to a group the lamp is in, so one PUT switches every lamp and
/// each says who it is. A PUT with anything else is 4.00, which a group request never sees (errors are suppressed).
/// </summary>
[CoapController(Lifetime = ControllerLifetime.Singleton), Multicast]
public sealed class LightController(LampState lamp) : CoapController
{
    [Get("light"), ResourceType("light"), Interface("core.a"), Title("Lamp"), ContentFormat(CoapContentFormat.TextPlain)]
    public string Light() => lamp.Describe();

    [Put("light")]
    public CoapResult Switch([FromPayload] string state)
    {
        switch (state.Trim().ToUpperInvariant())
        {
            case "ON":
                lamp.IsOn = true;
                break;
            case "OFF":
                lamp.IsOn = false;
                break;
            default:
                return BadRequest("on or off");
        }

        return CoapResult.WithText(CoapCode.Changed, lamp.Describe());
    }
}
