namespace Coap.Observe;

/// <summary>The <see cref="ICoapNotifier{TController}"/> the host registers: a typed front for the server's observer list.</summary>
internal sealed class CoapNotifier<TController>(CoapObservations observations) : ICoapNotifier<TController>
{
    public void Notify(string path) => observations.Notify(path);
}
