using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace Coap.Routing;

/// <summary>
/// Writes action results and routing errors into the response; called by generated code.
/// Errors carry a short diagnostic payload (RFC 7252 §5.5.2).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
#pragma warning disable CS1591 // Plumbing for generated code; each overload says what it does by its types.
public static class CoapResults
{
    public static void NotFound(CoapContext context) => context.Response.Code = CoapCode.NotFound;

    public static void MethodNotAllowed(CoapContext context) => context.Response.Code = CoapCode.MethodNotAllowed;

    public static void UnsupportedContentFormat(CoapContext context) => context.Response.Code = CoapCode.UnsupportedContentFormat;

    public static void NotAcceptable(CoapContext context) => context.Response.Code = CoapCode.NotAcceptable;

    /// <summary>4.00 naming the parameter that could not be bound and why.</summary>
    public static void BindingFailed(CoapContext context, string parameter, string reason)
    {
        var response = context.Response;
        response.Reset();
        response.Code = CoapCode.BadRequest;
        response.SetContentFormat(CoapContentFormat.TextPlain);
        response.WritePayload($"Invalid '{parameter}': {reason}".AsSpan());
    }

    /// <summary>Whether the request accepts this format (no Accept option accepts anything).</summary>
    public static bool Accepts(CoapContext context, ushort format) =>
        !context.TryGetOption(CoapOptionNumber.Accept, out var accept) || Codec.CoapUInt.Read(accept) == format;

    /// <summary>Whether the request accepts an object as JSON or CBOR (no Accept accepts anything).</summary>
    public static bool AcceptsObject(CoapContext context) =>
        Accepts(context, CoapContentFormat.Json) || Accepts(context, CoapContentFormat.Cbor);

    public static void Write(CoapContext context, CoapResult result) => result.WriteTo(context.Response);

    public static void Write(CoapContext context, string? text) => WriteText(context, text.AsSpan());

    public static void Write(CoapContext context, ReadOnlyMemory<byte> payload) => WriteBinary(context, payload);

    public static void Write(CoapContext context, byte[]? payload) => WriteBinary(context, payload);

    public static void Write(CoapContext context, int value) => WriteFormattable(context, value);

    public static void Write(CoapContext context, long value) => WriteFormattable(context, value);

    public static void Write(CoapContext context, double value) => WriteFormattable(context, value);

    public static void Write(CoapContext context, bool value) => WriteText(context, value ? "true" : "false");

    /// <summary>
    /// A value serialised per the request's Accept: JSON (50, also when there is no Accept) or
    /// CBOR (60), through the application's System.Text.Json contract; 4.06 for anything else.
    /// </summary>
    public static void WriteObject<T>(CoapContext context, T value)
    {
        var cbor = context.TryGetOption(CoapOptionNumber.Accept, out _) && Accepts(context, CoapContentFormat.Cbor);
        if (!cbor && !Accepts(context, CoapContentFormat.Json))
        {
            NotAcceptable(context);
            return;
        }

        var response = context.Response;
        response.Code = CoapCode.Content;
        var typeInfo = CoapJson.GetTypeInfo<T>(context);
        if (!cbor)
        {
            response.SetContentFormat(CoapContentFormat.Json);
            using var writer = new Utf8JsonWriter(response);
            JsonSerializer.Serialize(writer, value, typeInfo);
            return;
        }

        response.SetContentFormat(CoapContentFormat.Cbor);
        var json = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var cborWriter = new Cbor.CborWriter(response);
        Cbor.JsonCborTranscoder.JsonToCbor(json, cborWriter);
    }

    /// <summary>Adds Max-Age to a successful response (from <c>[MaxAge]</c>).</summary>
    public static void ApplyMaxAge(CoapContext context, uint seconds)
    {
        var response = context.Response;
        if (response.Code.IsSuccess && !response.HasOption(CoapOptionNumber.MaxAge))
        {
            response.AddOption(CoapOptionNumber.MaxAge, seconds);
        }
    }

    private static void WriteText(CoapContext context, ReadOnlySpan<char> text)
    {
        if (!Accepts(context, CoapContentFormat.TextPlain))
        {
            NotAcceptable(context);
            return;
        }

        var response = context.Response;
        response.Code = CoapCode.Content;
        response.SetContentFormat(CoapContentFormat.TextPlain);
        response.WritePayload(text);
    }

    private static void WriteFormattable<T>(CoapContext context, T value)
        where T : ISpanFormattable
    {
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        WriteText(context, text[..written]);
    }

    private static void WriteBinary(CoapContext context, ReadOnlyMemory<byte> payload)
    {
        if (!Accepts(context, CoapContentFormat.OctetStream))
        {
            NotAcceptable(context);
            return;
        }

        var response = context.Response;
        response.Code = CoapCode.Content;
        response.SetContentFormat(CoapContentFormat.OctetStream);
        response.SetPayload(payload);
    }
}
#pragma warning restore CS1591
