using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vupe.Bench.Figures;

/// <summary>One SQL statement EF Core ran: its text, parameters and time in the database call.</summary>
internal sealed record CapturedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters, TimeSpan Duration);

/// <summary>
/// Listens to EF Core's DiagnosticSource events (no change to the engine's store configuration) and
/// records the statements of the request in progress, to time them apart and to EXPLAIN them afterwards.
/// </summary>
internal sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _all;
    private readonly List<IDisposable> _subscriptions = [];

    public SqlCapture() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Statements are added here while it is set.</summary>
    public List<CapturedCommand>? Current { get; set; }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name || name == CoreEventId.QueryCompilationStarting.Name));
    }

    /// <summary>LINQ queries EF Core compiled (a query shape seen for the first time); none once warm.</summary>
    public int Compilations;

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == CoreEventId.QueryCompilationStarting.Name) Interlocked.Increment(ref Compilations);
        if (Current is { } list && e.Value is CommandExecutedEventData data)
        {
            // Guids as EF Core binds them on SQLite (upper-case text), so EXPLAIN sees the same values.
            var parameters = data.Command.Parameters.Cast<System.Data.Common.DbParameter>()
                .Select(p => (p.ParameterName, p.Value is Guid g ? g.ToString("D").ToUpperInvariant() : (object?)p.Value)).ToList();
            list.Add(new CapturedCommand(data.Command.CommandText, parameters, data.Duration));
        }
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        foreach (var s in _subscriptions) s.Dispose();
        _all.Dispose();
    }
}
