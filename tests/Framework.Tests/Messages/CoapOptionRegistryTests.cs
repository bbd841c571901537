namespace Coap.Tests.Messages;

/// <summary>
/// The option table. Critical/Unsafe/NoCacheKey come from the number (RFC 7252 §5.4.6); the rest
/// is checked row by row against RFC 7252 §5.10 (Table 4) and the later registrations.
/// </summary>
public class CoapOptionRegistryTests
{
    private static readonly CoapOptionRegistry _registry = CoapOptionRegistry.Default;

    /// <summary>RFC 7252 §5.10, Table 4: No., C, U, N, R, Name, Format, Length.</summary>
    [Theory]
    [InlineData(1, true, false, false, true, "If-Match", CoapOptionFormat.Opaque, 0, 8)]
    [InlineData(3, true, true, false, false, "Uri-Host", CoapOptionFormat.String, 1, 255)]
    [InlineData(4, false, false, false, true, "ETag", CoapOptionFormat.Opaque, 1, 8)]
    [InlineData(5, true, false, false, false, "If-None-Match", CoapOptionFormat.Empty, 0, 0)]
    [InlineData(7, true, true, false, false, "Uri-Port", CoapOptionFormat.UInt, 0, 2)]
    [InlineData(8, false, false, false, true, "Location-Path", CoapOptionFormat.String, 0, 255)]
    [InlineData(11, true, true, false, true, "Uri-Path", CoapOptionFormat.String, 0, 255)]
    [InlineData(12, false, false, false, false, "Content-Format", CoapOptionFormat.UInt, 0, 2)]
    [InlineData(14, false, true, false, false, "Max-Age", CoapOptionFormat.UInt, 0, 4)]
    [InlineData(15, true, true, false, true, "Uri-Query", CoapOptionFormat.String, 0, 255)]
    [InlineData(17, true, false, false, false, "Accept", CoapOptionFormat.UInt, 0, 2)]
    [InlineData(20, false, false, false, true, "Location-Query", CoapOptionFormat.String, 0, 255)]
    [InlineData(35, true, true, false, false, "Proxy-Uri", CoapOptionFormat.String, 1, 1034)]
    [InlineData(39, true, true, false, false, "Proxy-Scheme", CoapOptionFormat.String, 1, 255)]
    [InlineData(60, false, false, true, false, "Size1", CoapOptionFormat.UInt, 0, 4)]
    public void Find_Rfc7252Table4Option_MatchesTheRow(int number, bool critical, bool unsafeToForward, bool noCacheKey, bool repeatable, string name, CoapOptionFormat format, int minLength, int maxLength)
    {
        AssertDefinition(number, critical, unsafeToForward, noCacheKey, repeatable, name, format, minLength, maxLength);
    }

    /// <summary>RFC 7641 (Observe), RFC 7959 (Block, Size2), RFC 9177 (Q-Block), RFC 8613 (OSCORE), RFC 9668 (EDHOC), RFC 8768 (Hop-Limit), RFC 7967 (No-Response), RFC 9175 (Echo, Request-Tag).</summary>
    [Theory]
    [InlineData(6, false, true, false, false, "Observe", CoapOptionFormat.UInt, 0, 3)]
    [InlineData(23, true, true, false, false, "Block2", CoapOptionFormat.UInt, 0, 3)]
    [InlineData(27, true, true, false, false, "Block1", CoapOptionFormat.UInt, 0, 3)]
    [InlineData(28, false, false, true, false, "Size2", CoapOptionFormat.UInt, 0, 4)]
    [InlineData(9, true, false, false, false, "OSCORE", CoapOptionFormat.Opaque, 0, 255)]
    [InlineData(21, true, false, false, false, "EDHOC", CoapOptionFormat.Empty, 0, 0)]
    [InlineData(16, false, false, false, false, "Hop-Limit", CoapOptionFormat.UInt, 1, 1)]
    [InlineData(258, false, true, false, false, "No-Response", CoapOptionFormat.UInt, 0, 1)]
    [InlineData(252, false, false, true, false, "Echo", CoapOptionFormat.Opaque, 1, 40)]
    [InlineData(292, false, false, false, true, "Request-Tag", CoapOptionFormat.Opaque, 0, 8)]
    public void Find_LaterRfcOption_MatchesItsRegistration(int number, bool critical, bool unsafeToForward, bool noCacheKey, bool repeatable, string name, CoapOptionFormat format, int minLength, int maxLength)
    {
        AssertDefinition(number, critical, unsafeToForward, noCacheKey, repeatable, name, format, minLength, maxLength);
    }

