using System.Text;
using Coap;

namespace OscorePlugtest.Client;

/// <summary>Block-wise transfer of a protected body larger than one block (the resources /oscore/block/outer and /inner).</summary>
public static class BlockCases
{
    private static readonly string s_largeResource = "This is a large resource\n" + string.Concat(Enumerable.Repeat("0123456789", 101));

    /// <summary>The cases; numbered after the specification's.</summary>
    public static IEnumerable<PlugtestCase> All { get; } =
    [
        new("18", "GET /oscore/block/outer (Block2)", (run, ct) => LargeAsync(run, "/oscore/block/outer", ct)),
        new("19", "GET /oscore/block/inner (Block2)", (run, ct) => LargeAsync(run, "/oscore/block/inner", ct)),
    ];

    private static async Task<CaseResult> LargeAsync(PlugtestRun run, string path, CancellationToken cancellationToken)
    {
        await using var client = run.ProtectedClient(run.ContextA);
        var response = await client.GetAsync(run.Uri(path), cancellationToken);
        Expect.Text(response, CoapCode.Content, s_largeResource);
        return CaseResult.Pass($"{response.Code}, {Encoding.UTF8.GetByteCount(s_largeResource)} bytes reassembled");
    }
}
