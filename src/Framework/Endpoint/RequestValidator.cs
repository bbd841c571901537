using Coap.Codec;

namespace Coap.Endpoint;

/// <summary>
/// Checks a request before any handler sees it (RFC 7252 §5.4.1, §5.4.3–5.4.5, §5.7.2, §5.8):
/// unrecognised or malformed critical options, proxy options on a non-proxy, oversized payloads,
/// unknown methods. Elective options that fail these checks are simply ignored.
/// </summary>
internal static class RequestValidator
{
    public static RequestRejection Validate(in CoapMessageView request, CoapOptionRegistry registry, SupportedOptions supported, int maxPayload, out int offendingOption)
    {
        offendingOption = 0;
        var previous = -1;
        var seen = BlockOptions.None;
        var cursor = request.Options;
        while (cursor.MoveNext())
        {
            var number = cursor.Number;
            var repeated = number == previous;
            previous = number;
            seen |= Classify(number);
            if (!CoapOptionNumber.IsCritical(number))
            {
                continue;
            }

            offendingOption = number;
            if (number is CoapOptionNumber.ProxyUri or CoapOptionNumber.ProxyScheme)
            {
                return RequestRejection.ProxyingNotSupported;
            }

            if (!supported.Contains(number) || registry.Find(number) is not { } definition)
            {
                return RequestRejection.UnsupportedCriticalOption;
            }

            if (!definition.IsValidLength(cursor.Value.Length))
            {
                return RequestRejection.MalformedCriticalOption;
            }

            if (repeated && !definition.Repeatable)
            {
                return RequestRejection.RepeatedCriticalOption;
            }
        }

        offendingOption = 0;
        if ((seen & BlockOptions.Block) != 0 && (seen & BlockOptions.QBlock) != 0)
        {
            offendingOption = (seen & BlockOptions.QBlock1) != 0 ? CoapOptionNumber.QBlock1 : CoapOptionNumber.QBlock2;
            return RequestRejection.BlockMix;
        }

        if ((seen & BlockOptions.QBlock1) != 0 && (seen & (BlockOptions.RequestTag | BlockOptions.Size1)) != (BlockOptions.RequestTag | BlockOptions.Size1))
        {
            return RequestRejection.QBlockIncomplete;
        }

        if (request.Code.Value > CoapCode.IPatch.Value)
        {
            return RequestRejection.MethodNotAllowed;
        }

        return request.Payload.Length > maxPayload ? RequestRejection.PayloadTooLarge : RequestRejection.None;
    }

    /// <summary>Rejections that are 4.02 for CON and a Reset for NON.</summary>
    public static bool IsBadOption(RequestRejection rejection) =>
        rejection is RequestRejection.UnsupportedCriticalOption or RequestRejection.MalformedCriticalOption or RequestRejection.RepeatedCriticalOption
            or RequestRejection.BlockMix;

    // Only options the loop already met are classified: Q-Block ones pass only where Q-Block is supported.
    private static BlockOptions Classify(int number) => number switch
    {
        CoapOptionNumber.Block1 or CoapOptionNumber.Block2 => BlockOptions.Block,
        CoapOptionNumber.QBlock1 => BlockOptions.QBlock1,
        CoapOptionNumber.QBlock2 => BlockOptions.QBlock2,
        CoapOptionNumber.RequestTag => BlockOptions.RequestTag,
        CoapOptionNumber.Size1 => BlockOptions.Size1,
        _ => BlockOptions.None,
    };

    [Flags]
    private enum BlockOptions
    {
        None = 0,
        Block = 1,
        QBlock1 = 2,
        QBlock2 = 4,
        QBlock = QBlock1 | QBlock2,
        RequestTag = 8,
        Size1 = 16,
    }

    public static CoapCode ToCode(RequestRejection rejection) => rejection switch
    {
        RequestRejection.ProxyingNotSupported => CoapCode.ProxyingNotSupported,
        RequestRejection.PayloadTooLarge => CoapCode.RequestEntityTooLarge,
        RequestRejection.MethodNotAllowed => CoapCode.MethodNotAllowed,
        RequestRejection.Overloaded => CoapCode.ServiceUnavailable,
        RequestRejection.QBlockIncomplete => CoapCode.BadRequest,
        _ => CoapCode.BadOption,
    };

    public static string Describe(RequestRejection rejection) => rejection switch
    {
        RequestRejection.UnsupportedCriticalOption => "unrecognised critical option",
        RequestRejection.MalformedCriticalOption => "critical option with an invalid length",
        RequestRejection.RepeatedCriticalOption => "non-repeatable critical option repeated",
        RequestRejection.ProxyingNotSupported => "this endpoint is not a proxy",
        RequestRejection.PayloadTooLarge => "payload too large",
        RequestRejection.MethodNotAllowed => "unknown method",
        RequestRejection.Overloaded => "too many concurrent requests",
        RequestRejection.BlockMix => "Block and Q-Block options in one request",
        RequestRejection.QBlockIncomplete => "Q-Block1 without Request-Tag or Size1",
        RequestRejection.QBlockUnderOscore => "Q-Block is not offered under OSCORE",
        _ => "rejected",
    };
}