    [Theory]
    [InlineData(19, "Q-Block1")]
    [InlineData(31, "Q-Block2")]
    public void Find_QBlockOption_IsCriticalUnsafeUIntUpToThreeBytes(int number, string name)
    {
        var definition = _registry.Find(number);

        Assert.NotNull(definition);
        Assert.Equal(name, definition.Name);
        Assert.Equal(CoapOptionFormat.UInt, definition.Format);
        Assert.Equal(0, definition.MinLength);
        Assert.Equal(3, definition.MaxLength);
        Assert.True(definition.IsCritical);
        Assert.True(definition.IsUnsafe);
        Assert.False(definition.IsNoCacheKey);
    }

    [Fact]
    public void Find_QBlock1_IsNotRepeatable()
    {
        Assert.False(_registry.Find(CoapOptionNumber.QBlock1)!.Repeatable);
    }

    [Fact]
    public void OptionNumbers_RegisteredAfterRfc7252_HaveTheirIanaNumbers()
    {
        Assert.Equal(19, CoapOptionNumber.QBlock1);
        Assert.Equal(31, CoapOptionNumber.QBlock2);
        Assert.Equal(252, CoapOptionNumber.Echo);
        Assert.Equal(292, CoapOptionNumber.RequestTag);
        Assert.Equal(258, CoapOptionNumber.NoResponse);
        Assert.Equal(16, CoapOptionNumber.HopLimit);
        Assert.Equal(9, CoapOptionNumber.Oscore);
        Assert.Equal(21, CoapOptionNumber.Edhoc);
        Assert.Equal(6, CoapOptionNumber.Observe);
        Assert.Equal(23, CoapOptionNumber.Block2);
        Assert.Equal(27, CoapOptionNumber.Block1);
        Assert.Equal(28, CoapOptionNumber.Size2);
    }

    [Fact]
    public void OptionNumbers_Rfc7252Constants_HaveTheirTable4Numbers()
    {
        Assert.Equal(1, CoapOptionNumber.IfMatch);
        Assert.Equal(3, CoapOptionNumber.UriHost);
        Assert.Equal(4, CoapOptionNumber.ETag);
        Assert.Equal(5, CoapOptionNumber.IfNoneMatch);
        Assert.Equal(7, CoapOptionNumber.UriPort);
        Assert.Equal(8, CoapOptionNumber.LocationPath);
        Assert.Equal(11, CoapOptionNumber.UriPath);
        Assert.Equal(12, CoapOptionNumber.ContentFormat);
        Assert.Equal(14, CoapOptionNumber.MaxAge);
        Assert.Equal(15, CoapOptionNumber.UriQuery);
        Assert.Equal(17, CoapOptionNumber.Accept);
        Assert.Equal(20, CoapOptionNumber.LocationQuery);
        Assert.Equal(35, CoapOptionNumber.ProxyUri);
        Assert.Equal(39, CoapOptionNumber.ProxyScheme);
        Assert.Equal(60, CoapOptionNumber.Size1);
    }

    [Fact]
    public void Flags_Rfc7252Section546Examples_FollowFromTheNumber()
    {
        // Uri-Host: critical and unsafe; ETag: elective and safe-to-forward, part of the cache key;
        // Size1: elective, safe-to-forward and NoCacheKey.
        Assert.True(CoapOptionNumber.IsCritical(CoapOptionNumber.UriHost));
        Assert.True(CoapOptionNumber.IsUnsafe(CoapOptionNumber.UriHost));
        Assert.False(CoapOptionNumber.IsCritical(CoapOptionNumber.ETag));
        Assert.False(CoapOptionNumber.IsUnsafe(CoapOptionNumber.ETag));
        Assert.False(CoapOptionNumber.IsNoCacheKey(CoapOptionNumber.ETag));
        Assert.False(CoapOptionNumber.IsCritical(CoapOptionNumber.Size1));
        Assert.False(CoapOptionNumber.IsUnsafe(CoapOptionNumber.Size1));
        Assert.True(CoapOptionNumber.IsNoCacheKey(CoapOptionNumber.Size1));
    }

