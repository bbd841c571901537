namespace OscorePlugtest.Client;

/// <summary>How a test case ended.</summary>
public enum Verdict
{
    /// <summary>Every check held.</summary>
    Pass,

    /// <summary>A check failed, or the exchange did not complete.</summary>
    Fail,

    /// <summary>Not run: this client or setup cannot drive it.</summary>
    Skipped,
}
