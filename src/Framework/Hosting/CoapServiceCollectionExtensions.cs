using System.Text.Json;
using Coap.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Coap;

/// <summary>Service registrations for CoAP applications.</summary>
public static class CoapServiceCollectionExtensions
{
    /// <summary>
    /// Uses these JSON options for payload binding and results; pass options whose
    /// <see cref="JsonSerializerOptions.TypeInfoResolver"/> is a source-generated context for trimming and AOT.
    /// </summary>
    public static IServiceCollection AddCoapJson(this IServiceCollection services, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton(new CoapJson(options));
    }
}
