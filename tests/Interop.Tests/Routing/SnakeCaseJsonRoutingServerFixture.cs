using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Coap.Interop.Tests.Routing;

/// <summary>The routing server with <c>AddCoapJson</c> options that write and read snake_case names.</summary>
public sealed class SnakeCaseJsonRoutingServerFixture : RoutingServerFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddCoapJson(new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        });
}
