using System.Text;

namespace OscorePlugtest.Server;

/// <summary>The payloads the test specification prescribes.</summary>
public static class PlugtestBodies
{
    /// <summary>The body of every /oscore/hello resource.</summary>
    public const string HelloWorld = "Hello World!";

    /// <summary>The body of /oscore/block/*: larger than one 1024-byte block, so it travels block-wise.</summary>
    public static ReadOnlyMemory<byte> LargeResource { get; } =
        Encoding.ASCII.GetBytes("This is a large resource\n" + string.Concat(Enumerable.Repeat("0123456789", 101)));
}