    [Fact]
    public void Flags_EveryNumber_FollowRfc7252Section546BitMasks()
    {
        // RFC 7252 §5.4.6: Critical = (onum & 1); UnSafe = (onum & 2); NoCacheKey = ((onum & 0x1e) == 0x1c),
        // i.e. bits 2-4 all set on a safe-to-forward option (NoCacheKey only means something when Safe).
        for (var number = 0; number <= 0xFFFF; number++)
        {
            var critical = number % 2 == 1;
            var unsafeToForward = (number / 2) % 2 == 1;
            var noCacheKey = !unsafeToForward && (number / 4) % 8 == 7;

            Assert.Equal(critical, CoapOptionNumber.IsCritical(number));
            Assert.Equal(unsafeToForward, CoapOptionNumber.IsUnsafe(number));
            Assert.Equal(noCacheKey, CoapOptionNumber.IsNoCacheKey(number));
        }
    }

    [Fact]
    public void Definitions_Flags_AgreeWithTheNumberRules()
    {
        foreach (var definition in _registry.All)
        {
            Assert.Equal(CoapOptionNumber.IsCritical(definition.Number), definition.IsCritical);
            Assert.Equal(CoapOptionNumber.IsUnsafe(definition.Number), definition.IsUnsafe);
            Assert.Equal(CoapOptionNumber.IsNoCacheKey(definition.Number), definition.IsNoCacheKey);
        }
    }

    [Fact]
    public void Definitions_FormatAndLengthBounds_AreConsistent()
    {
        foreach (var definition in _registry.All)
        {
            Assert.True(definition.MinLength >= 0, definition.Name);
            Assert.True(definition.MinLength <= definition.MaxLength, definition.Name);
            Assert.True(definition.MaxLength <= 65535 + 269, definition.Name);
            if (definition.Format == CoapOptionFormat.Empty)
            {
                Assert.Equal(0, definition.MaxLength);
            }

            if (definition.Format == CoapOptionFormat.UInt)
            {
                Assert.True(definition.MaxLength <= 4, definition.Name);
            }
        }
    }

    [Fact]
    public void All_IsOrderedByNumberWithoutDuplicates()
    {
        var numbers = _registry.All.Select(d => (int)d.Number).ToList();

        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Contains(CoapOptionNumber.RequestTag, numbers);
    }

