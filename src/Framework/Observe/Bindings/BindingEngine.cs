using System.Net;
using System.Net.Sockets;
using Coap.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Coap.Observe.Bindings;

/// <summary>
/// Carries out a <see cref="BindingTable"/> (draft-ietf-core-dynlink §4.1): one <see cref="BindingWorker"/>
/// per entry, started when the entry appears in the table and cancelled when it disappears (entries are
/// compared by value, so rewriting the same table leaves running bindings alone) or the engine stops.
/// Everything goes through a <see cref="CoapClient"/>, local resources included, so a copy into a local
/// destination is an ordinary PUT and a push source is observed with the server's own evaluator (B5).
/// </summary>
internal sealed class BindingEngine : IAsyncDisposable
{
    private readonly BindingTable _table;
    private readonly BindingWorkerContext _context;
    private readonly Lock _gate = new();
    private readonly Dictionary<LinkBinding, (CancellationTokenSource Cancel, Task Task)> _workers = [];
    private bool _started;
    private bool _stopped;

    /// <summary>Creates an engine; nothing runs before <see cref="Start"/>.</summary>
    /// <param name="table">The table carried out.</param>
    /// <param name="resolveLocal">Finds the local binding resource at a path (for its default conditions).</param>
    /// <param name="client">Sends every request.</param>
    /// <param name="localBase">This server as a URI prefix, e.g. <c>coap://127.0.0.1:5683</c> (see <see cref="LocalBaseFor"/>).</param>
    /// <param name="logger">The log.</param>
    /// <param name="timeProvider">The clock for poll intervals and retry delays.</param>
    /// <param name="pollInterval">The poll interval of entries without pmin and pmax.</param>
    public BindingEngine(
        BindingTable table,
        Func<string, BindingResourceInfo?> resolveLocal,
        CoapClient client,
        string localBase,
        ILogger logger,
        TimeProvider? timeProvider = null,
        TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(resolveLocal);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(localBase);
        ArgumentNullException.ThrowIfNull(logger);
        _table = table;
        _context = new BindingWorkerContext(
            client,
            resolveLocal,
            localBase.TrimEnd('/'),
            logger,
            timeProvider ?? TimeProvider.System,
            pollInterval ?? CoapBindingOptions.DefaultPollInterval);
    }

    /// <summary>This server as a URI prefix, without a trailing slash.</summary>
    public string LocalBase => _context.LocalBase;

    /// <summary>How many bindings run now.</summary>
    public int ActiveCount
    {
        get
        {
            lock (_gate)
            {
                return _workers.Count;
            }
        }
    }

    /// <summary>
    /// The URI prefix for requests to a server bound at <paramref name="endPoint"/>: the address itself,
    /// or the loopback address of the same family for a wildcard bind (<c>0.0.0.0</c>, <c>[::]</c>).
    /// </summary>
    public static string LocalBaseFor(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = endPoint.Address;
        if (address.Equals(IPAddress.Any))
        {
            address = IPAddress.Loopback;
        }
        else if (address.Equals(IPAddress.IPv6Any))
        {
            address = IPAddress.IPv6Loopback;
        }
        else if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        // A link-local scope id would need %25 in a URI; this engine only talks to itself, so drop it.
        var host = address.AddressFamily == AddressFamily.InterNetworkV6
            ? "[" + new IPAddress(address.GetAddressBytes()) + "]"
            : address.ToString();
        return "coap://" + host + ":" + endPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Starts the bindings of the current table and follows its changes.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started)
            {
                throw new InvalidOperationException("The binding engine has already been started.");
            }

            _started = true;
        }

        _table.Changed += OnTableChanged;
        OnTableChanged();
    }

    /// <summary>
    /// Stops every binding and waits for them: observations are cancelled with a deregistration
    /// (RFC 7641 §3.6, same query, CA-23), so stop the engine before the server and the client.
    /// </summary>
    public async Task StopAsync()
    {
        List<(CancellationTokenSource Cancel, Task Task)> workers;
        lock (_gate)
        {
            _stopped = true;
            workers = [.. _workers.Values];
            _workers.Clear();
        }

        _table.Changed -= OnTableChanged;
        foreach (var (cancel, _) in workers)
        {
            await cancel.CancelAsync().ConfigureAwait(false);
        }

        // Workers end on cancellation and never throw (errors are logged inside).
        await Task.WhenAll(workers.Select(w => w.Task)).ConfigureAwait(false);
        foreach (var (cancel, _) in workers)
        {
            cancel.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    private void OnTableChanged()
    {
        var removed = new List<(LinkBinding Entry, CancellationTokenSource Cancel, Task Task)>();
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            var entries = _table.Entries;
            var wanted = entries.ToHashSet();
            foreach (var (entry, worker) in _workers)
            {
                if (!wanted.Contains(entry))
                {
                    removed.Add((entry, worker.Cancel, worker.Task));
                }
            }

            foreach (var (entry, _, _) in removed)
            {
                _workers.Remove(entry);
            }

            foreach (var entry in entries)
            {
                if (!_workers.ContainsKey(entry))
                {
                    var cancel = new CancellationTokenSource();
                    var worker = new BindingWorker(_context, entry);

                    // Off the writer's thread: the table is written by a request handler that must not wait.
                    var task = Task.Run(() => worker.RunAsync(cancel.Token), CancellationToken.None);
                    _workers.Add(entry, (cancel, task));
                    CoapLog.BindingStarted(_context.Logger, entry);
                }
            }
        }

        // Cancelled outside the lock: cancellation runs the workers' continuations inline.
        foreach (var (entry, cancel, task) in removed)
        {
            cancel.Cancel();
            task.ContinueWith(static (_, state) => ((CancellationTokenSource)state!).Dispose(), cancel, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            CoapLog.BindingStopped(_context.Logger, entry);
        }
    }
}
