namespace Coap;

/// <summary>
/// Signals that an observable resource of <typeparamref name="TController"/> changed, so its
/// observers get notified. The generator adds one method per <c>[Observable]</c> action
/// (<c>notifier.NotifyTemperature()</c>, with the route values as parameters); inject this
/// interface wherever the change happens. Notifying is cheap and never blocks: the resource is
/// evaluated once per change in the background, however many observers it has.
/// </summary>
/// <typeparam name="TController">The controller that declares the observable actions.</typeparam>
public interface ICoapNotifier<TController>
{
    /// <summary>Notifies the observers of the resource at <paramref name="path"/>, e.g. "/sensors/temp".</summary>
    void Notify(string path);
}