    [Fact]
    public void All_EveryDefinition_IsFoundByItsNumber()
    {
        foreach (var definition in _registry.All)
        {
            Assert.Same(definition, _registry.Find(definition.Number));
            Assert.Equal(definition.Name, _registry.GetName(definition.Number));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(102)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Find_UnknownNumber_IsNull(int number)
    {
        Assert.Null(_registry.Find(number));
        Assert.Equal($"Option({number})", _registry.GetName(number));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(8, true)]
    [InlineData(9, false)]
    public void IsValidLength_IfMatch_AcceptsZeroToEight(int length, bool expected)
    {
        Assert.Equal(expected, _registry.Find(CoapOptionNumber.IfMatch)!.IsValidLength(length));
    }

    [Theory]
    [InlineData((int)CoapOptionNumber.UriHost, 0, false)]
    [InlineData((int)CoapOptionNumber.UriHost, 1, true)]
    [InlineData((int)CoapOptionNumber.UriHost, 255, true)]
    [InlineData((int)CoapOptionNumber.UriHost, 256, false)]
    [InlineData((int)CoapOptionNumber.ProxyUri, 1034, true)]
    [InlineData((int)CoapOptionNumber.ProxyUri, 1035, false)]
    [InlineData((int)CoapOptionNumber.IfNoneMatch, 0, true)]
    [InlineData((int)CoapOptionNumber.IfNoneMatch, 1, false)]
    [InlineData((int)CoapOptionNumber.Echo, 0, false)]
    [InlineData((int)CoapOptionNumber.Echo, 40, true)]
    [InlineData((int)CoapOptionNumber.Echo, 41, false)]
    [InlineData((int)CoapOptionNumber.HopLimit, 0, false)]
    [InlineData((int)CoapOptionNumber.HopLimit, 1, true)]
    [InlineData((int)CoapOptionNumber.HopLimit, 2, false)]
    [InlineData((int)CoapOptionNumber.MaxAge, 4, true)]
    [InlineData((int)CoapOptionNumber.MaxAge, 5, false)]
    public void IsValidLength_Bounds_AreInclusive(int number, int length, bool expected)
    {
        Assert.Equal(expected, _registry.Find(number)!.IsValidLength(length));
    }

    [Fact]
    public void Default_PlacesDraftOptionsAtTheSuggestedNumbers()
    {
        Assert.Same(ExperimentalOptionNumbers.Default, _registry.Experimental);
        Assert.Equal("Multicast-Timeout", _registry.GetName(2));
        Assert.Equal("Group-ETag", _registry.GetName(24));
        Assert.Equal("Reply-From", _registry.GetName(248));
        Assert.Equal("Request-Hash", _registry.GetName(548));
        Assert.Equal("Padding", _registry.GetName(64988));
    }

    [Fact]
    public void Constructor_ExperimentalNumbers_MovesTheDraftOption()
    {
        var experimental = new ExperimentalOptionNumbers { RequestHash = 65000 };

        var registry = new CoapOptionRegistry(experimental);

        Assert.Same(experimental, registry.Experimental);
        var definition = registry.Find(65000);
        Assert.NotNull(definition);
        Assert.Equal("Request-Hash", definition.Name);
        Assert.Equal(65000, definition.Number);
        Assert.Null(registry.Find(548));
        Assert.Equal("Option(548)", registry.GetName(548));
        // The flags follow the new number: 65000 = 0b1111_1101_1110_1000, elective and safe-to-forward.
        Assert.False(definition.IsCritical);
        Assert.False(definition.IsUnsafe);
        // The other drafts stay where they were, and the default registry is unaffected.
        Assert.Equal("Padding", registry.GetName(64988));
        Assert.Equal("Request-Hash", CoapOptionRegistry.Default.GetName(548));
        Assert.Null(CoapOptionRegistry.Default.Find(65000));
    }

    [Fact]
    public void Constructor_ExperimentalNumberBelowSixtyFour_IsFoundInTheDenseTable()
    {
        var registry = new CoapOptionRegistry(new ExperimentalOptionNumbers { MulticastTimeout = 62 });

        Assert.Equal("Multicast-Timeout", registry.GetName(62));
        Assert.Null(registry.Find(2));
    }

    [Fact]
    public void Constructor_AdditionalDefinitions_AreAdded()
    {
        var custom = new CoapOptionDefinition(65001, "Custom", CoapOptionFormat.Opaque, 0, 16, false, OscoreOptionClass.E);
        var registry = new CoapOptionRegistry(ExperimentalOptionNumbers.Default, [custom]);

        Assert.Same(custom, registry.Find(65001));
        Assert.Contains(custom, registry.All);
        Assert.True(custom.IsCritical);
    }

    [Fact]
    public void Constructor_NullExperimental_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new CoapOptionRegistry(null!));
    }

    [Fact]
    public void CoapOption_ToString_UsesTheRegistryName()
    {
        Assert.Equal("Uri-Path: 6162", CoapOption.FromString(CoapOptionNumber.UriPath, "ab").ToString());
        Assert.Equal("Option(1000): ", CoapOption.Empty(1000).ToString());
    }

    private static void AssertDefinition(int number, bool critical, bool unsafeToForward, bool noCacheKey, bool repeatable, string name, CoapOptionFormat format, int minLength, int maxLength)
    {
        var definition = _registry.Find(number);

        Assert.NotNull(definition);
        Assert.Equal(number, definition.Number);
        Assert.Equal(name, definition.Name);
        Assert.Equal(format, definition.Format);
        Assert.Equal(minLength, definition.MinLength);
        Assert.Equal(maxLength, definition.MaxLength);
        Assert.Equal(repeatable, definition.Repeatable);
        Assert.Equal(critical, definition.IsCritical);
        Assert.Equal(unsafeToForward, definition.IsUnsafe);
        Assert.Equal(noCacheKey, definition.IsNoCacheKey);
        Assert.Equal(name, _registry.GetName(number));
        Assert.True(definition.IsValidLength(minLength));
        Assert.True(definition.IsValidLength(maxLength));
        Assert.False(definition.IsValidLength(maxLength + 1));
        if (minLength > 0)
        {
            Assert.False(definition.IsValidLength(minLength - 1));
        }
    }
}
