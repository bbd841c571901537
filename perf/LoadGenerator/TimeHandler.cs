namespace Coap.LoadGenerator;

/// <summary>
/// Answers GET /time like libcoap's example server ("Nov 21 23:17:38", text/plain, Max-Age 1)
/// from <see cref="TimePayload"/>; anything else gets 4.04. Allocates nothing per request: the
/// path is matched in place and the payload is referenced, not copied. The hand-written
/// counterpart of <see cref="Controllers.TimeController"/> (serve mode's <c>--controllers</c>).
/// </summary>
internal sealed class TimeHandler(TimePayload time) : ICoapRequestHandler
{
    public ValueTask HandleAsync(CoapContext context)
    {
        var response = context.Response;
        if (context.Method != CoapCode.Get || !IsTimePath(context))
        {
            response.Code = CoapCode.NotFound;
            return ValueTask.CompletedTask;
        }

        response.SetContentFormat(CoapContentFormat.TextPlain);
        response.AddOption(CoapOptionNumber.MaxAge, 1u);
        response.SetPayload(time.Current);
        return ValueTask.CompletedTask;
    }

    private static bool IsTimePath(CoapContext context)
    {
        var segments = 0;
        var matched = false;
        var cursor = context.Options;
        while (cursor.MoveNext())
        {
            if (cursor.Number == CoapOptionNumber.UriPath)
            {
                segments++;
                matched = cursor.Value.SequenceEqual("time"u8);
            }
            else if (cursor.Number > CoapOptionNumber.UriPath)
            {
                break;
            }
        }

        return segments == 1 && matched;
    }
}
