namespace OscorePlugtest.Client;

/// <summary>Prints the verdicts as a table: number, description, PASS / FAIL / SKIP, and what was seen.</summary>
public static class ResultTable
{
    /// <summary>Writes the table and a summary line.</summary>
    public static void Write(TextWriter output, IReadOnlyList<(PlugtestCase Case, CaseResult Result)> results)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        var descriptionWidth = results.Max(r => r.Case.Description.Length);
        output.WriteLine($"{"Test",-4}  {"Description".PadRight(descriptionWidth)}  Result  Detail");
        foreach (var (testCase, result) in results)
        {
            output.WriteLine($"{testCase.Number,-4}  {testCase.Description.PadRight(descriptionWidth)}  {Label(result.Verdict),-6}  {result.Detail}");
        }

        var passed = results.Count(r => r.Result.Verdict == Verdict.Pass);
        var failed = results.Count(r => r.Result.Verdict == Verdict.Fail);
        var skipped = results.Count(r => r.Result.Verdict == Verdict.Skipped);
        output.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
    }

    private static string Label(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "PASS",
        Verdict.Fail => "FAIL",
        _ => "SKIP",
    };
}
