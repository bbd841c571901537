using Microsoft.Extensions.Options;

namespace Coap;

/// <summary>Checks <c>Coap:Bindings:*</c> at start-up, so a bad path or limit stops the application with a clear message.</summary>
internal sealed class CoapBindingOptionsValidator : IValidateOptions<CoapBindingOptions>
{
    public ValidateOptionsResult Validate(string? name, CoapBindingOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail("Coap:Bindings: " + ex.Message);
        }
    }
}
