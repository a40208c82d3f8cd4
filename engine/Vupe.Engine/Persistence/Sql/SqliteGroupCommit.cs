using System.Diagnostics;
using System.Globalization;

namespace Vupe.Engine.Persistence.Sql;

/// <summary>
/// The one writer of a SQLite store, with group commit. SQLite admits one writer at a time and a
/// durable commit costs an fsync, so sessions hand their writes to a queue instead of each opening a
/// transaction: whatever is waiting when the writer comes round goes into one transaction, and one
/// fsync makes it durable. Each session's writes run inside a savepoint, so a conflict (a version
/// check that finds no row, a duplicate key) rolls back that session alone and fails only its
/// caller. Nothing waits on purpose to gather a batch: at low load each commit goes alone, under
/// load the queue fills while the previous batch is written.
/// </summary>
/// <remarks>
/// Case numbers are allocated by the same writer (a number is needed while the command runs, before
/// its own commit), and handed out once the allocation is committed; a number whose command then
/// fails is a gap. Queued with commits, they share the batch's transaction. Alone, they are committed
/// on a second connection at synchronous=NORMAL, without an fsync of their own: the WAL is written
/// in order, so the fsync of the command's commit, later in the WAL, makes the counter durable too,
/// and a power cut before it loses only numbers that no stored case carries.
/// </remarks>
internal sealed class SqliteGroupCommit : IWritePath
{
    // Prepared once like every other statement (DbTransaction.Save would parse a new command each time).
    private static readonly SqlStatement Savepoint = new("SAVEPOINT session", []);
    private static readonly SqlStatement RollbackToSavepoint = new("ROLLBACK TO session", []);
    private static readonly SqlStatement ReleaseSavepoint = new("RELEASE session", []);

    private readonly TableMaps _tables;
    private readonly SqliteConnectionPool _connections;
    private readonly SqliteSynchronous _synchronous;
    private readonly BatchingStage<object> _writes; // CommitRequest or SequenceRequest

    // Touched only by the writer stage, which runs once at a time.
    private SqlConnectionLease? _writer;
    private SqlConnectionLease? _allocator;
    private readonly WalCheckpointer _checkpointer;
    private volatile bool _disposed;

    public SqliteGroupCommit(TableMaps tables, SqliteConnectionPool connections, SqliteSynchronous synchronous)
    {
        _tables = tables;
        _connections = connections;
        _synchronous = synchronous;
        _writes = new BatchingStage<object>(WriteAsync);
        _checkpointer = new WalCheckpointer(connections);
    }

    private sealed class CommitRequest(IReadOnlyList<PendingWrite> writes, IReadOnlyList<ITransactionalWrite> hostWrites)
    {
        public IReadOnlyList<PendingWrite> Writes { get; } = writes;
        public IReadOnlyList<ITransactionalWrite> HostWrites { get; } = hostWrites;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class SequenceRequest(string officeCode, int year)
    {
        public string OfficeCode { get; } = officeCode;
        public int Year { get; } = year;
        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public bool CommitsOnSessionConnection => false;

    /// <remarks>
    /// The token is honoured until the writes are queued, not after: once queued they may be in a
    /// transaction being committed, and a caller told "cancelled" could not know whether it was.
    /// </remarks>
    public async Task CommitAsync(IReadOnlyList<PendingWrite> writes, IReadOnlyList<ITransactionalWrite> hostWrites, Func<CancellationToken, ValueTask<SqlConnectionLease>> sessionConnection, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        var request = new CommitRequest(writes, hostWrites);
        await _writes.AddAsync(request);
        await request.Done.Task;
    }

    public async Task<long> NextCaseSequenceAsync(string officeCode, int year, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        var request = new SequenceRequest(officeCode, year);
        await _writes.AddAsync(request);
        return await request.Done.Task;
    }

    // The writer's page cache stays valid across batches (it made every change), so a larger one saves
    // re-reading index pages that commands touch all over the file (history by instance, task deletes).
    // Savepoint journals stay in memory. Checkpoints are the checkpointer's; the writer's own only bounds the WAL
    // should the checkpointer fall behind (WalCheckpointer), and the allocator has none.
    private SqlConnectionLease Writer() =>
        _writer ??= _connections.Open($"PRAGMA synchronous={(_synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")};PRAGMA cache_size=-32768;PRAGMA temp_store=MEMORY;PRAGMA wal_autocheckpoint={WalCheckpointer.WriterFallbackPages};");

