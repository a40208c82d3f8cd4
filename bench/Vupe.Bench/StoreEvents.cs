using System.Diagnostics;

namespace Vupe.Bench;

/// <summary>
/// Counts what the engine's database store reports through its DiagnosticListener
/// "Vupe.Engine.Persistence": the statements it runs itself (prepared, outside EF Core), the
/// connections it opens, and its commits with the number of sessions each carried (group commit).
/// </summary>
internal sealed class StoreEvents : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _allListeners;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _gate = new();
    private bool _log;

    public long Statements { get; private set; }
    public long Opens { get; private set; }
    /// <summary>Transactions committed that carried sessions (case-number allocations are counted apart).</summary>
    public long Commits { get; private set; }
    public long Sessions { get; private set; }
    public long SequenceCommits { get; private set; }
    public List<string> Log { get; } = [];
    /// <summary>Milliseconds the SQLite writer spent writing, and of those in COMMIT (the fsync).</summary>
    public double WriterMs { get; private set; }
    public double CommitMs { get; private set; }

    public StoreEvents() => _allListeners = DiagnosticListener.AllListeners.Subscribe(this);

    public void Reset(bool log = false)
    {
        lock (_gate)
        {
            Statements = Opens = Commits = Sessions = SequenceCommits = 0;
            WriterMs = CommitMs = 0;
            Log.Clear();
            _log = log;
        }
    }

    /// <summary>Adds a line to the log (when logging), in order with the store's own events.</summary>
    public void Append(string line)
    {
        lock (_gate) if (_log) Log.Add(line);
    }

    public double SessionsPerCommit => Commits == 0 ? 0 : (double)Sessions / Commits;

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Vupe.Engine.Persistence") lock (_gate) _subscriptions.Add(listener.Subscribe(this));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        lock (_gate)
        {
            switch (e.Key)
            {
                case "Statement":
                    Statements++;
                    if (_log) Log.Add($"-- (engine, prepared)\n{e.Value};");
                    break;
                case "ConnectionOpened":
                    Opens++;
                    if (_log) Log.Add("-- engine connection opened");
                    break;
                case "WriterBusy" when e.Value is ValueTuple<double, double> busy:
                    WriterMs += busy.Item1;
                    CommitMs += busy.Item2;
                    break;
                case "Commit" when e.Value is int sessions:
                    if (sessions == 0) SequenceCommits++;
                    else
                    {
                        Commits++;
                        Sessions += sessions;
                    }
                    if (_log) Log.Add($"-- engine commit ({sessions} session(s))");
                    break;
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        _allListeners.Dispose();
        lock (_gate) foreach (var s in _subscriptions) s.Dispose();
    }
}
