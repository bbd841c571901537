namespace Coap.Analyzers;

/// <summary>
/// Every COAPnnnn descriptor the analyzers report. Partial files hold one ID range each
/// (<c>Descriptors.Coap2xxx.cs</c>, <c>Descriptors.Coap3xxx.cs</c>, <c>Descriptors.Coap4xxx.cs</c>); field names start with the
/// ID so it shows at every use site. Each ID has a page in <c>docs/diagnostics/</c>, a line in
/// <c>AnalyzerReleases.Unshipped.md</c> and a range in <c>DiagnosticCategoryAndIdRanges.txt</c>.
/// </summary>
/// <remarks>
/// The descriptors are written as <c>new(...)</c> field initializers with constant IDs, not built by
/// a shared factory method: Microsoft.CodeAnalysis.Analyzers' release tracking (RS2000–RS2008) and
/// ID-range checks (RS1018, RS1020) only see descriptors created that way. What a factory would share,
/// the help link, comes from <see cref="HelpLink"/>.
/// </remarks>
internal static partial class Descriptors
{
    /// <summary>Where the per-ID pages live: <c>docs/diagnostics/COAPnnnn.md</c> in the repository.</summary>
    public const string HelpLinkRoot = "https://github.com/coap-framework/coap/blob/main/docs/diagnostics/";

    /// <summary>The help link of one ID: its page under <see cref="HelpLinkRoot"/>.</summary>
    private static string HelpLink(string id) => HelpLinkRoot + id + ".md";
}
