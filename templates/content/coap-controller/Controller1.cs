using System.Collections.Concurrent;
using Coap;

namespace Company.Controllers1;

/// <summary>
/// Values under <c>/prefix1</c>: <c>GET /prefix1/{id}</c> reads one, <c>PUT /prefix1/{id}</c> (text/plain)
/// stores one. The source generator adds the routes to the application's router.
/// </summary>
[CoapController("prefix1")]
public sealed class Controller1 : CoapController
{
    // A new controller serves every request, so state lives elsewhere: here a static dictionary;
    // in an application, a singleton service taken as a constructor parameter.
    private static readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>The value stored under <paramref name="id"/>, or 4.04.</summary>
    [Get("{id}")]
    public CoapResult Get(string id) =>
        _values.TryGetValue(id, out var value) ? Content(value) : NotFound();

    /// <summary>Stores the payload under <paramref name="id"/>: 2.01 when new, 2.04 when replaced.</summary>
    [Put("{id}")]
    public CoapResult Put(string id, [FromPayload] string value)
    {
        var replaced = _values.ContainsKey(id);
        _values[id] = value;
        return replaced ? Changed() : Created();
    }
}
