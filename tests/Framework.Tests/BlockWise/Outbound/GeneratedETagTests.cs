using System.Security.Cryptography;
using Coap.BlockWise.Outbound;

namespace Coap.Tests.BlockWise.Outbound;

/// <summary>Generated ETags: stable for one representation on this server, yet not a bare content hash another server would repeat.</summary>
public sealed class GeneratedETagTests
{
    [Fact]
    public void The_same_representation_keeps_its_etag_and_another_one_gets_another()
    {
        var first = OutboundBody.GenerateETag(CoapCode.Content, 0, "22.5 C"u8);

        Assert.Equal(first, OutboundBody.GenerateETag(CoapCode.Content, 0, "22.5 C"u8));
        Assert.NotEqual(first, OutboundBody.GenerateETag(CoapCode.Content, 0, "22.6 C"u8));
        Assert.NotEqual(first, OutboundBody.GenerateETag(CoapCode.Content, 50, "22.5 C"u8));
    }

    [Fact]
    public void The_etag_is_salted_per_server_so_group_members_with_equal_content_differ()
    {
        // What a server without the salt would send: a group member with the same content would send it too.
        Span<byte> unsalted = stackalloc byte[32];
        SHA256.HashData([CoapCode.Content.Value, 0, 0, 0, 0, .. "22.5 C"u8], unsalted);

        var etag = OutboundBody.GenerateETag(CoapCode.Content, 0, "22.5 C"u8);

        Assert.Equal(OutboundBody.GeneratedETagLength, etag.Length);
        Assert.NotEqual(unsalted[..OutboundBody.GeneratedETagLength].ToArray(), etag);
    }
}
