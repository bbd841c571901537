namespace Coap.Generators.Model;

/// <summary>A request method; the values are the CoAP codes' bytes (0.01–0.07).</summary>
internal enum RequestMethod
{
    Get = 1,
    Post = 2,
    Put = 3,
    Delete = 4,
    Fetch = 5,
    Patch = 6,
    IPatch = 7,
}
