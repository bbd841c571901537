namespace Lighting.Lamp;

/// <summary>The lamp's name and whether it is on; the controller reads and switches it from any request thread.</summary>
public sealed class LampState(string name)
{
    private volatile bool _isOn;

    /// <summary>The name it answers with, so a group's answers say which lamp is which.</summary>
    public string Name { get; } = name;

    /// <summary>Whether the light is on. Lamps start off.</summary>
    public bool IsOn
    {
        get => _isOn;
        set => _isOn = value;
    }

    /// <summary>"hall: on" — what GET and PUT answer.</summary>
    public string Describe() => $"{Name}: {(IsOn ? "on" : "off")}";
}
