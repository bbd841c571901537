using System.Threading.Channels;

namespace Coap.Interop.Tests.Routing.Controllers;

/// <summary>The state behind <see cref="LightController"/>: its value and every value written to it.</summary>
public sealed class LightState
{
    private volatile string _value = "off";

    public string Value
    {
        get => _value;
        set => _value = value;
    }

    /// <summary>Each value PUT to /a/light, in order.</summary>
    public Channel<string> Writes { get; } = Channel.CreateUnbounded<string>();
}
