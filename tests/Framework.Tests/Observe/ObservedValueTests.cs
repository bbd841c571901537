using System.Text;
using Coap.Observe;

namespace Coap.Tests.Observe;

public sealed class ObservedValueTests
{
    private static ObservedValue FromUtf8(string text, int? contentFormat) =>
        ObservedValue.FromPayload(Encoding.UTF8.GetBytes(text), contentFormat);

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(60)]
    [InlineData(42)]
    public void EmptyPayload_IsNone(int? contentFormat) =>
        Assert.Equal(ObservedValueKind.None, ObservedValue.FromPayload(ReadOnlyMemory<byte>.Empty, contentFormat).Kind);

    [Theory]
    [InlineData("18.5", 18.5)]
    [InlineData("18.5 Cel", 18.5)]
    [InlineData("  -3 \r\n", -3)]
    [InlineData("26\tCel", 26)]
    [InlineData("1e3", 1000)]
    [InlineData("0", 0)]
    public void PlainText_Number(string text, double expected)
    {
        foreach (var contentFormat in new int?[] { null, 0 })
        {
            var value = FromUtf8(text, contentFormat);

            Assert.Equal(ObservedValueKind.Number, value.Kind);
            Assert.Equal(expected, value.Number);
            Assert.True(value.Text.IsEmpty);
        }
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData(" TRUE\n", true)]
    public void PlainText_Boolean(string text, bool expected)
    {
        var value = FromUtf8(text, 0);

        Assert.Equal(ObservedValueKind.Boolean, value.Kind);
        Assert.Equal(expected, value.Boolean);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("12:30")]
    [InlineData("18.5Cel")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("truely")]
    [InlineData("1,5")]
    public void PlainText_Other_IsText(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);

        var value = ObservedValue.FromPayload(payload, 0);

        Assert.Equal(ObservedValueKind.Text, value.Kind);
        Assert.True(value.Text.Span.SequenceEqual(payload));
    }

    [Fact]
    public void Text_ReferencesThePayload()
    {
        var payload = new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes("on and off"));

        var value = ObservedValue.FromPayload(payload, 0);

        Assert.True(value.Text.Equals(payload));
    }

    [Theory]
    [InlineData("26.5", 26.5)]
    [InlineData(" -4 ", -4)]
    [InlineData("1.5e2", 150)]
    public void Json_Number(string json, double expected)
    {
        var value = FromUtf8(json, 50);

        Assert.Equal(ObservedValueKind.Number, value.Kind);
        Assert.Equal(expected, value.Number);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("\nfalse ", false)]
    public void Json_Boolean(string json, bool expected)
    {
        var value = FromUtf8(json, 50);

        Assert.Equal(ObservedValueKind.Boolean, value.Kind);
        Assert.Equal(expected, value.Boolean);
    }

    [Theory]
    [InlineData("{\"t\":26}")]
    [InlineData("[26]")]
    [InlineData("\"26\"")]
    [InlineData("null")]
    [InlineData("26 27")]
    [InlineData("26 Cel")]
    [InlineData("nope")]
    [InlineData("TRUE")]
    public void Json_Other_IsText(string json) =>
        Assert.Equal(ObservedValueKind.Text, FromUtf8(json, 50).Kind);

    [Theory]
    [InlineData("181a", 26)]
    [InlineData("17", 23)]
    [InlineData("3863", -100)]
    [InlineData("f94e00", 24)]
    [InlineData("fa41d40000", 26.5)]
    [InlineData("fb403a800000000000", 26.5)]
    [InlineData("1bffffffffffffffff", 18446744073709551615d)]
    [InlineData("3bffffffffffffffff", -18446744073709551616d)]
    public void Cbor_Number(string hex, double expected)
    {
        var value = ObservedValue.FromPayload(Convert.FromHexString(hex), 60);

        Assert.Equal(ObservedValueKind.Number, value.Kind);
        Assert.Equal(expected, value.Number);
    }

    [Theory]
    [InlineData("f5", true)]
    [InlineData("f4", false)]
    public void Cbor_Boolean(string hex, bool expected)
    {
        var value = ObservedValue.FromPayload(Convert.FromHexString(hex), 60);

        Assert.Equal(ObservedValueKind.Boolean, value.Kind);
        Assert.Equal(expected, value.Boolean);
    }

    [Theory]
    [InlineData("63616263")] // "abc"
    [InlineData("81181a")] // [26]
    [InlineData("181a01")] // 26 followed by trailing data
    [InlineData("c24101")] // bignum tag
    [InlineData("f6")] // null
    [InlineData("f97e00")] // NaN
    [InlineData("18")] // truncated
    [InlineData("ff")] // malformed
    public void Cbor_Other_IsText(string hex) =>
        Assert.Equal(ObservedValueKind.Text, ObservedValue.FromPayload(Convert.FromHexString(hex), 60).Kind);

    [Theory]
    [InlineData(40)]
    [InlineData(42)]
    [InlineData(110)]
    public void OtherContentFormat_IsText(int contentFormat) =>
        Assert.Equal(ObservedValueKind.Text, FromUtf8("26", contentFormat).Kind);

    [Fact]
    public void SameAs_ComparesKindAndValue()
    {
        Assert.True(ObservedValue.FromNumber(26).SameAs(ObservedValue.FromNumber(26.0)));
        Assert.False(ObservedValue.FromNumber(26).SameAs(ObservedValue.FromNumber(26.5)));
        Assert.True(ObservedValue.FromBoolean(true).SameAs(ObservedValue.FromBoolean(true)));
        Assert.False(ObservedValue.FromBoolean(true).SameAs(ObservedValue.FromBoolean(false)));
        Assert.False(ObservedValue.FromNumber(1).SameAs(ObservedValue.FromBoolean(true)));
        Assert.True(ObservedValue.FromText(Encoding.UTF8.GetBytes("abc")).SameAs(ObservedValue.FromText(Encoding.UTF8.GetBytes("abc"))));
        Assert.False(ObservedValue.FromText(Encoding.UTF8.GetBytes("abc")).SameAs(ObservedValue.FromText(Encoding.UTF8.GetBytes("abd"))));
        Assert.False(ObservedValue.FromText(Encoding.UTF8.GetBytes("26")).SameAs(ObservedValue.FromNumber(26)));
        Assert.True(ObservedValue.None.SameAs(ObservedValue.None));
        Assert.False(ObservedValue.None.SameAs(ObservedValue.FromNumber(0)));
    }

    [Fact]
    public void FromPayload_SameRepresentationWithOtherUnitSpacing_IsSameNumber() =>
        Assert.True(FromUtf8("26 Cel", 0).SameAs(FromUtf8("26.0  Cel", 0)));
}
