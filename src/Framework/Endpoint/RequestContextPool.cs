namespace Coap.Endpoint;

/// <summary>Reuses request contexts and their buffers so the request path allocates nothing.</summary>
internal sealed class RequestContextPool(int maxRetained)
{
    private readonly Lock _gate = new();
    private readonly Stack<CoapContext> _free = new();

    public CoapContext Rent()
    {
        lock (_gate)
        {
            if (_free.TryPop(out var context))
            {
                return context;
            }
        }

        return new CoapContext();
    }

    public void Return(CoapContext context)
    {
        context.Recycle();
        lock (_gate)
        {
            if (_free.Count < maxRetained)
            {
                _free.Push(context);
            }
        }
    }
}
