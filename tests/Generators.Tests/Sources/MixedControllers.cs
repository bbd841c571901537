using Coap;

namespace App;

public abstract class ControllerBase : CoapController
{
    [Get("version")]
    public string Version() => "1";
}

// The root route, inherited actions, two attributes on one method, keyword names.
[CoapController]
public sealed class RootController : ControllerBase
{
    [Get]
    public string Index() => "root";

    [Get("echo"), Fetch("echo")]
    public string Echo(string? q) => q ?? "";

    [Get("event")]
    public string @event() => "event";
}

public static class Outer
{
    [CoapController("nested")]
    internal sealed class NestedController : CoapController
    {
        [IPatch("item"), Patch("item")]
        internal void Update([FromPayload] byte[] patch)
        {
        }
    }
}
