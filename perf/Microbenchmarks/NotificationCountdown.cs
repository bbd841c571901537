namespace Coap.Microbenchmarks;

/// <summary>Signals when every armed <see cref="ObserverSocket"/> has received the notifications it expects.</summary>
internal sealed class NotificationCountdown : IDisposable
{
    private readonly ManualResetEventSlim _done = new(initialState: false);
    private int _pending;

    /// <summary>Expects <paramref name="sockets"/> calls of <see cref="SocketDone"/>.</summary>
    public void Arm(int sockets)
    {
        _done.Reset();
        Volatile.Write(ref _pending, sockets);
    }

    /// <summary>Called by a receive thread when its socket reached its target.</summary>
    public void SocketDone()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _done.Set();
        }
    }

    /// <summary>Blocks until every socket is done; false on timeout.</summary>
    public bool Wait(TimeSpan timeout) => _done.Wait(timeout);

    public void Dispose() => _done.Dispose();
}
