using System.IO;
using System.IO.Pipelines;
using System.Text;
using System.Threading.Tasks;
using Coap;

namespace App;

/// <summary>Actions that read the request body as it arrives, as a PipeReader or a Stream.</summary>
[CoapController("upload")]
public sealed class UploadController : CoapController
{
    [Post("reader")]
    public async Task<string> Reader(PipeReader body)
    {
        long length = 0;
        var text = new StringBuilder();
        while (true)
        {
            var read = await body.ReadAsync();
            foreach (var segment in read.Buffer)
            {
                length += segment.Length;
                text.Append(Encoding.UTF8.GetString(segment.Span));
            }

            body.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        await body.CompleteAsync();
        return length + ":" + text;
    }

    [Put("stream")]
    public async Task<string> Stream(Stream body)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        return text.Length + ":" + text;
    }
}
