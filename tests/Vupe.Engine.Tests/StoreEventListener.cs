using System.Diagnostics;

namespace Vupe.Engine.Tests;

/// <summary>
/// Hands every event of the engine's store diagnostics (<c>Vupe.Engine.Persistence</c>, see StoreDiagnostics)
/// to <paramref name="onEvent"/> until disposed. The listener is process-wide: events of other stores arrive too.
/// </summary>
internal sealed class StoreEventListener : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly Action<string, object?> _onEvent;
    private readonly List<IDisposable> _subscriptions = [];

    public StoreEventListener(Action<string, object?> onEvent)
    {
        _onEvent = onEvent;
        var all = DiagnosticListener.AllListeners.Subscribe(this);
        lock (_subscriptions) _subscriptions.Add(all);
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Vupe.Engine.Persistence") lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e) => _onEvent(e.Key, e.Value);

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
    }
}
