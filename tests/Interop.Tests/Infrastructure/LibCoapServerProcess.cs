using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Coap.Codec;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>
/// libcoap's example server (coap-server-notls) on a free loopback port, started for one test
/// and killed when disposed. It serves "/" (a banner), "/time" (the clock, settable by PUT),
/// "/async" and "/example_data".
/// </summary>
internal sealed class LibCoapServerProcess : IAsyncDisposable
{
    private const int Attempts = 5;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputGate = new();

    private LibCoapServerProcess(Process process, string host, int port)
    {
        _process = process;
        Host = host;
        Port = port;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>What the server printed so far (stdout and stderr, interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_outputGate)
            {
                return _output.ToString();
            }
        }
    }

    public string Uri(string pathAndQuery) => $"coap://{Host}:{Port}{pathAndQuery}";

    /// <summary>
    /// Starts the server and waits until it answers GET / (up to 5 s). libcoap binds its UDP
    /// socket with SO_REUSEADDR and only reports a clash through the TCP socket it binds to the
    /// same port ("cannot create TCP endpoint"), so such a start is retried on another port.
    /// </summary>
    public static async Task<LibCoapServerProcess> StartAsync(string host)
    {
        var executable = Peers.LibCoapServer;
        var address = Loopback.Address(host);
        var failures = new StringBuilder();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var port = FreeUdpPort.Find(address);
            var server = Launch(executable, host, address, port);
            var answering = await server.WaitUntilAnsweringAsync(address, TimeSpan.FromSeconds(5));
            var output = server.Output;
            if (answering && !output.Contains("cannot create", StringComparison.Ordinal) && !output.Contains("Address already in use", StringComparison.Ordinal))
            {
                return server;
            }

            failures.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"attempt {attempt} on port {port}: answering={answering}; output: {output}");
            await server.DisposeAsync();
        }

        Assert.Fail($"coap-server-notls did not start on {host}.{Environment.NewLine}{failures}");
        throw new InvalidOperationException("unreachable");
    }

    public async ValueTask DisposeAsync()
    {
        PeerProcess.Kill(_process);
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                // Killed but not reaped in time; the OS will.
            }
        }

        _process.Dispose();
    }

    private static LibCoapServerProcess Launch(string executable, string host, IPAddress address, int port)
    {
        var startInfo = PeerProcess.Create(executable, ["-A", address.ToString(), "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var server = new LibCoapServerProcess(process, host, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputGate)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Sends CON GET / from a plain socket every 100 ms until the libcoap banner comes back.</summary>
    private async Task<bool> WaitUntilAnsweringAsync(IPAddress address, TimeSpan limit)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        var target = new IPEndPoint(address, Port);
        var buffer = new byte[2048];
        var stopwatch = Stopwatch.StartNew();
        var messageId = (ushort)Random.Shared.Next(ushort.MaxValue + 1);
        while (stopwatch.Elapsed < limit && !_process.HasExited)
        {
            messageId++;
            var probe = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, MessageId = messageId, Token = new byte[] { 0x5A } }.ToArray();
            await socket.SendToAsync(probe, target);
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            try
            {
                while (true)
                {
                    var received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(address, 0), wait.Token);
                    if (CoapMessage.TryParse(buffer.AsSpan(0, received.ReceivedBytes), out var reply) == CoapFormatError.None &&
                        reply!.MessageId == messageId && reply.Code == CoapCode.Content &&
                        Encoding.UTF8.GetString(reply.Payload.Span).Contains("libcoap", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // No answer yet: probe again.
            }
            catch (SocketException)
            {
                // ICMP port unreachable while the server is still starting.
                await Task.Delay(100);
            }
        }

        return false;
    }
}
