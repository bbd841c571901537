using Coap;

namespace FirmwareSample.Controllers;

/// <summary>
/// <c>GET /firmware/latest</c>: the 1 MiB image, sent in blocks. [QBlock] lets clients that
/// support it fetch it with Q-Block2 (RFC 9177, paced NON bursts with recovery of lost blocks);
/// others get Block2 (RFC 7959). AllowNoSec: this sample runs without OSCORE.
/// <c>GET /firmware/latest/sha256</c>: the image's SHA-256, lowercase hex, to check a download.
/// </summary>
[CoapController("firmware", Lifetime = ControllerLifetime.Singleton)]
public sealed class FirmwareController : CoapController
{
    [Get("latest"), QBlock(AllowNoSec = true)]
    [ContentFormat(CoapContentFormat.OctetStream), Title("Firmware image"), SizeEstimate(FirmwareImage.Length)]
    public CoapResult Latest() => CoapResult.WithPayload(CoapCode.Content, FirmwareImage.Bytes, CoapContentFormat.OctetStream);

    [Get("latest/sha256")]
    public string Sha256() => FirmwareImage.Sha256;
}
