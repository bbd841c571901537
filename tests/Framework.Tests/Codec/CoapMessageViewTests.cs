using Coap.Codec;

namespace Coap.Tests.Codec;

/// <summary>The zero-copy view and its options cursor.</summary>
public class CoapMessageViewTests
{
    // CON GET MID 0x1234 token 0xab, Uri-Host "h", Uri-Path "a", Uri-Path "b", Content-Format 50, Size1 1024, payload "x".
    private static readonly byte[] _sample = Wire.Bytes("41 01 12 34 ab 31 68 81 61 01 62 11 32 d2 23 04 00 ff 78");

    [Fact]
    public void Options_Cursor_WalksOptionsInWireOrderWithAbsoluteNumbers()
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(_sample, out var message));

        var cursor = message.Options;
        Assert.True(cursor.MoveNext());
        Assert.Equal(CoapOptionNumber.UriHost, cursor.Number);
        Wire.Equal("68", cursor.Value);
        Assert.True(cursor.MoveNext());
        Assert.Equal(CoapOptionNumber.UriPath, cursor.Number);
        Wire.Equal("61", cursor.Value);
        Assert.True(cursor.MoveNext());
        Assert.Equal(CoapOptionNumber.UriPath, cursor.Number);
        Wire.Equal("62", cursor.Value);
        Assert.True(cursor.MoveNext());
        Assert.Equal(CoapOptionNumber.ContentFormat, cursor.Number);
        Assert.Equal(50u, cursor.Current.GetUInt());
        Assert.True(cursor.MoveNext());
        Assert.Equal(CoapOptionNumber.Size1, cursor.Number);
        Assert.Equal(1024u, cursor.Current.GetUInt());
        Assert.False(cursor.MoveNext());
        Assert.False(cursor.MoveNext());
    }

    [Fact]
    public void Options_Foreach_YieldsOptionViews()
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(_sample, out var message));

        var names = new List<string>();
        foreach (var option in message.Options)
        {
            names.Add($"{option.Number}={option.GetString()}");
        }

        Assert.Equal(5, names.Count);
        Assert.Equal("3=h", names[0]);
        Assert.Equal("11=a", names[1]);
        Assert.Equal("11=b", names[2]);
    }

    [Fact]
    public void Options_EnumeratedTwice_StartsOverEachTime()
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(_sample, out var message));

        Assert.Equal(Wire.OptionsOf(message).Select(o => o.Number), Wire.OptionsOf(message).Select(o => o.Number));
    }

    [Fact]
    public void TryGetOption_RepeatedOption_ReturnsTheFirstOccurrence()
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(_sample, out var message));

        Assert.True(message.TryGetOption(CoapOptionNumber.UriPath, out var value));
        Wire.Equal("61", value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(13)]
    [InlineData(61)]
    [InlineData(65535)]
    public void TryGetOption_AbsentOption_ReturnsFalseAndEmptyValue(int number)
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(_sample, out var message));

        Assert.False(message.TryGetOption(number, out var value));
        Assert.True(value.IsEmpty);
        Assert.False(message.HasOption(number));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(60)]
    public void HasOption_PresentOption_IsTrue(int number)
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(_sample, out var message));

        Assert.True(message.HasOption(number));
    }

    [Fact]
    public void TryGetOption_EmptyValuedOption_IsFoundWithEmptyValue()
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(Wire.Bytes("40 01 00 00 50"), out var message));

        Assert.True(message.TryGetOption(CoapOptionNumber.IfNoneMatch, out var value));
        Assert.True(value.IsEmpty);
    }

    [Fact]
    public void RawOptions_IsExactlyTheBytesBetweenTokenAndMarker()
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(_sample, out var message));

        Wire.Equal("31 68 81 61 01 62 11 32 d2 23 04 00", message.RawOptions);
        Wire.Equal("78", message.Payload);
        Wire.Equal("ab", message.Token);
    }

    [Fact]
    public void View_SlicesTheDatagramInPlace()
    {
        var datagram = (byte[])_sample.Clone();
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));

        datagram[^1] = 0x79;
        datagram[4] = 0xcd;

        Wire.Equal("79", message.Payload);
        Wire.Equal("cd", message.Token);
    }

    [Fact]
    public void OptionView_GetUIntOfLongValue_Saturates()
    {
        var view = new CoapOptionView(14, Wire.Bytes("01 00 00 00 00"));

        Assert.Equal(uint.MaxValue, view.GetUInt());
        Assert.Equal(14, view.Number);
    }

    [Fact]
    public void OptionView_GetString_DecodesUtf8()
    {
        var view = new CoapOptionView(11, Wire.Bytes("c3 a9 74 c3 a9"));

        Assert.Equal("été", view.GetString());
    }

    [Fact]
    public void Cursor_OverMalformedBytes_StopsInsteadOfThrowing()
    {
        var cursor = new CoapOptionsCursor(Wire.Bytes("b1 61 f0 00"));

        Assert.True(cursor.MoveNext());
        Assert.Equal(11, cursor.Number);
        Assert.False(cursor.MoveNext());
        Assert.False(cursor.MoveNext());
    }

    [Fact]
    public void Cursor_OverTruncatedBytes_StopsInsteadOfThrowing()
    {
        var cursor = new CoapOptionsCursor(Wire.Bytes("b5 61"));

        Assert.False(cursor.MoveNext());
    }

    [Fact]
    public void Cursor_ReachingAPayloadMarker_Stops()
    {
        var cursor = new CoapOptionsCursor(Wire.Bytes("b1 61 ff 01 02"));

        Assert.True(cursor.MoveNext());
        Assert.False(cursor.MoveNext());
    }

    [Fact]
    public void Cursor_Default_HasNoOptions()
    {
        var cursor = default(CoapOptionsCursor);

        Assert.False(cursor.MoveNext());
    }
}
