using Coap.Cbor;

namespace Coap.Tests.Cbor;

/// <summary>
/// RFC 8949 Appendix A, Table 6 ("Examples of Encoded CBOR Data Items"), every row, in order.
/// RFC 8949 dropped RFC 7049's <c>simple(24) = 0xf818</c>, which is not well-formed (erratum 5917);
/// it is kept below as a must-reject case.
/// </summary>
internal static class CborAppendixA
{
    /// <summary>The RFC 7049 row that RFC 8949 removed: a one-byte simple value in two-byte form.</summary>
    public const string NotWellFormedSimple24 = "f818";

    private const string Bignum = "010000000000000000"; // 2^64, big-endian (RFC 8949 §3.4.3)

    private static readonly byte[] _oneToTwentyFive = [.. Enumerable.Range(1, 25).Select(i => (byte)i)];

    /// <summary>The positive quiet NaN 0x7ff8000000000000; .NET's double.NaN has the sign bit set.</summary>
    public static readonly double QuietNaN = BitConverter.UInt64BitsToDouble(0x7ff8_0000_0000_0000);

    /// <summary>Every row of the table.</summary>
    public static IReadOnlyList<CborExample> All { get; } =
    [
        new("0", "00", w => w.WriteUInt64(0)),
        new("1", "01", w => w.WriteUInt64(1)),
        new("10", "0a", w => w.WriteUInt64(10)),
        new("23", "17", w => w.WriteUInt64(23)),
        new("24", "1818", w => w.WriteUInt64(24)),
        new("25", "1819", w => w.WriteUInt64(25)),
        new("100", "1864", w => w.WriteUInt64(100)),
        new("1000", "1903e8", w => w.WriteUInt64(1000)),
        new("1000000", "1a000f4240", w => w.WriteUInt64(1000000)),
        new("1000000000000", "1b000000e8d4a51000", w => w.WriteUInt64(1000000000000)),
        new("18446744073709551615", "1bffffffffffffffff", w => w.WriteUInt64(ulong.MaxValue)),
        new("18446744073709551616", "c249010000000000000000", w => WriteBignum(w, 2), Decoded: $"2(h'{Bignum}')"),
        new("-18446744073709551616", "3bffffffffffffffff", w => w.WriteCborNegativeIntegerRepresentation(ulong.MaxValue)),
        new("-18446744073709551617", "c349010000000000000000", w => WriteBignum(w, 3), Decoded: $"3(h'{Bignum}')"),
        new("-1", "20", w => w.WriteInt64(-1)),
        new("-10", "29", w => w.WriteInt64(-10)),
        new("-100", "3863", w => w.WriteInt64(-100)),
        new("-1000", "3903e7", w => w.WriteInt64(-1000)),

        new("0.0", "f90000", w => w.WriteFloatingPoint(0.0)),
        new("-0.0", "f98000", w => w.WriteFloatingPoint(-0.0)),
        new("1.0", "f93c00", w => w.WriteFloatingPoint(1.0)),
        new("1.1", "fb3ff199999999999a", w => w.WriteFloatingPoint(1.1)),
        new("1.5", "f93e00", w => w.WriteFloatingPoint(1.5)),
        new("65504.0", "f97bff", w => w.WriteFloatingPoint(65504.0)),
        new("100000.0", "fa47c35000", w => w.WriteFloatingPoint(100000.0)),
        new("3.4028234663852886e+38", "fa7f7fffff", w => w.WriteFloatingPoint(3.4028234663852886e+38)),
        new("1.0e+300", "fb7e37e43c8800759c", w => w.WriteFloatingPoint(1.0e+300)),
        new("5.960464477539063e-8", "f90001", w => w.WriteFloatingPoint(5.960464477539063e-8)),

        // Our printer uses exponent form below 1e-5; the value is compared numerically as well.
        new("0.00006103515625", "f90400", w => w.WriteFloatingPoint(0.00006103515625), Decoded: "6.103515625e-5"),
        new("-4.0", "f9c400", w => w.WriteFloatingPoint(-4.0)),
        new("-4.1", "fbc010666666666666", w => w.WriteFloatingPoint(-4.1)),
        new("Infinity", "f97c00", w => w.WriteFloatingPoint(double.PositiveInfinity)),
        new("NaN", "f97e00", w => w.WriteFloatingPoint(QuietNaN)),
        new("-Infinity", "f9fc00", w => w.WriteFloatingPoint(double.NegativeInfinity)),
        new("Infinity", "fa7f800000", w => w.WriteFloatingPoint(double.PositiveInfinity), "f97c00", w => w.WriteSingle(float.PositiveInfinity)),
        new("NaN", "fa7fc00000", w => w.WriteFloatingPoint(QuietNaN), "f97e00", w => w.WriteSingle(BitConverter.UInt32BitsToSingle(0x7fc00000))),
        new("-Infinity", "faff800000", w => w.WriteFloatingPoint(double.NegativeInfinity), "f9fc00", w => w.WriteSingle(float.NegativeInfinity)),
        new("Infinity", "fb7ff0000000000000", w => w.WriteFloatingPoint(double.PositiveInfinity), "f97c00", w => w.WriteDouble(double.PositiveInfinity)),
        new("NaN", "fb7ff8000000000000", w => w.WriteFloatingPoint(QuietNaN), "f97e00", w => w.WriteDouble(QuietNaN)),
        new("-Infinity", "fbfff0000000000000", w => w.WriteFloatingPoint(double.NegativeInfinity), "f9fc00", w => w.WriteDouble(double.NegativeInfinity)),

        new("false", "f4", w => w.WriteBoolean(false)),
        new("true", "f5", w => w.WriteBoolean(true)),
        new("null", "f6", w => w.WriteNull()),
        new("undefined", "f7", w => w.WriteUndefined()),
        new("simple(16)", "f0", w => w.WriteSimpleValue(16)),
        new("simple(255)", "f8ff", w => w.WriteSimpleValue(255)),

        new("0(\"2013-03-21T20:04:00Z\")", "c074323031332d30332d32315432303a30343a30305a", w =>
        {
            w.WriteTag(0);
            w.WriteTextString("2013-03-21T20:04:00Z");
        }),
        new("1(1363896240)", "c11a514b67b0", w =>
        {
            w.WriteTag(1);
            w.WriteUInt64(1363896240);
        }),
        new("1(1363896240.5)", "c1fb41d452d9ec200000", w =>
        {
            w.WriteTag(1);
            w.WriteFloatingPoint(1363896240.5);
        }),
        new("23(h'01020304')", "d74401020304", w =>
        {
            w.WriteTag(23);
            w.WriteByteString([1, 2, 3, 4]);
        }),
        new("24(h'6449455446')", "d818456449455446", w =>
        {
            w.WriteTag(24);
            w.WriteByteString([0x64, 0x49, 0x45, 0x54, 0x46]);
        }),
        new("32(\"http://www.example.com\")", "d82076687474703a2f2f7777772e6578616d706c652e636f6d", w =>
        {
            w.WriteTag(32);
            w.WriteTextString("http://www.example.com");
        }),

        new("h''", "40", w => w.WriteByteString([])),
        new("h'01020304'", "4401020304", w => w.WriteByteString([1, 2, 3, 4])),
        new("\"\"", "60", w => w.WriteTextString("")),
        new("\"a\"", "6161", w => w.WriteTextString("a")),
        new("\"IETF\"", "6449455446", w => w.WriteTextString("IETF")),
        new("\"\\\"\\\\\"", "62225c", w => w.WriteTextString("\"\\")),
        new("\"\\u00fc\"", "62c3bc", w => w.WriteTextString("\u00fc")),
        new("\"\\u6c34\"", "63e6b0b4", w => w.WriteTextString("\u6c34")),
        new("\"\\ud800\\udd51\"", "64f0908591", w => w.WriteTextString("\ud800\udd51")),

        new("[]", "80", w => WriteArray(w, 0)),
        new("[1, 2, 3]", "83010203", w => WriteArray(w, 3, 1, 2, 3)),
        new("[1, [2, 3], [4, 5]]", "8301820203820405", w => Nested(w, outer: 3, first: 2, second: 2)),
        new(
            "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]",
            "98190102030405060708090a0b0c0d0e0f101112131415161718181819",
            w => WriteArray(w, 25, _oneToTwentyFive)),
        new("{}", "a0", w =>
        {
            w.WriteStartMap(0);
            w.WriteEndMap();
        }),
        new("{1: 2, 3: 4}", "a201020304", w =>
        {
            w.WriteStartMap(2);
            w.WriteUInt64(1);
            w.WriteUInt64(2);
            w.WriteUInt64(3);
            w.WriteUInt64(4);
            w.WriteEndMap();
        }),
        new("{\"a\": 1, \"b\": [2, 3]}", "a26161016162820203", w => MapAB(w, 2, arrayLength: 2)),
        new("[\"a\", {\"b\": \"c\"}]", "826161a161626163", w => ArrayWithMap(w, 2, mapLength: 1)),
        new(
            "{\"a\": \"A\", \"b\": \"B\", \"c\": \"C\", \"d\": \"D\", \"e\": \"E\"}",
            "a56161614161626142616361436164614461656145",
            w =>
            {
                w.WriteStartMap(5);
                foreach (var key in "abcde")
                {
                    w.WriteTextString(key.ToString());
                    w.WriteTextString(char.ToUpperInvariant(key).ToString());
                }

                w.WriteEndMap();
            }),

        new(
            "(_ h'0102', h'030405')",
            "5f42010243030405ff",
            w => w.WriteByteString([1, 2, 3, 4, 5]),
            "450102030405",
            w =>
            {
                w.WriteStartIndefiniteLengthByteString();
                w.WriteByteString([1, 2]);
                w.WriteByteString([3, 4, 5]);
                w.WriteEndIndefiniteLengthByteString();
            }),
        new(
            "(_ \"strea\", \"ming\")",
            "7f657374726561646d696e67ff",
            w => w.WriteTextString("streaming"),
            "6973747265616d696e67",
            w =>
            {
                w.WriteStartIndefiniteLengthTextString();
                w.WriteTextString("strea");
                w.WriteTextString("ming");
                w.WriteEndIndefiniteLengthTextString();
            }),
        new("[_ ]", "9fff", w => WriteArray(w, 0), "80", w => WriteArray(w, null)),
        new(
            "[_ 1, [2, 3], [_ 4, 5]]",
            "9f018202039f0405ffff",
            w => Nested(w, outer: 3, first: 2, second: 2),
            "8301820203820405",
            w => Nested(w, outer: null, first: 2, second: null)),
        new(
            "[_ 1, [2, 3], [4, 5]]",
            "9f01820203820405ff",
            w => Nested(w, outer: 3, first: 2, second: 2),
            "8301820203820405",
            w => Nested(w, outer: null, first: 2, second: 2)),
        new(
            "[1, [2, 3], [_ 4, 5]]",
            "83018202039f0405ff",
            w => Nested(w, outer: 3, first: 2, second: 2),
            "8301820203820405",
            w => Nested(w, outer: 3, first: 2, second: null)),
        new(
            "[1, [_ 2, 3], [4, 5]]",
            "83019f0203ff820405",
            w => Nested(w, outer: 3, first: 2, second: 2),
            "8301820203820405",
            w => Nested(w, outer: 3, first: null, second: 2)),
        new(
            "[_ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]",
            "9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff",
            w => WriteArray(w, 25, _oneToTwentyFive),
            "98190102030405060708090a0b0c0d0e0f101112131415161718181819",
            w => WriteArray(w, null, _oneToTwentyFive)),
        new(
            "{_ \"a\": 1, \"b\": [_ 2, 3]}",
            "bf61610161629f0203ffff",
            w => MapAB(w, 2, arrayLength: 2),
            "a26161016162820203",
            w => MapAB(w, null, arrayLength: null)),
        new(
            "[\"a\", {_ \"b\": \"c\"}]",
            "826161bf61626163ff",
            w => ArrayWithMap(w, 2, mapLength: 1),
            "826161a161626163",
            w => ArrayWithMap(w, 2, mapLength: null)),
        new(
            "{_ \"Fun\": true, \"Amt\": -2}",
            "bf6346756ef563416d7421ff",
            w => FunAmt(w, 2),
            "a26346756ef563416d7421",
            w => FunAmt(w, null)),
    ];

