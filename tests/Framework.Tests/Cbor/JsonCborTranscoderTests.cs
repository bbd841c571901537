using System.Buffers;
using System.Text;
using System.Text.Json;
using Coap.Cbor;
using Coap.TestUtilities;

namespace Coap.Tests.Cbor;

public sealed class JsonCborTranscoderTests
{
    [Theory]
    [InlineData("{\"a\":1,\"b\":[2,3]}", "A26161016162820203")]
    [InlineData("[\"a\",{\"b\":\"c\"}]", "826161A161626163")]
    [InlineData("-1000", "3903E7")]
    [InlineData("1.5", "F93E00")]
    [InlineData("[true,false,null]", "83F5F4F6")]
    [InlineData("18446744073709551615", "1BFFFFFFFFFFFFFFFF")]
    public void JsonToCbor_MatchesRfc8949Encodings(string json, string hex)
    {
        var writer = new CborWriter();

        JsonCborTranscoder.JsonToCbor(Encoding.UTF8.GetBytes(json), writer);

        Assert.Equal(hex, Hex.Format(writer.Encode()));
    }

    [Theory]
    [InlineData("A26161016162820203", "{\"a\":1,\"b\":[2,3]}")]
    [InlineData("BF61610161629F0203FFFF", "{\"a\":1,\"b\":[2,3]}")]
    [InlineData("C11A514B67B0", "1363896240")]
    [InlineData("4401020304", "\"AQIDBA\"")]
    [InlineData("3BFFFFFFFFFFFFFFFF", "-1.8446744073709552E+19")]
    public void CborToJson_GivesTheJsonForm(string hex, string json)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            var reader = new CborReader(Hex.Parse(hex));
            JsonCborTranscoder.CborToJson(ref reader, writer);
        }

        Assert.Equal(json, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("A10102")]
    [InlineData("F97E00")]
    [InlineData("F7")]
    public void CborWithoutJsonForm_IsRejected(string hex)
    {
        using var writer = new Utf8JsonWriter(new ArrayBufferWriter<byte>());

        Assert.Throws<CborContentException>(() =>
        {
            var reader = new CborReader(Hex.Parse(hex));
            JsonCborTranscoder.CborToJson(ref reader, writer);
        });
    }
}
