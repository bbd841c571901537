using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Coap.Security.Oscore;

namespace Coap.LoadGenerator;

/// <summary>The figures of one measured window.</summary>
internal sealed record RunResult(
    double Seconds,
    WorkerStats Stats,
    double? ServerCpuSeconds,
    double? GeneratorCpuSeconds,
    double? MachineBusySeconds)
{
    /// <summary>CPU used by anything but the server and the generator: other processes, unattributed kernel work.</summary>
    public double? OtherCpuSeconds => MachineBusySeconds - (ServerCpuSeconds ?? 0) - GeneratorCpuSeconds;

    public double Rate => Stats.Completed / Seconds;

    public double? ServerCpuMicrosPerRequest => ServerCpuSeconds is { } s && Stats.Completed > 0 ? s * 1e6 / Stats.Completed : null;

    public double? GeneratorCpuMicrosPerRequest => GeneratorCpuSeconds is { } s && Stats.Completed > 0 ? s * 1e6 / Stats.Completed : null;
}

/// <summary>Opens the client sockets, runs warmup then the measured window, and reports.</summary>
internal sealed class LoadRunner(LoadSettings settings)
{
    private readonly byte[] _template = Wire.CreateTemplate(settings.Path);
    private readonly List<Socket> _allSockets = [];
    private readonly List<OscoreRequests> _oscoreWorkers = [];
    private OscoreSecurityContext? _oscoreContext;

    public int Run()
    {
        var results = new List<RunResult>();
        try
        {
            // One context for every worker and batch: the sequence number goes on across them.
            _oscoreContext = settings.Oscore ? OscoreLoadContext.CreateClient(settings.OscoreFirstSequenceNumber) : null;
            for (var batch = 0; batch < settings.Batches; batch++)
            {
                var result = RunOnce(batch);
                results.Add(result);
                if (settings.Batches > 1 && !settings.Json)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch {batch + 1}/{settings.Batches}: {result.Rate:F0} req/s, lost {result.Stats.Lost}, p99 {result.Stats.Latency.ValueAt(0.99) / 1000.0:F0} µs, server {Format(result.ServerCpuMicrosPerRequest)} µs/request, other CPU {Format(result.OtherCpuSeconds)} s"));
                }
            }
        }
        finally
        {
            foreach (var socket in _allSockets)
            {
                socket.Dispose();
            }

            _oscoreContext?.Dispose();
        }

