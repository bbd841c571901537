using Coap.Codec;

namespace Coap.Tests.Codec;

/// <summary>The uint option format (RFC 7252 §3.2): big-endian, shortest form, zero is empty.</summary>
public class CoapUIntTests
{
    [Theory]
    [InlineData(0u, 0)]
    [InlineData(1u, 1)]
    [InlineData(255u, 1)]
    [InlineData(256u, 2)]
    [InlineData(65535u, 2)]
    [InlineData(65536u, 3)]
    [InlineData(0x00FF_FFFFu, 3)]
    [InlineData(0x0100_0000u, 4)]
    [InlineData(uint.MaxValue, 4)]
    public void GetLength_Value_IsTheShortestEncodingLength(uint value, int expected)
    {
        Assert.Equal(expected, CoapUInt.GetLength(value));
    }

    [Theory]
    [InlineData(0u, "")]
    [InlineData(1u, "01")]
    [InlineData(255u, "ff")]
    [InlineData(256u, "01 00")]
    [InlineData(5683u, "16 33")]
    [InlineData(65535u, "ff ff")]
    [InlineData(65536u, "01 00 00")]
    [InlineData(0x0102_0304u, "01 02 03 04")]
    [InlineData(uint.MaxValue, "ff ff ff ff")]
    public void Write_Value_WritesBigEndianWithoutLeadingZeros(uint value, string expectedHex)
    {
        var buffer = new byte[8];

        var length = CoapUInt.Write(buffer, value);

        Wire.Equal(expectedHex, buffer.AsSpan(0, length));
        Assert.All(buffer[length..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Write_Zero_WritesNothingEvenIntoAnEmptySpan()
    {
        Assert.Equal(0, CoapUInt.Write(Span<byte>.Empty, 0));
    }

    [Theory]
    [InlineData("", 0u)]
    [InlineData("00", 0u)]
    [InlineData("01", 1u)]
    [InlineData("ff", 255u)]
    [InlineData("01 00", 256u)]
    [InlineData("00 01", 1u)]
    [InlineData("00 00 00 01", 1u)]
    [InlineData("00 00 00 00 00 00 00 01", 1u)]
    [InlineData("00 00 00 00", 0u)]
    [InlineData("00 ff ff ff ff", uint.MaxValue)]
    [InlineData("00 00 01 02 03 04", 0x0102_0304u)]
    [InlineData("12 34 56 78", 0x1234_5678u)]
    public void Read_Bytes_ToleratesLeadingZeros(string hex, uint expected)
    {
        Assert.Equal(expected, CoapUInt.Read(Wire.Bytes(hex)));
    }

    [Theory]
    [InlineData("01 00 00 00 00")]
    [InlineData("ff ff ff ff ff")]
    [InlineData("00 01 00 00 00 00")]
    [InlineData("01 02 03 04 05 06 07 08")]
    public void Read_MoreThanFourSignificantBytes_SaturatesAtUIntMax(string hex)
    {
        Assert.Equal(uint.MaxValue, CoapUInt.Read(Wire.Bytes(hex)));
    }

    [Fact]
    public void WriteThenRead_RandomValues_RoundTrip()
    {
        var random = new Random(3);
        var buffer = new byte[4];
        for (var i = 0; i < 10_000; i++)
        {
            var value = (uint)random.NextInt64(0, 1L << 32) >> random.Next(32);

            var length = CoapUInt.Write(buffer, value);

            Assert.Equal(CoapUInt.GetLength(value), length);
            Assert.Equal(value, CoapUInt.Read(buffer.AsSpan(0, length)));
            if (length > 0)
            {
                Assert.NotEqual(0, buffer[0]);
            }
        }
    }

    [Fact]
    public void CoapOption_FromUInt_UsesShortestEncodingAndReadsBack()
    {
        Assert.Equal(0, CoapOption.FromUInt(CoapOptionNumber.ContentFormat, 0).Value.Length);
        Wire.Equal("01 00", CoapOption.FromUInt(CoapOptionNumber.Size1, 256).Value.Span);
        Assert.Equal(65536u, CoapOption.FromUInt(CoapOptionNumber.Size2, 65536).GetUInt());
    }
}
