using System.Collections.Generic;
using Coap;

namespace App;

[CoapController("sensors")]
public sealed class SensorsController : CoapController
{
    public static string Temperature = "18.5";

    [Get("temp"), Observable]
    public string Temp() => Temperature;

    [Get("humidity"), Observable, Binding(MinPeriod = 0, MaxPeriod = 20, Step = 0.5)]
    public double Humidity() => 40.5;

    [Get("{id:int}"), Observable]
    public string Reading(int id) => "reading " + id;

    [Get("files/{*path}"), Observable]
    public string File(string path) => path;

    [Put("temp")]
    public void SetTemp([FromPayload] string value) => Temperature = value;
}

/// <summary>Records the paths the generated Notify methods produce.</summary>
public sealed class RecordingNotifier : ICoapNotifier<SensorsController>
{
    public static readonly List<string> Paths = new();

    public void Notify(string path) => Paths.Add(path);

    public static void NotifyAll()
    {
        var notifier = new RecordingNotifier();
        notifier.NotifyTemp();
        notifier.NotifyHumidity();
        notifier.NotifyReading(42);
        notifier.NotifyFile("a/b");
    }
}
