namespace OscorePlugtest.Client;

/// <summary>A test case's verdict and what was seen, for the table.</summary>
public sealed record CaseResult(Verdict Verdict, string Detail)
{
    /// <summary>Passed, with what was seen.</summary>
    public static CaseResult Pass(string detail) => new(Verdict.Pass, detail);

    /// <summary>Not run, with the reason.</summary>
    public static CaseResult Skip(string reason) => new(Verdict.Skipped, reason);
}
