using Coap;

namespace App;

[CoapController("firmware")]
public sealed class FirmwareController : CoapController
{
    [Get("latest"), QBlock(AllowNoSec = true)]
    public byte[] Latest() => new byte[] { 1, 2, 3 };

    [Put("latest"), QBlock(MaxPayloads = 20, NonTimeoutMs = 1000, NonReceiveTimeoutMs = 3000, NonMaxRetransmit = 2, NonPartialTimeoutSec = 60, PreferredBlockSize = 512)]
    public void Upload([FromPayload] byte[] image) => _ = image;

    [Get("latest/sha256")]
    public string Sha256() => "00";

    [Get("{id:int}"), QBlock(PreferredBlockSize = 256)]
    public string ById(int id) => "image " + id;

    [Get("{name}")]
    public string ByName(string name) => "image " + name;

    [Get("stable")]
    public string Stable() => "stable";

    [Post("logs/{*path}"), QBlock]
    public void Logs(string path) => _ = path;
}
