using System.Net;

namespace Coap.BlockWise.Upload;

/// <summary>
/// What the Q-Block probe (RFC 9177 §4.1, QB-03) found per server, bounded: beyond <see cref="Capacity"/>
/// servers the oldest answer is forgotten (and that server probed again when next used). Concurrent
/// requests to one server share one probe.
/// </summary>
internal sealed class QBlockSupportCache
{
    /// <summary>Servers remembered; a client talks to few, and a forgotten one only costs another probe.</summary>
    public const int Capacity = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<IPEndPoint, Task<bool>> _answers = [];
    private readonly Queue<IPEndPoint> _order = new();

    /// <summary>The answer for <paramref name="server"/>, probing with <paramref name="probe"/> the first time.</summary>
    public Task<bool> GetOrProbe(IPEndPoint server, Func<Task<bool>> probe)
    {
        Task<bool> task;
        lock (_gate)
        {
            if (_answers.TryGetValue(server, out var known) && !known.IsFaulted && !known.IsCanceled)
            {
                return known;
            }

            task = probe();
            if (!_answers.ContainsKey(server))
            {
                _order.Enqueue(server);
            }

            _answers[server] = task;
            while (_answers.Count > Capacity && _order.TryDequeue(out var oldest))
            {
                _answers.Remove(oldest);
            }
        }

        return task;
    }

    /// <summary>Forgets a server's answer (a probe that failed without an answer is tried again next time).</summary>
    public void Forget(IPEndPoint server, Task<bool> answer)
    {
        lock (_gate)
        {
            if (_answers.TryGetValue(server, out var current) && current == answer)
            {
                _answers.Remove(server);
            }
        }
    }
}
