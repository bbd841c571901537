using System.Net;
using System.Reflection;
using Coap.TestUtilities;

namespace Coap.Generators.Tests.Infrastructure;

/// <summary>Request contexts that look as if they arrived on a multicast address (the transport's DatagramInfo).</summary>
internal static class MulticastTestContexts
{
    private static readonly BindingFlags _members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>A request of <paramref name="method"/> to <paramref name="path"/>, received on 224.0.1.187.</summary>
    public static CoapContext Create(CoapCode method, string path)
    {
        var context = TestContexts.Create(method, path);
        var info = typeof(CoapContext).GetProperty("Info", _members)!;
        info.SetValue(context, Activator.CreateInstance(info.PropertyType, IPAddress.Parse("224.0.1.187"), 1));
        return context;
    }

    /// <summary>Whether the multicast gate marked the request for no response at all.</summary>
    public static bool IsSilenced(CoapContext context) =>
        (bool)typeof(CoapContext).GetProperty("MulticastSilenced", _members)!.GetValue(context)!;

    /// <summary>Whether the generated handler turned the library's Leisure off ([Multicast(DelayResponses = false)]).</summary>
    public static bool IsWithoutLeisure(CoapContext context) =>
        (bool)typeof(CoapContext).GetProperty("MulticastDelaysDisabled", _members)!.GetValue(context)!;
}
