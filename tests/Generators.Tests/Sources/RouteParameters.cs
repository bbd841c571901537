using System;
using Coap;

namespace App;

public enum Unit
{
    Celsius,
    Fahrenheit,
}

[CoapController("/devices/")]
public sealed class DevicesController : CoapController
{
    [Get("{id:int}")]
    public string ById(int id) => "int";

    [Get("{id:long}/long")]
    public string ByLong(long id) => "long";

    [Get("{id:guid}")]
    public string ByGuid(Guid id) => "guid";

    [Get("{ratio:double}/ratio")]
    public string ByRatio(double ratio) => "double";

    [Get("{on:bool}/switch")]
    public string Switch(bool on) => "bool";

    [Get("{name}")]
    public string ByName(string name) => name;

    [Get("{name}/unit/{unit}")]
    public string InUnit(string name, Unit unit, uint? precision = null, ushort scale = 2) => name;

    [Get("{name}/files/{*path}")]
    public string File(string name, string path) => path;

    [Get("renamed/{device-id}")]
    public string Renamed([FromRoute(Name = "device-id")] string id, [FromQuery(Name = "max-items")] int? maxItems, string? filter = "all") => id;
}
