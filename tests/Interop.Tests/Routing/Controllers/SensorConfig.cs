namespace Coap.Interop.Tests.Routing.Controllers;

/// <summary>The JSON body of PUT /sensors/config (camelCase on the wire).</summary>
public sealed record SensorConfig(string Name, int IntervalSeconds);
