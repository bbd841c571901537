using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Coap;

/// <summary>
/// Reads <c>Coap:Endpoints</c>, <c>Coap:ShutdownTimeout</c>, <c>Coap:Messaging:*</c>,
/// <c>Coap:Limits:*</c> (the bounds, same settings as Messaging), <c>Coap:Udp:*</c> and
/// <c>Coap:Observe:*</c>, <c>Coap:BlockWise:*</c> (with <c>Coap:BlockWise:QBlock:*</c>), <c>Coap:Security:*</c> (OSCORE contexts), <c>Coap:Groups:*</c> (multicast groups and how group requests are answered) (and, into <see cref="CoapBindingOptions"/>, <c>Coap:Bindings:*</c>); the
/// command line's <c>--urls a;b</c> (configuration key <c>urls</c>) replaces the endpoints.
/// Values that do not parse fail start-up naming the key.
/// </summary>
internal static class CoapServerOptionsBinder
{
    public static void Bind(IConfiguration configuration, CoapServerOptions options)
    {
        var section = configuration.GetSection(CoapApplicationBuilder.ConfigurationSection);
        if (section["ShutdownTimeout"] is { } shutdown)
        {
            options.ShutdownTimeout = ParseTimeSpan(shutdown, "Coap:ShutdownTimeout");
        }

        section.GetSection("Messaging").Bind(options.Messaging, o => o.ErrorOnUnknownConfiguration = true);
        section.GetSection("Limits").Bind(options.Messaging, o => o.ErrorOnUnknownConfiguration = true);
        section.GetSection("Udp").Bind(options.Udp, o => o.ErrorOnUnknownConfiguration = true);
        section.GetSection("Observe").Bind(options.Observe, o => o.ErrorOnUnknownConfiguration = true);
        section.GetSection("BlockWise").Bind(options.BlockWise, o => o.ErrorOnUnknownConfiguration = true);
        section.GetSection("Security").Bind(options.Security, o => o.ErrorOnUnknownConfiguration = true);
        section.GetSection("Groups").Bind(options.Groups, o => o.ErrorOnUnknownConfiguration = true);

        var urls = configuration["urls"];
        var endpoints = !string.IsNullOrWhiteSpace(urls)
            ? urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetSection("Endpoints").GetChildren().Select(c => c.Value).OfType<string>().ToArray();
        options.Endpoints.Clear();
        foreach (var endpoint in endpoints)
        {
            options.Endpoints.Add(endpoint);
        }
    }

    /// <summary>Reads <c>Coap:Bindings:Path</c>, <c>MaxBindings</c> and <c>PollInterval</c>; unknown keys fail start-up.</summary>
    public static void BindBindings(IConfiguration configuration, CoapBindingOptions options) =>
        configuration.GetSection(CoapApplicationBuilder.ConfigurationSection).GetSection("Bindings")
            .Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    private static TimeSpan ParseTimeSpan(string value, string key) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new InvalidOperationException($"{key}: '{value}' is not a time span (e.g. 00:00:10).");
}
