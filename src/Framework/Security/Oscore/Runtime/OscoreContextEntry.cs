using System.Security.Cryptography;
using Coap.Diagnostics;
using Coap.Security.Oscore.Configuration;
using Coap.Security.Oscore.State;
using Microsoft.Extensions.Logging;

namespace Coap.Security.Oscore.Runtime;

/// <summary>
/// One configured security context at run time: the derived keys with their sender sequence numbers (persisted,
/// Appendix B.1.1), the replay window (invalid after a restart until an Echo round trip, Appendix B.1.2), the
/// key-usage counters, and the identity handlers see.
/// </summary>
internal sealed class OscoreContextEntry : IDisposable
{
    /// <summary>How long an Echo value we sent proves freshness (RFC 9175 §2.3: short, server-chosen).</summary>
    public static readonly TimeSpan EchoLifetime = TimeSpan.FromSeconds(60);

    private const int EchoLength = 8;
    private readonly Lock _echoGate = new();
    private readonly TimeProvider _time;
    private readonly byte[] _echo = new byte[EchoLength];
    private long _echoIssuedAt;
    private bool _echoIssued;

    public OscoreContextEntry(OscoreConfiguredContext configured, OscoreStateOptions state, ISequenceNumberStore store, TimeProvider time, ILogger logger, CoapMetrics metrics)
    {
        _time = time;
        Name = configured.Name;
        Configured = configured;
        var parameters = configured.Parameters;
        Context = OscoreSecurityContext.Derive(parameters);
        Key = OscoreStateKey.From(parameters.SenderId, parameters.IdContext ?? []);

        // A stored sequence number means this context ran before: the replay window of that run is lost.
        var restarted = store.TryLoad(Key, out _);
        Numbers = new SenderSequenceNumbers(store, Key, state.SequenceNumberReserve, logger);
        Context.Sender.PersistedNumbers = Numbers;
        Replay = new ReplayWindow(state.ReplayWindowSize, valid: !restarted, logger, Key);
        Usage = new OscoreKeyUsage(state.KeyLimitsFor(parameters.Algorithm.CoseId), time, null, logger, metrics, Key);
        Identity = new CoapSecurityIdentity(Name, parameters.RecipientId.ToArray(), parameters.IdContext?.ToArray());
    }

    public string Name { get; }

    public OscoreConfiguredContext Configured { get; }

    public OscoreSecurityContext Context { get; }

    public OscoreStateKey Key { get; }

    public SenderSequenceNumbers Numbers { get; }

    public ReplayWindow Replay { get; }

    public OscoreKeyUsage Usage { get; }

    public CoapSecurityIdentity Identity { get; }

    /// <summary>A new Echo value for a request that could not be proven fresh; only the latest one is accepted.</summary>
    public byte[] IssueEcho()
    {
        lock (_echoGate)
        {
            RandomNumberGenerator.Fill(_echo);
            _echoIssuedAt = _time.GetTimestamp();
            _echoIssued = true;
            return _echo.ToArray();
        }
    }

    /// <summary>Whether <paramref name="echo"/> is the value we issued, within <see cref="EchoLifetime"/>; it is used up.</summary>
    public bool TryRedeemEcho(ReadOnlySpan<byte> echo)
    {
        lock (_echoGate)
        {
            if (!_echoIssued || !CryptographicOperations.FixedTimeEquals(echo, _echo) ||
                _time.GetElapsedTime(_echoIssuedAt) > EchoLifetime)
            {
                return false;
            }

            _echoIssued = false;
            return true;
        }
    }

    /// <summary>On an orderly shutdown: saves the exact next sequence number.</summary>
    public void Save()
    {
        try
        {
            Numbers.SaveExact();
        }
        catch (IOException)
        {
            // The reserved bound is already stored; the next start skips the unused rest, which is safe.
        }
    }

    public void Dispose()
    {
        Save();
        Context.Dispose();
    }

    public override string ToString() => $"OSCORE context '{Name}'";
}
