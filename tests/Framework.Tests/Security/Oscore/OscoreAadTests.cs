using Coap.Security.Oscore;
using Coap.Tests.Codec;

namespace Coap.Tests.Security.Oscore;

public sealed class OscoreAadTests
{
    [Fact]
    public void Section5_4_Example_AadArrayExternalAadAndEncStructure()
    {
        var alg = OscoreAlgorithm.Default;
        var array = new byte[OscoreAad.GetAadArraySize(alg, [0x00], 1, 0)];
        Assert.Equal(array.Length, OscoreAad.WriteAadArray(array, alg, [0x00], [0x25], default));
        Wire.Equal("8501810a4100412540", array);

        var aad = new byte[OscoreAad.GetSize(alg, [0x00], 1, 0)];
        Assert.Equal(aad.Length, OscoreAad.Write(aad, alg, [0x00], [0x25], default));
        Wire.Equal("8368456e63727970743040498501810a4100412540", aad);
        Wire.Equal("498501810a4100412540", aad.AsSpan(aad.Length - 10));
    }

    [Fact]
    public void C4_Aad_WithEmptyKid()
    {
        var aad = new byte[OscoreAad.GetSize(OscoreAlgorithm.Default, [], 1, 0)];
        OscoreAad.Write(aad, OscoreAlgorithm.Default, [], [0x14], default);
        Wire.Equal("8368456e63727970743040488501810a40411440", aad);
    }

    [Fact]
    public void AlgorithmIdsAbove23_TakeTwoBytes()
    {
        var array = new byte[OscoreAad.GetAadArraySize(OscoreAlgorithm.AesCcm16_128_128, [], 1, 0)];
        OscoreAad.WriteAadArray(array, OscoreAlgorithm.AesCcm16_128_128, [], [0x14], default);
        Wire.Equal("850181181e40411440", array);
    }
}
