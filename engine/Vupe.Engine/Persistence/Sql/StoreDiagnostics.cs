using System.Data.Common;
using System.Diagnostics;

namespace Vupe.Engine.Persistence.Sql;

/// <summary>
/// What the database store does, for benchmarks and diagnostics, through a
/// <see cref="DiagnosticListener"/> named <c>Vupe.Engine.Persistence</c> (no public API; a listener
/// subscribes through <see cref="DiagnosticListener.AllListeners"/>). Events: <c>Statement</c>
/// (payload: the SQL text), <c>ConnectionOpened</c>, <c>Commit</c> (payload: how many sessions the
/// transaction carried; 0 for a case-number allocation), <c>WriterBusy</c> (SQLite writer, payload:
/// milliseconds spent on one round of writes and, of those, in COMMIT, as a (double, double)),
/// <c>Checkpoint</c> (SQLite, payload: (database file, pages in the WAL, pages copied) as a
/// (string, long, long)), <c>CheckpointFailed</c> (payload: (database file, exception)).
/// Costs one check per event when nobody listens.
/// </summary>
internal static class StoreDiagnostics
{
    private static readonly DiagnosticListener Listener = new("Vupe.Engine.Persistence");

    public static void Statement(DbCommand command) => Statement(command.CommandText);

    public static void Statement(string text)
    {
        if (Listener.IsEnabled("Statement")) Listener.Write("Statement", text);
    }

    public static void ConnectionOpened()
    {
        if (Listener.IsEnabled("ConnectionOpened")) Listener.Write("ConnectionOpened", null);
    }

    public static bool WriterTimed => Listener.IsEnabled("WriterBusy");

    public static void WriterBusy(long startTimestamp, TimeSpan inCommit)
    {
        if (Listener.IsEnabled("WriterBusy")) Listener.Write("WriterBusy", (Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, inCommit.TotalMilliseconds));
    }

    public static void Commit(int sessions)
    {
        if (Listener.IsEnabled("Commit")) Listener.Write("Commit", sessions);
    }

    public static void Checkpoint(string database, long walPages, long copiedPages)
    {
        if (Listener.IsEnabled("Checkpoint")) Listener.Write("Checkpoint", (database, walPages, copiedPages));
    }

    public static void CheckpointFailed(string database, Exception error)
    {
        if (Listener.IsEnabled("CheckpointFailed")) Listener.Write("CheckpointFailed", (database, error));
    }
}
