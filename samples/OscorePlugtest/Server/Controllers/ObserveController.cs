using Coap;

namespace OscorePlugtest.Server.Controllers;

/// <summary>
/// Tests 6 and 7: /oscore/observe1 and /oscore/observe2 read "one" when registered, "two" one
/// interval later (2 s by default, <c>Plugtest:NotificationInterval</c>), and then fail with 5.00
/// "Terminate Observe", which ends the observation (RFC 7641 §4.2). Test 7 cancels after "two".
/// </summary>
[CoapController("oscore"), RequireOscore]
public sealed class ObserveController(ObserveScripts scripts) : CoapController
{
    /// <summary>Test 6: observed until the server ends it.</summary>
    [Get("observe1"), Observable, ContentFormat(CoapContentFormat.TextPlain)]
    public CoapResult Observe1() => Render(scripts.Observe1);

    /// <summary>Test 7: observed until the client cancels it.</summary>
    [Get("observe2"), Observable, ContentFormat(CoapContentFormat.TextPlain)]
    public CoapResult Observe2() => Render(scripts.Observe2);

    private CoapResult Render(ObserveScript script)
    {
        if (!Context.IsNotification && IsRegistration())
        {
            script.Restart();
        }

        return script.Stage switch
        {
            ObserveStage.One => Content("one"),
            ObserveStage.Two => Content("two"),
            _ => CoapResult.WithText(CoapCode.InternalServerError, "Terminate Observe"),
        };
    }

    /// <summary>Observe: 0 (RFC 7641 §2; the value 0 is the empty option).</summary>
    private bool IsRegistration() =>
        Context.TryGetOption(CoapOptionNumber.Observe, out var observe) && !observe.ContainsAnyExcept((byte)0);
}
