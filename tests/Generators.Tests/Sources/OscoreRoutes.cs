using System.Collections.Generic;
using Coap;

namespace App;

/// <summary>Each combination of [RequireOscore] and [AllowUnprotected] on an action, under a controller with neither.</summary>
[CoapController("plain")]
public sealed class PlainController : CoapController
{
    public static readonly List<string> Ran = new();

    [Get("default")]
    public string Default()
    {
        Ran.Add("plain/default");
        return "default";
    }

    [Get("required"), RequireOscore]
    public string Required()
    {
        Ran.Add("plain/required");
        return "required";
    }

    [Get("allowed"), AllowUnprotected]
    public string Allowed()
    {
        Ran.Add("plain/allowed");
        return "allowed";
    }

    [Get("both"), RequireOscore, AllowUnprotected]
    public string Both()
    {
        Ran.Add("plain/both");
        return "both";
    }

    [Get("observed"), Observable, RequireOscore]
    public string Observed()
    {
        Ran.Add("plain/observed");
        return "observed";
    }
}

/// <summary>[RequireOscore] on the controller: every action needs OSCORE unless it says [AllowUnprotected].</summary>
[CoapController("secure"), RequireOscore]
public sealed class SecureController : CoapController
{
    [Get("unmarked")]
    public static string Unmarked()
    {
        PlainController.Ran.Add("secure/unmarked");
        return "unmarked";
    }

    [Get("open"), AllowUnprotected]
    public static string Open()
    {
        PlainController.Ran.Add("secure/open");
        return "open";
    }
}

/// <summary>[AllowUnprotected] on the controller: an action still requires OSCORE with [RequireOscore].</summary>
[CoapController("open"), AllowUnprotected]
public sealed class OpenController : CoapController
{
    [Get("unmarked")]
    public static string Unmarked()
    {
        PlainController.Ran.Add("open/unmarked");
        return "unmarked";
    }

    [Get("required"), RequireOscore]
    public static string Required()
    {
        PlainController.Ran.Add("open/required");
        return "required";
    }
}

/// <summary>The attributes are Inherited = true: a base controller's [RequireOscore] covers its subclasses.</summary>
[RequireOscore]
public abstract class ProtectedControllerBase : CoapController
{
}

[CoapController("derived")]
public sealed class DerivedController : ProtectedControllerBase
{
    [Get("unmarked")]
    public static string Unmarked()
    {
        PlainController.Ran.Add("derived/unmarked");
        return "unmarked";
    }
}
