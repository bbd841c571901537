namespace Coap.Endpoint;

/// <summary>The No-Response option (RFC 7967): which response classes the client does not want.</summary>
internal static class NoResponse
{
    private const uint Suppress2xx = 2;
    private const uint Suppress4xx = 8;
    private const uint Suppress5xx = 16;

    public static bool Suppresses(CoapContext context, CoapCode code)
    {
        if (!context.TryGetOption(CoapOptionNumber.NoResponse, out var value))
        {
            return false;
        }

        var mask = Codec.CoapUInt.Read(value);
        return code.Class switch
        {
            2 => (mask & Suppress2xx) != 0,
            4 => (mask & Suppress4xx) != 0,
            5 => (mask & Suppress5xx) != 0,
            _ => false,
        };
    }
}
