using System.Data.Common;
using Npgsql;

namespace Vupe.Server.Data.Postgres;

/// <summary>
/// The connection settings of the server's and the engine's pooled connections, unless the operator's connection string
/// sets them. Measured under the consultants' loop (docs/benchmarks.md): without them PostgreSQL spent more CPU per loop
/// than the server itself, parsing and planning the same ~90 statements again and again, and running a DISCARD ALL
/// each time a pooled connection was taken (which also throws away prepared statements).
/// <list type="bullet">
/// <item><c>Max Auto Prepare</c>: Npgsql prepares the statements a connection runs repeatedly, so PostgreSQL parses and
/// plans each once per connection.</item>
/// <item><c>No Reset On Close</c>: no DISCARD ALL when a connection returns to the pool. Safe because nothing the server
/// runs on these connections leaves session state behind: the audit's advisory locks are transaction-scoped, and the
/// start-up lock (session-scoped) takes a connection outside the pool (<see cref="Unpooled"/>).</item>
/// </list>
/// Hangfire keeps the operator's string as given (its own pool, its own habits).
/// </summary>
internal static class PostgresConnectionTuning
{
    public static string Tuned(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            tuned.MaxAutoPrepare = 128;
            if (!Sets(given, "Auto Prepare Min Usages", "AutoPrepareMinUsages")) tuned.AutoPrepareMinUsages = 2;
        }
        if (!Sets(given, "No Reset On Close", "NoResetOnClose")) tuned.NoResetOnClose = true;
        return tuned.ConnectionString;
    }

    /// <summary>The same server and credentials on a connection that is really closed when disposed, never pooled.</summary>
    public static string Unpooled(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private static bool Sets(DbConnectionStringBuilder given, params string[] keys) => keys.Any(given.ContainsKey);
}
