namespace Coap.Security.Oscore;

/// <summary>The RFC 8613 policy: a set Group Flag is rejected, since no context here is a group context.</summary>
internal sealed class OscoreGroupFlagPolicy : IOscoreFlagPolicy
{
    /// <summary>The shared instance.</summary>
    public static OscoreGroupFlagPolicy RejectWithoutGroupContext { get; } = new();

    /// <inheritdoc />
    public bool Accepts(in OscoreOptionValue option, OscoreSecurityContext context) => !option.GroupFlag;
}
