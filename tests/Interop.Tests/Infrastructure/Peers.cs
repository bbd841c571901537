namespace Coap.Interop.Tests.Infrastructure;

/// <summary>
/// Locates the real peers. A missing peer fails the test (never skips it) with a message that
/// says how to install it.
/// </summary>
internal static class Peers
{
    public const string InstallHint = "Run eng/install-test-peers.sh (it installs libcoap3-bin and the node-coap packages) and try again.";

    /// <summary>libcoap's example client without (D)TLS, from Debian's libcoap3-bin.</summary>
    public static string LibCoapClient => FindOnPath("coap-client-notls");

    /// <summary>libcoap's example server without (D)TLS, from Debian's libcoap3-bin.</summary>
    public static string LibCoapServer => FindOnPath("coap-server-notls");

    public static string Node => FindOnPath("node");

    /// <summary>tests/Interop.Tests/node/client.js, once its node_modules are installed.</summary>
    public static string NodeClientScript
    {
        get
        {
            var script = Path.Combine(RepoPaths.NodeFolder, "client.js");
            var coapPackage = Path.Combine(RepoPaths.NodeFolder, "node_modules", "coap", "package.json");
            if (!File.Exists(script))
            {
                Assert.Fail($"The node-coap client script '{script}' is missing.");
            }

            if (!File.Exists(coapPackage))
            {
                Assert.Fail($"node-coap is not installed ('{coapPackage}' is missing). {InstallHint}");
            }

            return script;
        }
    }

    private static string FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"The interop peer '{name}' was not found on PATH. {InstallHint}");
        return name;
    }
}
