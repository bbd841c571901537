using Microsoft.Extensions.Options;

namespace Coap;

/// <summary>Checks the server options at start-up, so a bad endpoint URL or limit stops the application with a clear message.</summary>
internal sealed class CoapServerOptionsValidator : IValidateOptions<CoapServerOptions>
{
    public ValidateOptionsResult Validate(string? name, CoapServerOptions options)
    {
        var failures = new List<string>();
        try
        {
            options.Messaging.Validate();
        }
        catch (ArgumentException ex)
        {
            failures.Add(ex.Message);
        }

        try
        {
            options.Observe.Validate();
        }
        catch (ArgumentException ex)
        {
            failures.Add("Coap:Observe: " + ex.Message);
        }

        try
        {
            // The messages name the key: Coap:BlockWise:... or Coap:BlockWise:QBlock:...
            ArgumentNullException.ThrowIfNull(options.BlockWise, "Coap:BlockWise");
            options.BlockWise.Validate();
        }
        catch (ArgumentException ex)
        {
            failures.Add(ex.Message);
        }

        try
        {
            // The messages name the key: Coap:Groups:... or Coap:Groups:Members:<name>:...
            options.Groups.Validate();
        }
        catch (InvalidOperationException ex)
        {
            failures.Add(ex.Message);
        }

        foreach (var url in options.Endpoints)
        {
            try
            {
                EndpointUrl.Parse(url);
            }
            catch (Exception ex) when (ex is FormatException or NotSupportedException)
            {
                failures.Add($"Coap:Endpoints: {ex.Message}");
            }
        }

        if (options.ShutdownTimeout < TimeSpan.Zero)
        {
            failures.Add("Coap:ShutdownTimeout must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
