namespace OscorePlugtest.Client;

/// <summary>A check of a test case did not hold; the message says what was expected and what came.</summary>
public sealed class CheckFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CheckFailedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public CheckFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
