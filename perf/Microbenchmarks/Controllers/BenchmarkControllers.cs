namespace Coap.Microbenchmarks.Controllers;

/// <summary>
/// Singleton controller answering from a cached payload: the application-model acceptance case
/// ("routing + binding + result writing for a GET on a singleton controller returning a cached
/// <see cref="ReadOnlyMemory{T}"/>: 0 bytes allocated per request").
/// </summary>
[CoapController(Lifetime = ControllerLifetime.Singleton)]
public sealed class TimeController : CoapController
{
    private static readonly ReadOnlyMemory<byte> s_cached = Messages.TimePayload.ToArray();

    /// <summary>GET /time: the cached bytes as application/octet-stream (the default for binary results).</summary>
    [Get("time")]
    public ReadOnlyMemory<byte> Time() => s_cached;

    /// <summary>
    /// GET /clock: the same bytes answered like libcoap's /time (text/plain, Max-Age 1), which
    /// goes through <see cref="CoapResult.WithPayload"/> and <c>ApplyMaxAge</c> in the generated code.
    /// </summary>
    [Get("clock"), ContentFormat(CoapContentFormat.TextPlain), MaxAge(1)]
    public ReadOnlyMemory<byte> Clock() => s_cached;
}

/// <summary>Singleton controller with a typed route parameter: matching and binding an <c>{id:int}</c>.</summary>
[CoapController("items", Lifetime = ControllerLifetime.Singleton)]
public sealed class ItemsController : CoapController
{
    private static readonly ReadOnlyMemory<byte>[] s_items = CreateItems();

    /// <summary>GET /items/{id:int}: one of 16 cached payloads.</summary>
    [Get("{id:int}")]
    public ReadOnlyMemory<byte> Item(int id) => s_items[id & 15];

    private static ReadOnlyMemory<byte>[] CreateItems()
    {
        var items = new ReadOnlyMemory<byte>[16];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = System.Text.Encoding.UTF8.GetBytes($"item {i:D2}");
        }

        return items;
    }
}
