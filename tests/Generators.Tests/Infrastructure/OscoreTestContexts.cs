using System.Reflection;
using Coap.TestUtilities;

namespace Coap.Generators.Tests.Infrastructure;

/// <summary>
/// Request contexts as the endpoint hands them to the router after OSCORE: protected or not, with the
/// server's default policy on or off. The endpoint sets both through internal members, and this project
/// is not among the framework's InternalsVisibleTo, so reflection stands in for it.
/// </summary>
internal static class OscoreTestContexts
{
    private static readonly BindingFlags _members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>A GET of <paramref name="path"/>, protected with context "b" (kid 01) when <paramref name="isProtected"/>.</summary>
    public static CoapContext Get(string path, bool isProtected = false, bool requiredByDefault = false) =>
        Create(CoapCode.Get, path, isProtected, requiredByDefault);

    /// <summary>A request of <paramref name="method"/> to <paramref name="path"/>, protected or not.</summary>
    public static CoapContext Create(CoapCode method, string path, bool isProtected = false, bool requiredByDefault = false)
    {
        var context = TestContexts.Create(method, path);
        if (isProtected)
        {
            var identity = Activator.CreateInstance(typeof(CoapSecurityIdentity), _members, binder: null, args: ["b", new byte[] { 0x01 }, null], culture: null);
            typeof(CoapContext).GetProperty(nameof(CoapContext.Security), _members)!.SetValue(context, identity);
        }

        typeof(CoapContext).GetProperty("OscoreRequiredByDefault", _members)!.SetValue(context, requiredByDefault);
        return context;
    }
}
