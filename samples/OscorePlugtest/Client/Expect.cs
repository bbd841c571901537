using Coap;

namespace OscorePlugtest.Client;

/// <summary>The checks the cases make on a response; each throws <see cref="CheckFailedException"/> saying what differed.</summary>
public static class Expect
{
    /// <summary>The response code.</summary>
    public static void Code(CoapResponse response, CoapCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Code != expected)
        {
            throw new CheckFailedException($"expected {expected}, got {Describe(response)}");
        }
    }

    /// <summary>The payload, as text.</summary>
    public static void Payload(CoapResponse response, string expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.GetPayloadAsString() != expected)
        {
            throw new CheckFailedException($"expected the payload \"{expected}\", got {Describe(response)}");
        }
    }

    /// <summary>The payload, as bytes.</summary>
    public static void Payload(CoapResponse response, ReadOnlySpan<byte> expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Payload.Span.SequenceEqual(expected))
        {
            throw new CheckFailedException($"expected the payload {Convert.ToHexString(expected)}, got {Describe(response)}");
        }
    }

    /// <summary>An option with one value (Content-Format 0 is the empty value).</summary>
    public static void Option(CoapResponse response, int number, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Options.TryGet(number, out var option) || !option.Value.Span.SequenceEqual(value))
        {
            throw new CheckFailedException($"expected option {new CoapOption(number, value.ToArray())}, got {Describe(response)}");
        }
    }

    /// <summary>An option that must be absent.</summary>
    public static void NoOption(CoapResponse response, int number)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Options.TryGet(number, out var option))
        {
            throw new CheckFailedException($"expected no {option.ToString().Split(':')[0]} option, got {Describe(response)}");
        }
    }

    /// <summary>Code, payload and Content-Format 0 (text/plain).</summary>
    public static void Text(CoapResponse response, CoapCode code, string payload)
    {
        Code(response, code);
        Payload(response, payload);
        Option(response, CoapOptionNumber.ContentFormat, []);
    }

    /// <summary>The code, options and payload size of a response, for a failure message.</summary>
    public static string Describe(CoapResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var options = response.Options.Count == 0 ? "no options" : string.Join(", ", response.Options.Select(o => o.ToString()));
        var payload = response.IsStreamed ? "streamed" : response.Payload.Length <= 32 ? $"\"{response.GetPayloadAsString()}\"" : $"{response.Payload.Length} bytes";
        return $"{response.Code} ({response.Type}; {options}; payload {payload})";
    }
}
