using Microsoft.Data.Sqlite;

namespace Vupe.Engine.Persistence.Sql;

/// <summary>
/// Copies the WAL of a SQLite store back into the database file on a connection and thread of its
/// own, so that the writer seldom does it inside a commit. Left to SQLite, the connection that commits
/// past 1,000 WAL pages runs the checkpoint there and then: about 1,000 page reads and writes and an
/// fsync of the database file, every few dozen commits, while every caller in that batch waits.
/// </summary>
/// <remarks>
/// Checkpoints are PASSIVE: they copy what no reader still needs and never block the writer or the
/// readers. SQLite starts the WAL over from its beginning at the next write after a checkpoint that
/// copied all of it. Under sustained load the writer commits while a checkpoint runs, so the WAL may
/// never be copied to its end and would keep growing: the writer therefore keeps an automatic
/// checkpoint of its own at <see cref="WriterFallbackPages"/> pages, four times SQLite's default, which
/// then finds most pages already copied and lets the WAL start over. Durability does not depend on
/// checkpoints: a commit is durable once its WAL frames are synced.
/// </remarks>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>Commits between checkpoints: at 20–30 WAL pages per commit, about SQLite's own 1,000-page interval.</summary>
    public const int CommitsPerCheckpoint = 40;

    /// <summary>The writer connection's <c>wal_autocheckpoint</c>: the WAL size (pages) at which the writer checkpoints itself.</summary>
    public const int WriterFallbackPages = 4000;

    private readonly SqliteConnectionPool _connections;
    private readonly string _database;
    private readonly SemaphoreSlim _due = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _commitsSinceCheckpoint;
    private volatile bool _disposed;

    public WalCheckpointer(SqliteConnectionPool connections)
    {
        _connections = connections;
        _database = new SqliteConnectionStringBuilder(connections.ConnectionString).DataSource;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Called by the writer after each commit; wakes the checkpointer every <see cref="CommitsPerCheckpoint"/> commits.</summary>
    public void Committed()
    {
        if (_disposed || Interlocked.Increment(ref _commitsSinceCheckpoint) < CommitsPerCheckpoint) return;
        Interlocked.Exchange(ref _commitsSinceCheckpoint, 0);
        try
        {
            if (_due.CurrentCount == 0) _due.Release();
        }
        catch (Exception e) when (e is SemaphoreFullException or ObjectDisposedException)
        {
            // Woken already, or disposed meanwhile: either way nothing is owed.
        }
    }

    private async Task LoopAsync()
    {
        SqlConnectionLease? connection = null;
        try
        {
            while (true)
            {
                await _due.WaitAsync(_stop.Token);
                try
                {
                    connection ??= _connections.Open();
                    await CheckpointAsync(connection);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The file is busy or the connection broke: the next checkpoint copies what this one did
                    // not (and the writer's own fallback keeps the WAL bounded meanwhile).
                    StoreDiagnostics.CheckpointFailed(_database, e);
                    await CloseAsync(connection);
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            await CloseAsync(connection);
        }
    }

    private async Task CheckpointAsync(SqlConnectionLease connection)
    {
        await using var checkpoint = connection.Connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var result = await checkpoint.ExecuteReaderAsync(_stop.Token);
        // One row: busy (0/1), pages in the WAL, pages copied into the database file.
        if (await result.ReadAsync(_stop.Token)) StoreDiagnostics.Checkpoint(_database, result.GetInt64(1), result.GetInt64(2));
    }

    private static async Task CloseAsync(SqlConnectionLease? connection)
    {
        if (connection is null) return;
        try { await connection.DisposeAsync(); }
        catch (SqliteException) { /* already broken */ }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _due.Dispose();
    }
}
