using Coap.Security.Oscore.State;

namespace Coap.Tests.Security.Oscore.State;

/// <summary>An invalid replay window after lost state and its Echo-based re-initialisation (RFC 8613 Appendix B.1.2).</summary>
public sealed class ReplayWindowRecoveryTests
{
    [Fact]
    public void WindowCreatedInvalid_RefusesEveryRequest_AsWindowInvalid()
    {
        var window = new ReplayWindow(valid: false);

        Assert.False(window.IsValid);
        Assert.Null(window.Highest);
        Assert.Equal(ReplayCheckResult.WindowInvalid, window.Check(0));
        Assert.Equal(ReplayCheckResult.WindowInvalid, window.Accept(0));
        Assert.Equal(ReplayCheckResult.WindowInvalid, window.Accept(123_456));
        Assert.False(window.IsValid);
    }

    [Fact]
    public void Reinitialize_MakesTheVerifiedPartialIvTheHighest_AndEveryLowerValueReceived()
    {
        var window = new ReplayWindow(valid: false);

        window.Reinitialize(50);

        Assert.True(window.IsValid);
        Assert.Equal(50UL, window.Highest);
        Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(50));
        Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(49));
        Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(19));
        Assert.Equal(ReplayCheckResult.TooOld, window.Accept(18));
        Assert.Equal(ReplayCheckResult.Accepted, window.Accept(51));
        Assert.Equal(ReplayCheckResult.Accepted, window.Accept(60));
    }

    [Fact]
    public void Invalidate_AfterUse_RefusesUntilReinitialised()
    {
        var window = new ReplayWindow();
        Assert.True(window.TryAccept(5));

        window.Invalidate();

        Assert.False(window.IsValid);
        Assert.Equal(ReplayCheckResult.WindowInvalid, window.Accept(6));
        window.Reinitialize(6);
        Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(6));
        Assert.Equal(ReplayCheckResult.Accepted, window.Accept(7));
    }

    [Fact]
    public void Reinitialize_AboveTheLargestPartialIv_IsRejected()
    {
        var window = new ReplayWindow(valid: false);

        Assert.Throws<ArgumentOutOfRangeException>(() => window.Reinitialize(ReplayWindow.MaxPartialIv + 1));
        Assert.False(window.IsValid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(ReplayWindow.MaxSize + 1)]
    public void WindowSize_OutsideOneTo1024_IsRejected(int size)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayWindow(size));
        Assert.Equal("size", error.ParamName);
    }
}
