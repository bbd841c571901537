using System.Diagnostics.CodeAnalysis;

namespace Coap;

/// <summary>
/// A CoAP code (RFC 7252 §3, §12.1): a 3-bit class and a 5-bit detail, written "c.dd".
/// Requests use class 0, responses classes 2, 4 and 5.
/// </summary>
public readonly record struct CoapCode(byte Value) : ISpanFormattable
{
    /// <summary>Creates a code from its class and detail.</summary>
    public CoapCode(int codeClass, int detail)
        : this((byte)((codeClass << 5) | detail))
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)codeClass, 7u);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)detail, 31u);
    }

    /// <summary>The class (0–7).</summary>
    public int Class => Value >> 5;

    /// <summary>The detail (0–31).</summary>
    public int Detail => Value & 0x1F;

    /// <summary>True for 0.00, the code of Empty messages.</summary>
    public bool IsEmpty => Value == 0;

    /// <summary>True for request codes 0.01–0.31.</summary>
    public bool IsRequest => Value is > 0 and < 32;

    /// <summary>True for response codes (classes 2–5).</summary>
    public bool IsResponse => Class is 2 or 4 or 5;

    /// <summary>True for 2.xx.</summary>
    public bool IsSuccess => Class == 2;

    /// <summary>True for the reserved classes 1, 3, 6 and 7.</summary>
    public bool IsReserved => Class is 1 or 3 or 6 or 7;

#pragma warning disable CS1591 // The names are the RFC's.
    public static readonly CoapCode Empty = new(0);
    public static readonly CoapCode Get = new(0, 1);
    public static readonly CoapCode Post = new(0, 2);
    public static readonly CoapCode Put = new(0, 3);
    public static readonly CoapCode Delete = new(0, 4);
    public static readonly CoapCode Fetch = new(0, 5);
    public static readonly CoapCode Patch = new(0, 6);
    public static readonly CoapCode IPatch = new(0, 7);

    public static readonly CoapCode Created = new(2, 1);
    public static readonly CoapCode Deleted = new(2, 2);
    public static readonly CoapCode Valid = new(2, 3);
    public static readonly CoapCode Changed = new(2, 4);
    public static readonly CoapCode Content = new(2, 5);
    public static readonly CoapCode Continue = new(2, 31);
    public static readonly CoapCode BadRequest = new(4, 0);
    public static readonly CoapCode Unauthorized = new(4, 1);
    public static readonly CoapCode BadOption = new(4, 2);
    public static readonly CoapCode Forbidden = new(4, 3);
    public static readonly CoapCode NotFound = new(4, 4);
    public static readonly CoapCode MethodNotAllowed = new(4, 5);
    public static readonly CoapCode NotAcceptable = new(4, 6);
    public static readonly CoapCode RequestEntityIncomplete = new(4, 8);
    public static readonly CoapCode Conflict = new(4, 9);
    public static readonly CoapCode PreconditionFailed = new(4, 12);
    public static readonly CoapCode RequestEntityTooLarge = new(4, 13);
    public static readonly CoapCode UnsupportedContentFormat = new(4, 15);
    public static readonly CoapCode UnprocessableEntity = new(4, 22);
    public static readonly CoapCode TooManyRequests = new(4, 29);
    public static readonly CoapCode InternalServerError = new(5, 0);
    public static readonly CoapCode NotImplemented = new(5, 1);
    public static readonly CoapCode BadGateway = new(5, 2);
    public static readonly CoapCode ServiceUnavailable = new(5, 3);
    public static readonly CoapCode GatewayTimeout = new(5, 4);
    public static readonly CoapCode ProxyingNotSupported = new(5, 5);
    public static readonly CoapCode HopLimitReached = new(5, 8);
#pragma warning restore CS1591

    /// <summary>The method name for request codes ("GET"), the dotted form otherwise.</summary>
    public string Name => Value switch
    {
        1 => "GET",
        2 => "POST",
        3 => "PUT",
        4 => "DELETE",
        5 => "FETCH",
        6 => "PATCH",
        7 => "iPATCH",
        _ => ToString(),
    };

    /// <summary>Parses "2.05" style text.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CoapCode code)
    {
        code = default;
        if (text.Length != 4 || text[1] != '.' || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[2]) || !char.IsAsciiDigit(text[3]))
        {
            return false;
        }

        int cls = text[0] - '0', detail = ((text[2] - '0') * 10) + (text[3] - '0');
        if (cls > 7 || detail > 31)
        {
            return false;
        }

        code = new CoapCode((byte)((cls << 5) | detail));
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => CodeNames.Get(Value);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, [StringSyntax(StringSyntaxAttribute.NumericFormat)] ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        if (destination.Length < 4)
        {
            return false;
        }

        destination[0] = (char)('0' + Class);
        destination[1] = '.';
        destination[2] = (char)('0' + (Detail / 10));
        destination[3] = (char)('0' + (Detail % 10));
        charsWritten = 4;
        return true;
    }

    /// <summary>Precomputed "c.dd" strings so formatting a code never allocates.</summary>
    private static class CodeNames
    {
        private static readonly string[] s_names = Create();

        public static string Get(byte value) => s_names[value];

        private static string[] Create()
        {
            var names = new string[256];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = $"{i >> 5}.{i & 0x1F:D2}";
            }

            return names;
        }
    }
}
