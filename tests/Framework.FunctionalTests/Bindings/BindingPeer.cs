using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Coap.Observe.Bindings;
using Coap.TestUtilities;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.FunctionalTests.Bindings;

/// <summary>
/// A real server on 127.0.0.1 with two binding resources and its own Binding Table and engine:
/// <c>/s/light</c> is an observable source answering <see cref="Value"/> as text/plain, and
/// <c>/a/light</c> is a destination that records every PUT and POST it receives.
/// </summary>
internal sealed class BindingPeer : IAsyncDisposable
{
    public const string SourcePath = "/s/light";
    public const string DestinationPath = "/a/light";

    private readonly CoapServer _server;
    private readonly CoapClient _client = new();
    private readonly Channel<(CoapCode Method, string Payload, ushort? Format)> _copies = Channel.CreateUnbounded<(CoapCode, string, ushort?)>();
    private readonly ConcurrentQueue<TimeSpan> _plainGets = new();
    private readonly ConcurrentQueue<string> _registrationQueries = new();
    private readonly long _origin = Stopwatch.GetTimestamp();
    private volatile string _value = "10";

    public BindingPeer()
    {
        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://127.0.0.1:0");
        _server = new CoapServer(DelegateHandler.Sync(Handle), options);
        Engine = null!;
    }

    public BindingTable Table { get; } = new(maxEntries: 8);

    public BindingEngine Engine { get; private set; }

    /// <summary>The source's current value; <see cref="SetValue"/> also notifies its observers.</summary>
    public string Value
    {
        get => _value;
        set => _value = value;
    }

    public int ObserverCount => _server.Observations.GetObserverCount(SourcePath);

    public int Renderings => _server.Observations.CompletedRenderings;

    /// <summary>When each plain (non-Observe) GET of the source arrived, since the peer was created.</summary>
    public IReadOnlyList<TimeSpan> PlainGets => [.. _plainGets];

    /// <summary>The Uri-Query of each Observe registration of the source.</summary>
    public IReadOnlyList<string> RegistrationQueries => [.. _registrationQueries];

    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, "Timed out waiting for " + what);
            await Task.Delay(20);
        }
    }

    public async Task StartAsync()
    {
        await _server.StartAsync();
        Engine = new BindingEngine(Table, Resolve, _client, BindingEngine.LocalBaseFor(_server.LocalEndPoints[0]), NullLogger.Instance);
        Engine.Start();
    }

    public string Uri(string path) => $"coap://127.0.0.1:{_server.LocalEndPoints[0].Port}{path}";

    /// <summary>Replaces this peer's table, asserting it is valid.</summary>
    public void Bind(string linkFormat) => Assert.True(Table.TryReplace(linkFormat, Resolve, out var error), error);

    public void SetValue(string value)
    {
        _value = value;
        _server.Observations.Notify(SourcePath);
    }

    /// <summary>The next PUT or POST received by /a/light, within 10 s.</summary>
    public async Task<(CoapCode Method, string Payload, ushort? Format)> NextCopyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _copies.Reader.ReadAsync(timeout.Token);
    }

    public bool TryTakeCopy(out (CoapCode Method, string Payload, ushort? Format) copy) => _copies.Reader.TryRead(out copy);

    public async ValueTask DisposeAsync()
    {
        await Engine.StopAsync();
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static BindingResourceInfo? Resolve(string path) => path switch
    {
        SourcePath => new BindingResourceInfo(path, BindingMethods.Push | BindingMethods.Execute, BindingRoles.Source, ConditionalAttributes.None),
        DestinationPath => new BindingResourceInfo(path, BindingMethods.Observe | BindingMethods.Poll, BindingRoles.Destination, ConditionalAttributes.None),
        _ => null,
    };

    private void Handle(CoapContext context)
    {
        var path = context.GetPath();
        if (path == SourcePath && context.Method == CoapCode.Get)
        {
            if (!context.EnableObserve())
            {
                return;
            }

            if (!context.IsNotification)
            {
                if (context.TryGetOption(CoapOptionNumber.Observe, out var observe) && observe.IsEmpty)
                {
                    _registrationQueries.Enqueue(string.Join('&', context.GetQuery()));
                }
                else if (!context.TryGetOption(CoapOptionNumber.Observe, out _))
                {
                    _plainGets.Enqueue(Stopwatch.GetElapsedTime(_origin));
                }
            }

            context.Response.Code = CoapCode.Content;
            context.Response.SetContentFormat(CoapContentFormat.TextPlain);
            context.Response.WritePayload(_value.AsSpan());
        }
        else if (path == DestinationPath && (context.Method == CoapCode.Put || context.Method == CoapCode.Post))
        {
            var format = context.TryGetOption(CoapOptionNumber.ContentFormat, out var value) ? (ushort?)Codec.CoapUInt.Read(value) : null;
            _copies.Writer.TryWrite((context.Method, Encoding.UTF8.GetString(context.Payload.Span), format));
            context.Response.Code = CoapCode.Changed;
        }
        else
        {
            context.Response.Code = CoapCode.NotFound;
        }
    }
}
