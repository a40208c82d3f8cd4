using System.Globalization;

namespace Vupe.Engine.Persistence.Sql;

/// <summary>
/// The one writer of a SQLite store, with group commit. SQLite admits one writer at a time and a
/// durable commit costs an fsync, so sessions hand their writes to this queue instead of each
/// opening a transaction: whatever is waiting when the writer comes round goes into one
/// transaction with one fsync. Each session's writes run inside a savepoint, so a conflict (a
/// version check that finds no row, a duplicate key) rolls back that session alone and fails only
/// its caller. Every caller's task completes after COMMIT has returned, i.e. after the fsync
/// (synchronous=FULL): a call that returned is durable. Nothing waits on purpose to gather a
/// batch: at low load each commit goes alone, under load the queue fills while the previous fsync
/// runs.
/// </summary>
/// <remarks>
/// Who writes: a caller that finds no writer at work writes its own batch on its own thread (no
/// thread hop when the store is quiet); whatever arrived meanwhile is left to a loop on the thread
/// pool, which runs while there is work and ends when the queue is empty, so that the first caller
/// returns as soon as its own commit is durable and an idle store holds no thread.
/// </remarks>
internal sealed class SqliteGroupCommit(TableMaps tables, SqliteConnectionPool connections, SqliteSynchronous synchronous) : IWritePath
{
    private static readonly SqlStatement SyncNormal = new("PRAGMA synchronous=NORMAL", []);
    private static readonly SqlStatement SyncFull = new("PRAGMA synchronous=FULL", []);

    private readonly Lock _gate = new();
    private List<CommitRequest> _commits = [];
    private List<SequenceRequest> _sequences = [];
    // True while someone (a caller or the pool loop) is writing; only that one touches _writer.
    private bool _writing;
    private Task? _loop;
    private bool _disposed;
    private SqlConnectionLease? _writer;

    private sealed class CommitRequest(IReadOnlyList<PendingWrite> writes)
    {
        public IReadOnlyList<PendingWrite> Writes { get; } = writes;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class SequenceRequest(string officeCode, int year)
    {
        public string OfficeCode { get; } = officeCode;
        public int Year { get; } = year;
        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <remarks>
    /// The token is honoured until the writes are queued, not after: once queued they may be in a
    /// transaction being committed, and a caller told "cancelled" could not know whether it was.
    /// </remarks>
    public async Task CommitAsync(IReadOnlyList<PendingWrite> writes, Func<CancellationToken, ValueTask<SqlConnectionLease>> sessionConnection, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var request = new CommitRequest(writes);
        if (Enqueue(() => _commits.Add(request))) await WriteAsCallerAsync();
        await request.Done.Task;
    }

    public async Task<long> NextCaseSequenceAsync(string officeCode, int year, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var request = new SequenceRequest(officeCode, year);
        if (Enqueue(() => _sequences.Add(request))) await WriteAsCallerAsync();
        return await request.Done.Task;
    }

    /// <summary>Queues a request; true when no one is writing, and the caller is to write it.</summary>
    private bool Enqueue(Action add)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            add();
            if (_writing) return false;
            _writing = true;
            return true;
        }
    }

    private async Task WriteAsCallerAsync()
    {
        if (!await WriteNextBatchAsync()) return;
        // More arrived while this caller wrote: a pool thread takes over, this caller returns.
        lock (_gate) _loop = Task.Run(WriteLoopAsync);
    }

    private async Task WriteLoopAsync()
    {
        while (await WriteNextBatchAsync()) { }
    }

    /// <summary>Writes what is queued; false (and no longer writing) when the queue was empty.</summary>
    private async Task<bool> WriteNextBatchAsync()
    {
        List<SequenceRequest> sequences;
        List<CommitRequest> commits;
        lock (_gate)
        {
            if (_sequences.Count == 0 && _commits.Count == 0)
            {
                _writing = false;
                return false;
            }
            (sequences, _sequences) = (_sequences, []);
            (commits, _commits) = (_commits, []);
        }
        // Case numbers first: the starts waiting for them have not run yet.
        if (sequences.Count > 0) await AllocateAsync(sequences);
        if (commits.Count > 0) await CommitBatchAsync(commits);
        lock (_gate)
        {
            if (_sequences.Count > 0 || _commits.Count > 0) return true;
            _writing = false;
            return false;
        }
    }

