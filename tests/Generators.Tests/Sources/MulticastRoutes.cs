using System.Collections.Generic;
using Coap;

namespace App;

/// <summary>[Multicast] on some actions of a controller without it.</summary>
[CoapController("lamps")]
public sealed class LampsController : CoapController
{
    public static readonly List<string> Ran = new();

    [Get("plain")]
    public string Plain()
    {
        Ran.Add("lamps/plain");
        return "plain";
    }

    [Get("state"), Multicast]
    public string State()
    {
        Ran.Add("lamps/state");
        return "on";
    }

    [Put("switch"), Multicast, RequireOscore]
    public void Switch() => Ran.Add("lamps/switch");

    [Get("raw"), Multicast(DelayResponses = false)]
    public string Raw()
    {
        Ran.Add("lamps/raw");
        return "raw";
    }
}

/// <summary>[Multicast(DelayResponses = false)] on the controller; an action's own [Multicast] restores the delays.</summary>
[CoapController("quiet"), Multicast(DelayResponses = false)]
public sealed class QuietController : CoapController
{
    [Get("own")]
    public string Own() => "own";

    [Get("delayed"), Multicast]
    public string Delayed() => "delayed";
}

/// <summary>[Multicast] on the controller covers every action.</summary>
[CoapController("group"), Multicast]
public sealed class GroupController : CoapController
{
    [Get("all")]
    public string All()
    {
        LampsController.Ran.Add("group/all");
        return "all";
    }
}

/// <summary>A base class's [Multicast] is inherited by an override.</summary>
public abstract class BaseController : CoapController
{
    [Multicast]
    public virtual string Item() => "base";
}

[CoapController("derived")]
public sealed class DerivedController : BaseController
{
    [Get("item")]
    public override string Item()
    {
        LampsController.Ran.Add("derived/item");
        return "derived";
    }
}
