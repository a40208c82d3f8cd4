using Microsoft.Data.Sqlite;

namespace Vupe.Engine.Persistence.Sql;

/// <summary>
/// Copies the WAL of a SQLite store back into the database file on a connection and thread of its
/// own, so that the writer never does it inside a commit. Left to SQLite, the connection that commits
/// past 1,000 WAL pages runs the checkpoint there and then: about 1,000 page reads and writes and an
/// fsync of the database file, every few dozen commits, while every caller in that batch waits.
/// </summary>
/// <remarks>
/// Checkpoints are PASSIVE: they copy what no reader still needs and never block the writer or the
/// readers. SQLite restarts the WAL from its beginning once a checkpoint has copied all of it, at the
/// next write, so the file stays the size a few seconds of writes need. Durability does not depend on
/// checkpoints: a commit is durable once its WAL frames are synced.
/// </remarks>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>Commits between checkpoints: at 20–30 WAL pages per commit, about SQLite's own 1,000-page interval.</summary>
    public const int CommitsPerCheckpoint = 40;

    private readonly SqliteConnectionPool _connections;
    private readonly SemaphoreSlim _due = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _commitsSinceCheckpoint;
    private int _disposed;

    public WalCheckpointer(SqliteConnectionPool connections)
    {
        _connections = connections;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Called by the writer after each commit; wakes the checkpointer every <see cref="CommitsPerCheckpoint"/> commits.</summary>
    public void Committed()
    {
        if (Interlocked.Increment(ref _commitsSinceCheckpoint) < CommitsPerCheckpoint) return;
        Interlocked.Exchange(ref _commitsSinceCheckpoint, 0);
        if (_due.CurrentCount == 0)
        {
            try { _due.Release(); }
            catch (SemaphoreFullException) { /* woken already */ }
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
                    await using var checkpoint = connection.Connection.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    await checkpoint.ExecuteNonQueryAsync(_stop.Token);
                }
                catch (SqliteException)
                {
                    // The file is busy or the connection broke: the next checkpoint copies what this one did not.
                    if (connection is not null) await connection.DisposeAsync();
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
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _due.Dispose();
    }
}
