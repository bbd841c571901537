namespace Coap.BlockWise.Inbound;

/// <summary>
/// A copy of the response a handler gave to a whole Q-Block1 body, kept with the finished transfer so that a
/// late copy of one of its blocks is answered as if it were new (RFC 9177 §4.3, QB-21) without running the
/// action again (QB-14): the client resends the last block when that response is lost.
/// </summary>
internal sealed class FinalResponse
{
    private readonly CoapCode _code;
    private readonly (int Number, byte[] Value)[] _options;
    private readonly byte[] _payload;

    private FinalResponse(CoapCode code, (int Number, byte[] Value)[] options, byte[] payload)
    {
        _code = code;
        _options = options;
        _payload = payload;
    }

    public static FinalResponse Capture(CoapResponseWriter response)
    {
        var count = response.SortOptionsForReading();
        var options = new (int Number, byte[] Value)[count];
        for (var i = 0; i < count; i++)
        {
            var value = response.GetOption(i, out var number);
            options[i] = (number, value.ToArray());
        }

        return new FinalResponse(response.Code, options, response.Payload.ToArray());
    }

    /// <summary>Loads the kept response into <paramref name="response"/> (empty: a fresh request context's).</summary>
    public void Replay(CoapResponseWriter response)
    {
        response.Code = _code;
        foreach (var (number, value) in _options)
        {
            response.AddOption(number, value);
        }

        response.SetPayload(_payload);
    }
}
