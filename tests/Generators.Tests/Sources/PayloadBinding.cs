using System;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using Coap;

namespace App;

public sealed record Reading(string Sensor, double Value);

public record struct Point(int X, int Y);

public interface IClock
{
    DateTimeOffset Now { get; }
}

public sealed class Store
{
}

[CoapController("data")]
public sealed class DataController : CoapController
{
    [Post("json")]
    public CoapResult Json(Reading reading) => Created();

    [Put("json-optional")]
    public CoapResult OptionalJson([FromPayload] Reading? reading) => Changed();

    [Put("point")]
    public CoapResult Point(Point point) => Changed();

    [Post("bytes")]
    public CoapResult Bytes(byte[] body) => Created();

    [Post("memory")]
    public CoapResult Memory([FromPayload] ReadOnlyMemory<byte> body) => Created();

    [Post("text")]
    public CoapResult Text([FromPayload] string text) => Created();

    [Put("number")]
    public CoapResult Number([FromPayload] int? value = 7) => Changed();

    [Post("reader")]
    public CoapResult Reader(PipeReader body) => Created();

    [Post("stream")]
    public CoapResult Stream([FromPayload] Stream body) => Created();

    [Get("services")]
    public string Services(IClock clock, [FromServices] Store store, [FromServices] IServiceProvider? optional) => "";

    [Get("context")]
    public string WithContext(CoapContext context, CancellationToken cancellationToken) => "";
}
