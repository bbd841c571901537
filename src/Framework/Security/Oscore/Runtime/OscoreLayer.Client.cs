using System.Net;

namespace Coap.Security.Oscore.Runtime;

/// <summary>The client's steps: pick a context by URI, protect a request (§8.1), verify its responses (§8.4).</summary>
internal sealed partial class OscoreLayer
{
    /// <summary>The first context whose URI patterns match the request, or null to send it unprotected.</summary>
    public OscoreContextEntry? FindForRequest(CoapMessage request, IPEndPoint destination)
    {
        Uri? uri = null;
        foreach (var entry in _entries)
        {
            if (entry.Configured.Uris.Count == 0)
            {
                continue;
            }

            uri ??= RequestUri(request, destination);
            if (uri is not null && entry.Configured.Protects(uri))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Protects a request with the context's next sequence number; null when it may not (logged).</summary>
    public CoapMessage? ProtectRequest(OscoreContextEntry entry, CoapMessage request, out OscoreRequestBinding binding)
    {
        binding = default;
        if (!TryUseSenderKey(entry))
        {
            return null;
        }

        try
        {
            return Succeeded(entry, _protector.ProtectRequest(entry.Context, request, out var outer, out binding)) ? outer : null;
        }
        catch (IOException ex)
        {
            SaveFailed(entry, ex);
            return null;
        }
    }

    /// <summary>Verifies a response (or notification) to the request in <paramref name="binding"/>.</summary>
    public OscoreUnprotectResult UnprotectResponse(in OscoreRequestBinding binding, CoapMessage outer, out CoapMessage? response, out OscorePartialIv? partialIv)
    {
        var entry = EntryOf(binding.Context);
        if (!entry.Usage.TryBeginDecryption())
        {
            response = null;
            partialIv = null;
            return OscoreUnprotectResult.ContextNotFound;
        }

        var result = _protector.UnprotectResponse(binding, outer, out response, out partialIv);
        if (result == OscoreUnprotectResult.DecryptionFailed)
        {
            entry.Usage.CountFailedDecryption();
        }

        return result;
    }
}
