using System.Net;
using Coap.Diagnostics;
using Coap.Security.Oscore.Configuration;
using Coap.Security.Oscore.State;
using Microsoft.Extensions.Logging;

namespace Coap.Security.Oscore.Runtime;

/// <summary>
/// OSCORE for one endpoint: the configured contexts with their state, and the protect / verify steps the
/// endpoint calls for requests, responses and notifications. The server finds contexts by kid and kid context,
/// the client by request URI. Every key use is counted against the key-usage limits first.
/// </summary>
internal sealed partial class OscoreLayer : IOscoreContextResolver, IOscoreReplayCheck, IDisposable
{
    private readonly OscoreContextEntry[] _entries;
    private readonly Dictionary<OscoreSecurityContext, OscoreContextEntry> _byContext = new(ReferenceEqualityComparer.Instance);
    private readonly OscoreProtector _protector;
    private readonly ILogger _logger;

    private OscoreLayer(OscoreContextEntry[] entries, bool requireOscore, ILogger logger)
    {
        _entries = entries;
        _logger = logger;
        RequireOscore = requireOscore;
        foreach (var entry in entries)
        {
            _byContext.Add(entry.Context, entry);
        }

        _protector = new OscoreProtector(this, this);
    }

    /// <summary>The server's default policy (<see cref="CoapSecurityOptions.RequireOscore"/>).</summary>
    public bool RequireOscore { get; }

    /// <summary>The contexts, in configuration order.</summary>
    public IReadOnlyList<OscoreContextEntry> Entries => _entries;

    /// <summary>
    /// The layer for <paramref name="options"/>, or null when no context is configured (OSCORE requests then get
    /// 4.02, as for any unsupported critical option).
    /// </summary>
    /// <exception cref="InvalidOperationException">A context is misconfigured (the message names the key).</exception>
    public static OscoreLayer? Create(CoapSecurityOptions options, TimeProvider time, ILogger logger, CoapMetrics metrics, string section = "Coap:Security")
    {
        var configured = OscoreConfigurationReader.Read(options, section);
        if (configured.Count == 0)
        {
            return null;
        }

        var state = new OscoreStateOptions
        {
            ReplayWindowSize = options.ReplayWindowSize,
            SequenceNumberReserve = options.SequenceNumberReserve,
            StateDirectory = options.StateDirectory,
        };
        state.Validate();
        var store = state.CreateStore();
        var entries = new OscoreContextEntry[configured.Count];
        try
        {
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = new OscoreContextEntry(configured[i], state, store, time, logger, metrics);
            }
        }
        catch
        {
            foreach (var entry in entries)
            {
                entry?.Dispose();
            }

            throw;
        }

        CoapLog.OscoreContextsLoaded(logger, entries.Length);
        return new OscoreLayer(entries, options.RequireOscore, logger);
    }

    /// <summary>The entry of a context this layer derived.</summary>
    public OscoreContextEntry EntryOf(OscoreSecurityContext context) => _byContext[context];

    /// <summary>
    /// RFC 8613 §8.2 step 2: the context whose Recipient ID is the kid and, when a kid context came, whose ID
    /// Context equals it; without a kid context one without an ID Context is preferred. A context whose
    /// Recipient Key may no longer decrypt (key-usage limit, expiry) is not found.
    /// </summary>
    public OscoreSecurityContext? Resolve(ReadOnlySpan<byte> kid, bool hasKidContext, ReadOnlySpan<byte> kidContext)
    {
        OscoreContextEntry? found = null;
        foreach (var entry in _entries)
        {
            var context = entry.Context;
            if (!context.Recipient.Id.AsSpan().SequenceEqual(kid))
            {
                continue;
            }

            var idContext = context.Common.IdContext;
            if (hasKidContext)
            {
                if (idContext is not null && idContext.AsSpan().SequenceEqual(kidContext))
                {
                    found = entry;
                    break;
                }

                continue;
            }

            if (idContext is null)
            {
                found = entry;
                break;
            }

            found ??= entry;
        }

        return found is not null && found.Usage.TryBeginDecryption() ? found.Context : null;
    }

    /// <inheritdoc />
    public ReplayCheckResult Accept(OscoreSecurityContext context, OscorePartialIv partialIv) =>
        EntryOf(context).Replay.Accept(partialIv.Value);

    /// <inheritdoc />
    public void DecryptionFailed(OscoreSecurityContext context) => EntryOf(context).Usage.CountFailedDecryption();

    /// <summary>On an orderly shutdown: saves every context's exact next sequence number.</summary>
    public void Save()
    {
        foreach (var entry in _entries)
        {
            entry.Save();
        }
    }

    public void Dispose()
    {
        foreach (var entry in _entries)
        {
            entry.Dispose();
        }
    }

    /// <summary>Counts one use of the Sender Key; false (logged) when the key may not protect any more.</summary>
    private bool TryUseSenderKey(OscoreContextEntry entry)
    {
        if (entry.Usage.TryCountEncryption())
        {
            return true;
        }

        CoapLog.OscoreProtectFailed(_logger, entry.Name, "the key usage limit is reached or the context expired; it must be renewed");
        return false;
    }

    /// <summary>Logs a failed protect step; true when it succeeded.</summary>
    private bool Succeeded(OscoreContextEntry entry, OscoreProtectResult result)
    {
        if (result != OscoreProtectResult.Ok)
        {
            CoapLog.OscoreProtectFailed(_logger, entry.Name, result.ToString());
            return false;
        }

        return true;
    }

    /// <summary>Saving the next sequence-number reserve failed: nothing may be protected with an unsaved number.</summary>
    private void SaveFailed(OscoreContextEntry entry, IOException exception) =>
        CoapLog.OscoreProtectFailed(_logger, entry.Name, $"the sequence number could not be saved: {exception.Message}");

    /// <summary>The request's URI as the client's patterns see it: Uri-Host/Port when present, else the destination.</summary>
    private static Uri? RequestUri(CoapMessage request, IPEndPoint destination)
    {
        var host = request.Options.GetString(CoapOptionNumber.UriHost) ?? destination.Address.ToString();
        var port = (int?)request.Options.GetUInt(CoapOptionNumber.UriPort) ?? destination.Port;
        var path = new System.Text.StringBuilder();
        foreach (var option in request.Options)
        {
            if (option.Number == CoapOptionNumber.UriPath)
            {
                path.Append('/').Append(Uri.EscapeDataString(System.Text.Encoding.UTF8.GetString(option.Value.Span)));
            }
        }

        try
        {
            return new UriBuilder("coap", host, port, path.Length == 0 ? "/" : path.ToString()).Uri;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
