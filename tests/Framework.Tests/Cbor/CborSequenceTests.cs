using System.Buffers;
using Coap.Cbor;

namespace Coap.Tests.Cbor;

/// <summary>CBOR sequences (RFC 8742), as in a Q-Block 4.08 payload listing missing block numbers.</summary>
public class CborSequenceTests
{
    [Fact]
    public void UInt64s_EncodeAsConcatenatedShortestItems()
    {
        ulong[] missing = [0, 1, 23, 24, 255, 256, 1000, 65536, ulong.MaxValue];

        var encoded = CborSequence.EncodeUInt64s(missing);

        Assert.Equal("000117181818ff1901001903e81a000100001bffffffffffffffff", Convert.ToHexStringLower(encoded));
        Assert.Equal(missing, CborSequence.DecodeUInt64s(encoded));
        Assert.Equal(missing.Length, CborSequence.Count(encoded));
        Assert.Equal(missing, CborSequence.DecodeUInt64s(encoded, CborConformanceMode.Deterministic));
    }

    [Fact]
    public void UInt64s_WriteToABufferWriter()
    {
        var destination = new ArrayBufferWriter<byte>();
        destination.Write(new byte[] { 0xaa });

        var written = CborSequence.WriteUInt64s(destination, [3, 1000]);

        Assert.Equal(4, written);
        Assert.Equal("aa031903e8", Convert.ToHexStringLower(destination.WrittenSpan));
    }

    [Fact]
    public void EmptySequence_IsValid()
    {
        Assert.Empty(CborSequence.EncodeUInt64s([]));
        Assert.Empty(CborSequence.DecodeUInt64s([]));
        Assert.Equal(0, CborSequence.Count([]));
        Assert.Empty(CborSequence.CreateWriter().Encode());
    }

    [Theory]
    [InlineData("0161")] // truncated text after a valid item
    [InlineData("0118")] // truncated integer
    [InlineData("0120")] // negative
    [InlineData("016161")] // text
    [InlineData("01f6")] // null
    [InlineData("01c101")] // tagged
    [InlineData("01ff")] // stray break
    public void DecodeUInt64s_RejectsAnythingButUnsignedIntegers(string hex)
    {
        Assert.Throws<CborContentException>(() => CborSequence.DecodeUInt64s(Convert.FromHexString(hex)));
    }

    [Fact]
    public void DecodeUInt64s_DeterministicModeRejectsLongHeads()
    {
        var encoded = Convert.FromHexString("011817");

        Assert.Equal(new ulong[] { 1, 23 }, CborSequence.DecodeUInt64s(encoded));
        Assert.Throws<CborContentException>(() => CborSequence.DecodeUInt64s(encoded, CborConformanceMode.Deterministic));
    }

    [Fact]
    public void EnumerateItems_YieldsEachEncodedItem()
    {
        var encoded = Convert.FromHexString("01" + "820203" + "a0" + "c1f6" + "5f41aaff");
        var items = new List<string>();

        foreach (var item in CborSequence.EnumerateItems(encoded))
        {
            items.Add(Convert.ToHexStringLower(item));
        }

        Assert.Equal(["01", "820203", "a0", "c1f6", "5f41aaff"], items);
        Assert.Equal("1, [2, 3], {}, 1(null), (_ h'aa')", CborDiagnostic.FormatSequence(encoded));
    }

    [Fact]
    public void EnumerateItems_ThrowsAtTheFirstMalformedItem()
    {
        var encoded = Convert.FromHexString("0102ff03");
        var seen = 0;

        Assert.Throws<CborContentException>(() =>
        {
            foreach (var item in CborSequence.EnumerateItems(encoded))
            {
                _ = item;
                seen++;
            }
        });
        Assert.Equal(2, seen);
    }

    [Fact]
    public void Writer_AcceptsManyRootValues()
    {
        var writer = CborSequence.CreateWriter();
        writer.WriteUInt64(1);
        writer.WriteTextString("a");
        writer.WriteStartArray(0);
        writer.WriteEndArray();

        Assert.Equal("01616180", Convert.ToHexStringLower(writer.Encode()));
        Assert.True(writer.AllowMultipleRootValues);
    }

    [Fact]
    public void Reader_ReportsFinishedAfterTheLastItem()
    {
        var reader = CborSequence.CreateReader(Convert.FromHexString("0102"));
        Assert.True(reader.AllowMultipleRootValues);
        Assert.Equal(1UL, reader.ReadUInt64());
        Assert.Equal(2UL, reader.ReadUInt64());
        Assert.Equal(CborReaderState.Finished, reader.PeekState());
        Assert.Throws<CborContentException>(() =>
        {
            var finished = CborSequence.CreateReader([]);
            finished.ReadUInt64();
        });
    }

    [Fact]
    public void MediaType_IsRegistered()
    {
        Assert.Equal("application/cbor-seq", CborSequence.MediaType);
        Assert.Equal(63, CborSequence.ContentFormat);
    }
}
