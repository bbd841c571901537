using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Coap.Routing;

/// <summary>
/// The JSON settings payload binding and results use: the <see cref="JsonSerializerOptions"/>
/// registered with <c>AddCoapJson</c> (give it a source-generated <c>JsonSerializerContext</c>
/// for trimming and AOT), or web defaults.
/// </summary>
public sealed class CoapJson
{
    private static readonly JsonSerializerOptions s_default = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Wraps options for registration in the service collection.</summary>
    public CoapJson(JsonSerializerOptions options) => Options = options;

    /// <summary>The serializer options.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>The type information for <typeparamref name="T"/> from the application's options.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static JsonTypeInfo<T> GetTypeInfo<T>(CoapContext context)
    {
        var options = context?.RequestServices?.GetService<CoapJson>()?.Options ?? s_default;
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }
}