    /// <summary>The rows as theory data, by their (unique) hex.</summary>
    public static TheoryData<string> Hexes => [.. All.Select(e => e.Hex)];

    /// <summary>The rows whose encoding is the preferred serialization.</summary>
    public static TheoryData<string> PreferredHexes => [.. All.Where(e => e.IsPreferred).Select(e => e.Hex)];

    /// <summary>The rows whose encoding is not the preferred serialization.</summary>
    public static TheoryData<string> NonPreferredHexes => [.. All.Where(e => !e.IsPreferred).Select(e => e.Hex)];

    /// <summary>Looks a row up by its hex.</summary>
    public static CborExample Get(string hex) => All.Single(e => e.Hex == hex);

    private static void WriteBignum(CborWriter writer, ulong tag)
    {
        writer.WriteTag(tag);
        writer.WriteByteString(Convert.FromHexString(Bignum));
    }

    private static void WriteArray(CborWriter writer, int? length, params byte[] items)
    {
        writer.WriteStartArray(length);
        foreach (var item in items)
        {
            writer.WriteUInt64(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>[1, [2, 3], [4, 5]] with each array's length given, or null for indefinite.</summary>
    private static void Nested(CborWriter writer, int? outer, int? first, int? second)
    {
        writer.WriteStartArray(outer);
        writer.WriteUInt64(1);
        WriteArray(writer, first, 2, 3);
        WriteArray(writer, second, 4, 5);
        writer.WriteEndArray();
    }

    /// <summary>{"a": 1, "b": [2, 3]}.</summary>
    private static void MapAB(CborWriter writer, int? length, int? arrayLength)
    {
        writer.WriteStartMap(length);
        writer.WriteTextString("a");
        writer.WriteUInt64(1);
        writer.WriteTextString("b");
        WriteArray(writer, arrayLength, 2, 3);
        writer.WriteEndMap();
    }

    /// <summary>["a", {"b": "c"}].</summary>
    private static void ArrayWithMap(CborWriter writer, int? length, int? mapLength)
    {
        writer.WriteStartArray(length);
        writer.WriteTextString("a");
        writer.WriteStartMap(mapLength);
        writer.WriteTextString("b");
        writer.WriteTextString("c");
        writer.WriteEndMap();
        writer.WriteEndArray();
    }

    /// <summary>{"Fun": true, "Amt": -2}.</summary>
    private static void FunAmt(CborWriter writer, int? length)
    {
        writer.WriteStartMap(length);
        writer.WriteTextString("Fun");
        writer.WriteBoolean(true);
        writer.WriteTextString("Amt");
        writer.WriteInt64(-2);
        writer.WriteEndMap();
    }
}
