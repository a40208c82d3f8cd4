using System.Data.Common;
using System.Diagnostics;

namespace Vupe.Engine.Persistence.Sql;

/// <summary>
/// What the database store does, for benchmarks and diagnostics, through a
/// <see cref="DiagnosticListener"/> named <c>Vupe.Engine.Persistence</c> (no public API; a listener
/// subscribes through <see cref="DiagnosticListener.AllListeners"/>). Events: <c>Statement</c>
/// (payload: the SQL text), <c>ConnectionOpened</c>, <c>Commit</c> (payload: how many sessions the
/// transaction carried). Costs one check per event when nobody listens.
/// </summary>
internal static class StoreDiagnostics
{
    private static readonly DiagnosticListener Listener = new("Vupe.Engine.Persistence");

    public static void Statement(DbCommand command)
    {
        if (Listener.IsEnabled("Statement")) Listener.Write("Statement", command.CommandText);
    }

    public static void ConnectionOpened()
    {
        if (Listener.IsEnabled("ConnectionOpened")) Listener.Write("ConnectionOpened", null);
    }

    public static void Commit(int sessions)
    {
        if (Listener.IsEnabled("Commit")) Listener.Write("Commit", sessions);
    }
}