        Report(results);
        return 0;
    }

    private RunResult RunOnce(int batch)
    {
        var control = new RunControl { TimeoutTicks = (long)(settings.Timeout.TotalSeconds * Stopwatch.Frequency) };
        var workers = new List<(Action Run, Action Dispose, WorkerStats Stats)>();
        if (settings.MultiEndpoint)
        {
            var sockets = OpenSockets(settings.Endpoints);
            var threads = Math.Clamp(settings.Threads, 1, sockets.Length);
            for (var t = 0; t < threads; t++)
            {
                var share = sockets.Where((_, i) => i % threads == t).ToArray();
                var worker = new MultiEndpointWorker(share, _template, control, (batch * 1000) + t + Environment.TickCount, CreateOscore(share.Length));
                workers.Add((worker.Run, worker.Dispose, worker.Stats));
            }
        }
        else
        {
            var socket = OpenSockets(1)[0];
            socket.ReceiveTimeout = 5;
            var worker = new SingleEndpointWorker(socket, settings.InFlight, _template, control, (batch * 1000) + Environment.TickCount, CreateOscore(settings.InFlight));
            workers.Add((worker.Run, worker.Dispose, worker.Stats));
        }

        var threadsStarted = workers.Select((w, i) => new Thread(() => w.Run())
        {
            IsBackground = true,
            Name = $"load {i}",
        }).ToList();
        control.Phase = RunControl.Warmup;
        foreach (var thread in threadsStarted)
        {
            thread.Start();
        }

        Thread.Sleep(settings.Warmup);
        var serverCpuStart = settings.ServerPid is { } pid ? ProcessCpu.Read(pid) : null;
        var selfCpuStart = ProcessCpu.ReadSelf();
        var machineStart = ProcessCpu.ReadMachineBusy();
        var start = Stopwatch.GetTimestamp();
        control.Phase = RunControl.Measure;
        Thread.Sleep(settings.Duration);
        control.Phase = RunControl.Stop;
        var elapsed = Stopwatch.GetElapsedTime(start);
        var serverCpuEnd = settings.ServerPid is { } pid2 ? ProcessCpu.Read(pid2) : null;
        var selfCpuEnd = ProcessCpu.ReadSelf();
        var machineEnd = ProcessCpu.ReadMachineBusy();
        foreach (var thread in threadsStarted)
        {
            thread.Join();
        }

        var total = new WorkerStats();
        foreach (var (_, dispose, stats) in workers)
        {
            total.Add(stats);
            dispose();
        }

        return new RunResult(
            elapsed.TotalSeconds,
            total,
            serverCpuEnd - serverCpuStart,
            selfCpuEnd - selfCpuStart,
            machineEnd - machineStart);
    }

    private OscoreRequests? CreateOscore(int slots)
    {
        if (_oscoreContext is null)
        {
            return null;
        }

        var requests = new OscoreRequests(_oscoreContext, settings.Path, slots);
        _oscoreWorkers.Add(requests);
        return requests;
    }

    private Socket[] OpenSockets(int count)
    {
        var sockets = new Socket[count];
        for (var i = 0; i < count; i++)
        {
            var socket = new Socket(settings.Target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.ReceiveBufferSize = settings.MultiEndpoint ? 64 * 1024 : 4 * 1024 * 1024;
            socket.SendBufferSize = settings.MultiEndpoint ? 64 * 1024 : 4 * 1024 * 1024;
            socket.Connect(settings.Target);
            sockets[i] = socket;
            _allSockets.Add(socket);
        }

        return sockets;
    }

    private void Report(List<RunResult> results)
    {
        // The reported window is the last batch; with several batches each one's rate is listed too.
        var last = results[^1];
        var stats = last.Stats;
        var latency = stats.Latency;
        double Micros(long ns) => ns / 1000.0;
        var mode = settings.MultiEndpoint ? "multi" : "single";
        if (settings.Json)
        {
            using var stream = Console.OpenStandardOutput();
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                json.WriteString("target", settings.Target.ToString());
                json.WriteString("path", settings.Path);
                json.WriteString("mode", mode);
                json.WriteNumber("endpoints", settings.MultiEndpoint ? settings.Endpoints : 1);
                json.WriteNumber("in_flight", settings.MultiEndpoint ? settings.Endpoints : settings.InFlight);
                json.WriteNumber("threads", settings.MultiEndpoint ? settings.Threads : 1);
                json.WriteNumber("seconds", Math.Round(last.Seconds, 3));
                json.WriteNumber("requests", stats.Completed);
                json.WriteNumber("rate", Math.Round(last.Rate, 1));
                json.WriteNumber("p50_us", Micros(latency.ValueAt(0.50)));
                json.WriteNumber("p90_us", Micros(latency.ValueAt(0.90)));
                json.WriteNumber("p99_us", Micros(latency.ValueAt(0.99)));
                json.WriteNumber("max_us", Micros(latency.Max));
                json.WriteNumber("sent", stats.Sent);
                json.WriteNumber("lost", stats.Lost);
                json.WriteNumber("mismatches", stats.Mismatched);
                json.WriteNumber("stale", stats.Stale);
                json.WriteNumber("error_codes", stats.ErrorCodes);
                json.WriteNumber("resets", stats.Resets);
                json.WriteNumber("socket_errors", stats.SocketErrors);
                json.WriteBoolean("oscore", settings.Oscore);
                json.WriteNumber("oscore_verify_failures", _oscoreWorkers.Sum(w => w.VerificationFailures));
                json.WriteNumber("oscore_echo_challenges", _oscoreWorkers.Sum(w => w.EchoChallenges));
                WriteNullable(json, "server_cpu_s", last.ServerCpuSeconds);
                WriteNullable(json, "server_cpu_us_per_req", last.ServerCpuMicrosPerRequest);
                WriteNullable(json, "generator_cpu_s", last.GeneratorCpuSeconds);
                WriteNullable(json, "generator_cpu_us_per_req", last.GeneratorCpuMicrosPerRequest);
                WriteNullable(json, "machine_busy_s", last.MachineBusySeconds);
                WriteNullable(json, "other_cpu_s", last.OtherCpuSeconds);
                if (results.Count > 1)
                {
                    json.WriteStartArray("batch_rates");
                    foreach (var result in results)
                    {
                        json.WriteNumberValue(Math.Round(result.Rate, 1));
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("batch_lost");
                    foreach (var result in results)
                    {
                        json.WriteNumberValue(result.Stats.Lost);
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("batch_server_cpu_us_per_req");
                    foreach (var result in results)
                    {
                        WriteNullableValue(json, result.ServerCpuMicrosPerRequest);
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("batch_other_cpu_s");
                    foreach (var result in results)
                    {
                        WriteNullableValue(json, result.OtherCpuSeconds);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            stream.Write("\n"u8);
            return;
        }

        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var shape = settings.MultiEndpoint
            ? string.Create(inv, $"{settings.Endpoints} endpoints x 1 in flight, {settings.Threads} thread(s)")
            : string.Create(inv, $"1 endpoint x {settings.InFlight} in flight");
        text.AppendLine(inv, $"target {settings.Target}{settings.Path}, mode {mode}, {shape}");
        text.AppendLine(inv, $"measured {last.Seconds:F2} s after {settings.Warmup.TotalSeconds:F0} s warmup: {stats.Completed} responses, {last.Rate:F0} req/s");
        text.AppendLine(inv, $"latency µs: p50 {Micros(latency.ValueAt(0.5)):F0}  p90 {Micros(latency.ValueAt(0.9)):F0}  p99 {Micros(latency.ValueAt(0.99)):F0}  max {Micros(latency.Max):F0}");
        text.AppendLine(inv, $"lost {stats.Lost}, mismatches {stats.Mismatched}, stale {stats.Stale}, error codes {stats.ErrorCodes}, resets {stats.Resets}, socket errors {stats.SocketErrors}");
        if (settings.Oscore)
        {
            text.AppendLine(inv, $"OSCORE (whole run, warmup included): {_oscoreWorkers.Sum(w => w.VerificationFailures)} answers failed verification, {_oscoreWorkers.Sum(w => w.EchoChallenges)} Echo challenges");
        }
        if (last.ServerCpuSeconds is { } serverCpu)
        {
            text.AppendLine(inv, $"server CPU {serverCpu:F2} s = {last.ServerCpuMicrosPerRequest:F2} µs/request ({serverCpu / last.Seconds * 100:F0}% of one core)");
        }

        if (last.GeneratorCpuSeconds is { } selfCpu)
        {
            text.AppendLine(inv, $"generator CPU {selfCpu:F2} s = {last.GeneratorCpuMicrosPerRequest:F2} µs/request ({selfCpu / last.Seconds * 100:F0}% of one core)");
        }

        if (last.OtherCpuSeconds is { } otherCpu)
        {
            text.AppendLine(inv, $"machine busy {last.MachineBusySeconds:F2} s of {Environment.ProcessorCount * last.Seconds:F2} s; other processes and unattributed kernel work {otherCpu:F2} s");
        }

        if (results.Count > 1)
        {
            text.AppendLine(inv, $"batch rates: {string.Join(", ", results.Select(r => r.Rate.ToString("F0", inv)))}");
        }

        Console.Write(text.ToString());
        Console.WriteLine(string.Create(inv,
            $"RESULT mode={mode} rate={last.Rate:F1} requests={stats.Completed} p50_us={Micros(latency.ValueAt(0.5)):F1} p90_us={Micros(latency.ValueAt(0.9)):F1} p99_us={Micros(latency.ValueAt(0.99)):F1} max_us={Micros(latency.Max):F1} " +
            $"lost={stats.Lost} mismatches={stats.Mismatched} stale={stats.Stale} error_codes={stats.ErrorCodes} " +
            $"server_cpu_s={Format(last.ServerCpuSeconds)} server_cpu_us_per_req={Format(last.ServerCpuMicrosPerRequest)} " +
            $"gen_cpu_s={Format(last.GeneratorCpuSeconds)} gen_cpu_us_per_req={Format(last.GeneratorCpuMicrosPerRequest)} " +
            $"machine_busy_s={Format(last.MachineBusySeconds)} other_cpu_s={Format(last.OtherCpuSeconds)} " +
            $"first_batch_rate={results[0].Rate:F1} last_batch_rate={last.Rate:F1} " +
            $"first_batch_server_cpu_us_per_req={Format(results[0].ServerCpuMicrosPerRequest)} last_batch_server_cpu_us_per_req={Format(last.ServerCpuMicrosPerRequest)} batches={results.Count} " +
            $"oscore={(settings.Oscore ? 1 : 0)} oscore_verify_failures={_oscoreWorkers.Sum(w => w.VerificationFailures)} oscore_echo_challenges={_oscoreWorkers.Sum(w => w.EchoChallenges)}"));
    }

    private static string Format(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "na";

    private static void WriteNullableValue(Utf8JsonWriter json, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumberValue(Math.Round(v, 4));
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, 4));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