    private SqlConnectionLease Allocator() => _allocator ??= _connections.Open("PRAGMA synchronous=NORMAL;PRAGMA wal_autocheckpoint=0;");

    private async Task DiscardWriterAsync()
    {
        foreach (var connection in new[] { _writer, _allocator })
        {
            if (connection is null) continue;
            try { await connection.DisposeAsync(); }
            catch (Exception) { /* already broken; a new one is opened for the next batch */ }
        }
        (_writer, _allocator) = (null, null);
    }

    /// <summary>The writer stage: one transaction for everything queued.</summary>
    private async Task WriteAsync(List<object> batch)
    {
        var started = StoreDiagnostics.WriterTimed ? Stopwatch.GetTimestamp() : 0;
        var inCommit = TimeSpan.Zero;
        var sequences = batch.OfType<SequenceRequest>().ToList();
        var commits = batch.OfType<CommitRequest>().ToList();
        var numbers = new long[sequences.Count];
        var failures = new Exception?[commits.Count];
        var committed = false;
        try
        {
            var writer = commits.Count == 0 ? Allocator() : Writer();
            await using var transaction = await writer.Connection.BeginTransactionAsync();
            // Case numbers first: the starts waiting for them have not run yet.
            for (var i = 0; i < sequences.Count; i++)
            {
                var command = writer.BindValues(_tables.NextCaseSequence, transaction, sequences[i].OfficeCode, sequences[i].Year);
                StoreDiagnostics.Statement(command);
                numbers[i] = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }
            if (batch.Count == 1 && commits.Count == 1)
            {
                // Alone in the transaction: a failure rolls the whole of it back, no savepoint needed.
                await ApplyAsync(writer, transaction, commits[0]);
            }
            else
            {
                for (var i = 0; i < commits.Count; i++)
                {
                    await writer.ExecuteAsync(writer.Command(Savepoint, transaction), default);
                    try
                    {
                        await ApplyAsync(writer, transaction, commits[i]);
                    }
                    catch (Exception e)
                    {
                        // This session saw a stale version or broke a constraint: undo its writes only.
                        await writer.ExecuteAsync(writer.Command(RollbackToSavepoint, transaction), default);
                        failures[i] = e;
                    }
                    await writer.ExecuteAsync(writer.Command(ReleaseSavepoint, transaction), default);
                }
            }
            var committing = started != 0 ? Stopwatch.GetTimestamp() : 0;
            await transaction.CommitAsync();
            if (committing != 0) inCommit = Stopwatch.GetElapsedTime(committing);
            StoreDiagnostics.Commit(failures.Count(f => f is null));
            committed = true;
        }
        catch (Exception e)
        {
            // Nothing of the batch was committed.
            if (e is not ConflictException) await DiscardWriterAsync();
            foreach (var request in sequences) request.Done.TrySetException(e);
            for (var i = 0; i < failures.Length; i++) failures[i] ??= e;
        }
        if (committed && commits.Count > 0) _checkpointer.Committed();
        for (var i = 0; i < sequences.Count; i++) sequences[i].Done.TrySetResult(numbers[i]);
        for (var i = 0; i < commits.Count; i++)
        {
            if (failures[i] is { } failure) commits[i].Done.TrySetException(failure);
            else commits[i].Done.TrySetResult();
        }
        if (started != 0) StoreDiagnostics.WriterBusy(started, inCommit);
    }

    private async Task ApplyAsync(SqlConnectionLease writer, System.Data.Common.DbTransaction transaction, CommitRequest commit)
    {
        await ChangeWriter.ApplyAsync(writer, transaction, commit.Writes, _tables, default);
        if (commit.HostWrites.Count > 0) await ChangeWriter.ApplyHostAsync(writer, transaction, commit.HostWrites, default);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        // What was queued is still written; then the writer connection is closed.
        await _writes.IdleAsync();
        await _checkpointer.DisposeAsync();
        await DiscardWriterAsync();
    }
}