    private SqlConnectionLease Writer() =>
        _writer ??= connections.Open($"PRAGMA synchronous={(synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")};");

    private async Task DiscardWriterAsync()
    {
        if (_writer is null) return;
        try { await _writer.DisposeAsync(); }
        catch (Exception) { /* already broken; a new one is opened on the next batch */ }
        _writer = null;
    }

    /// <summary>
    /// Case numbers are allocated in a short transaction of their own, before the command that uses
    /// them runs, without an fsync of its own: the WAL is written in order, so the fsync of the
    /// command's commit (which comes later in the WAL) makes the counter durable too. A crash before
    /// that loses at most numbers that no committed case carries.
    /// </summary>
    private async Task AllocateAsync(List<SequenceRequest> requests)
    {
        var results = new long[requests.Count];
        try
        {
            var writer = Writer();
            var relax = synchronous == SqliteSynchronous.Full;
            if (relax) await writer.ExecuteAsync(writer.Command(SyncNormal), default);
            try
            {
                await using var transaction = await writer.Connection.BeginTransactionAsync();
                for (var i = 0; i < requests.Count; i++)
                {
                    var command = writer.BindValues(tables.NextCaseSequence, transaction, requests[i].OfficeCode, requests[i].Year);
                    StoreDiagnostics.Statement(command);
                    results[i] = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
                }
                await transaction.CommitAsync();
                StoreDiagnostics.Commit(0);
            }
            finally
            {
                if (relax) await writer.ExecuteAsync(writer.Command(SyncFull), default);
            }
        }
        catch (Exception e)
        {
            await DiscardWriterAsync();
            foreach (var request in requests) request.Done.TrySetException(e);
            return;
        }
        for (var i = 0; i < requests.Count; i++) requests[i].Done.TrySetResult(results[i]);
    }

    private async Task CommitBatchAsync(List<CommitRequest> requests)
    {
        var failures = new Exception?[requests.Count];
        try
        {
            var writer = Writer();
            await using var transaction = await writer.Connection.BeginTransactionAsync();
            if (requests.Count == 1)
            {
                // Alone in the transaction: a failure rolls the whole of it back, no savepoint needed.
                await ChangeWriter.ApplyAsync(writer, transaction, requests[0].Writes, tables, default);
            }
            else
            {
                for (var i = 0; i < requests.Count; i++)
                {
                    await transaction.SaveAsync("session");
                    try
                    {
                        await ChangeWriter.ApplyAsync(writer, transaction, requests[i].Writes, tables, default);
                    }
                    catch (Exception e)
                    {
                        // This session saw a stale version or broke a constraint: undo its writes only.
                        await transaction.RollbackAsync("session");
                        failures[i] = e;
                    }
                    await transaction.ReleaseAsync("session");
                }
            }
            await transaction.CommitAsync();
            StoreDiagnostics.Commit(failures.Count(f => f is null));
        }
        catch (Exception e)
        {
            // Nothing of the batch was committed.
            if (e is not ConflictException) await DiscardWriterAsync();
            for (var i = 0; i < failures.Length; i++) failures[i] ??= e;
        }
        for (var i = 0; i < requests.Count; i++)
        {
            if (failures[i] is { } failure) requests[i].Done.TrySetException(failure);
            else requests[i].Done.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate) _disposed = true;
        // What was queued is still written; then the writer connection is closed.
        while (true)
        {
            Task? loop;
            lock (_gate)
            {
                if (!_writing) break;
                loop = _loop;
            }
            if (loop is { IsCompleted: false }) await loop;
            else await Task.Delay(1); // a caller is writing its batch
        }
        await DiscardWriterAsync();
    }
}
