using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.IO.Pipelines;
using System.Text;

namespace Coap.Routing;

/// <summary>
/// Parsing of route values, query values and payloads, called by generated handler thunks.
/// Values are UTF-8 spans viewed in place; only strings and deserialised objects allocate.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
#pragma warning disable CS1591 // Plumbing for generated code; each overload says what it does by its types.
public static class CoapBinder
{
    public static bool TryParse(ReadOnlySpan<byte> utf8, out int value) => Utf8Parser.TryParse(utf8, out value, out var consumed) && consumed == utf8.Length;

    public static bool TryParse(ReadOnlySpan<byte> utf8, out long value) => Utf8Parser.TryParse(utf8, out value, out var consumed) && consumed == utf8.Length;

    public static bool TryParse(ReadOnlySpan<byte> utf8, out uint value) => Utf8Parser.TryParse(utf8, out value, out var consumed) && consumed == utf8.Length;

    public static bool TryParse(ReadOnlySpan<byte> utf8, out ushort value) => Utf8Parser.TryParse(utf8, out value, out var consumed) && consumed == utf8.Length;

    public static bool TryParse(ReadOnlySpan<byte> utf8, out double value) => Utf8Parser.TryParse(utf8, out value, out var consumed) && consumed == utf8.Length;

    public static bool TryParse(ReadOnlySpan<byte> utf8, out bool value)
    {
        if (utf8.SequenceEqual("true"u8) || utf8.SequenceEqual("1"u8))
        {
            value = true;
            return true;
        }

        value = false;
        return utf8.SequenceEqual("false"u8) || utf8.SequenceEqual("0"u8);
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8, out Guid value) =>
        Utf8Parser.TryParse(utf8, out value, out var consumed) && consumed == utf8.Length;

    public static bool TryParse(ReadOnlySpan<byte> utf8, out string value)
    {
        value = Encoding.UTF8.GetString(utf8);
        return true;
    }

    /// <summary>Parses an enum member name (case-insensitive) or number.</summary>
    public static bool TryParseEnum<TEnum>(ReadOnlySpan<byte> utf8, out TEnum value)
        where TEnum : struct, Enum
    {
        Span<char> chars = stackalloc char[64];
        if (utf8.Length > chars.Length || !Encoding.UTF8.TryGetChars(utf8, chars, out var written))
        {
            value = default;
            return false;
        }

        return Enum.TryParse(chars[..written], ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary>Whether the request's Content-Format (text/plain when absent) is one of the accepted ones.</summary>
    public static bool HasContentFormat(CoapContext context, ReadOnlySpan<ushort> accepted)
    {
        ArgumentNullException.ThrowIfNull(context);
        var format = context.TryGetOption(CoapOptionNumber.ContentFormat, out var raw)
            ? (ushort)Codec.CoapUInt.Read(raw)
            : (ushort?)null;
        if (format is null)
        {
            return context.Payload.IsEmpty || accepted.Contains(CoapContentFormat.TextPlain) || accepted.Contains(CoapContentFormat.OctetStream);
        }

        return accepted.Contains(format.Value);
    }

    /// <summary>The payload as UTF-8 text.</summary>
    public static string ReadText(CoapContext context) => Encoding.UTF8.GetString(context.Payload.Span);

    /// <summary>The payload copied into an array.</summary>
    public static byte[] ReadBytes(CoapContext context) => context.Payload.ToArray();

    /// <summary>
    /// The payload as a reader, not copied. An empty payload reads as <see cref="ReadOnlySequence{T}.Empty"/>:
    /// a sequence over an empty slice at a non-zero offset fails AdvanceTo(End)'s bounds check.
    /// </summary>
    public static PipeReader ReadBody(CoapContext context) =>
        PipeReader.Create(context.Payload.IsEmpty ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(context.Payload));

    /// <summary>
    /// The payload as an object: JSON (Content-Format 50) or CBOR (60), both through the
    /// application's System.Text.Json contract for <typeparamref name="T"/>.
    /// </summary>
    public static bool TryReadObject<T>(CoapContext context, out T? value, out string? error)
    {
        try
        {
            var typeInfo = CoapJson.GetTypeInfo<T>(context);
            if (ContentFormatOf(context) == CoapContentFormat.Cbor)
            {
                var json = new System.Buffers.ArrayBufferWriter<byte>(context.Payload.Length * 2);
                using (var writer = new System.Text.Json.Utf8JsonWriter(json))
                {
                    var reader = new Cbor.CborReader(context.Payload.Span);
                    Cbor.JsonCborTranscoder.CborToJson(ref reader, writer);
                    if (reader.BytesRemaining != 0)
                    {
                        throw new Cbor.CborContentException("More than one CBOR data item.");
                    }
                }

                value = System.Text.Json.JsonSerializer.Deserialize(json.WrittenSpan, typeInfo);
            }
            else
            {
                value = System.Text.Json.JsonSerializer.Deserialize(context.Payload.Span, typeInfo);
            }

            error = null;
            return true;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or Cbor.CborContentException)
        {
            value = default;
            error = ex.Message.Length > 120 ? ex.Message[..120] + "…" : ex.Message;
            return false;
        }
    }

    private static ushort? ContentFormatOf(CoapContext context) =>
        context.TryGetOption(CoapOptionNumber.ContentFormat, out var raw) ? (ushort)Codec.CoapUInt.Read(raw) : null;
}
#pragma warning restore CS1591
