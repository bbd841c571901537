namespace Coap;

/// <summary>Content-Format numbers from the IANA CoAP Content-Formats registry.</summary>
public static class CoapContentFormat
{
#pragma warning disable CS1591 // Media types are named by their registry entry.
    /// <summary>text/plain; charset=utf-8</summary>
    public const ushort TextPlain = 0;
    public const ushort CoseEncrypt0 = 16;
    public const ushort CoseMac0 = 17;
    public const ushort CoseSign1 = 18;
    /// <summary>application/link-format (RFC 6690)</summary>
    public const ushort LinkFormat = 40;
    public const ushort Xml = 41;
    public const ushort OctetStream = 42;
    public const ushort Exi = 47;
    public const ushort Json = 50;
    public const ushort JsonPatch = 51;
    public const ushort MergePatch = 52;
    public const ushort Cbor = 60;
    public const ushort Cwt = 61;
    public const ushort MultipartCore = 62;
    public const ushort CborSeq = 63;
    public const ushort SenmlJson = 110;
    public const ushort SenmlCbor = 112;
    public const ushort CoapGroupJson = 256;
    /// <summary>application/missing-blocks+cbor-seq (RFC 9177)</summary>
    public const ushort MissingBlocksCborSeq = 272;
    public const ushort LinkFormatJson = 504;
    public const ushort YangDataCbor = 140;
#pragma warning restore CS1591

    /// <summary>The media type for a known format, or null.</summary>
    public static string? GetMediaType(int format) => format switch
    {
        TextPlain => "text/plain;charset=utf-8",
        CoseEncrypt0 => "application/cose;cose-type=\"cose-encrypt0\"",
        CoseMac0 => "application/cose;cose-type=\"cose-mac0\"",
        CoseSign1 => "application/cose;cose-type=\"cose-sign1\"",
        LinkFormat => "application/link-format",
        Xml => "application/xml",
        OctetStream => "application/octet-stream",
        Exi => "application/exi",
        Json => "application/json",
        JsonPatch => "application/json-patch+json",
        MergePatch => "application/merge-patch+json",
        Cbor => "application/cbor",
        Cwt => "application/cwt",
        MultipartCore => "application/multipart-core",
        CborSeq => "application/cbor-seq",
        SenmlJson => "application/senml+json",
        SenmlCbor => "application/senml+cbor",
        CoapGroupJson => "application/coap-group+json",
        MissingBlocksCborSeq => "application/missing-blocks+cbor-seq",
        LinkFormatJson => "application/link-format+json",
        YangDataCbor => "application/yang-data+cbor",
        _ => null,
    };
}
