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
internal sealed class SqliteGroupCommit(TableMaps tables, SqliteConnectionPool connections, SqliteSynchronous synchronous) : IWritePath
{
    private static readonly SqlStatement SyncNormal = new("PRAGMA synchronous=NORMAL", []);
    private static readonly SqlStatement SyncFull = new("PRAGMA synchronous=FULL", []);

    private readonly Lock _gate = new();
    private List<CommitRequest> _commits = [];
    private List<SequenceRequest> _sequences = [];
    private Task? _drain;
    private bool _disposed;
    // Used only by the drain loop, which runs once at a time.
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
    public Task CommitAsync(IReadOnlyList<PendingWrite> writes, Func<CancellationToken, ValueTask<SqlConnectionLease>> sessionConnection, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var request = new CommitRequest(writes);
        Enqueue(() => _commits.Add(request));
        return request.Done.Task;
    }

    public Task<long> NextCaseSequenceAsync(string officeCode, int year, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var request = new SequenceRequest(officeCode, year);
        Enqueue(() => _sequences.Add(request));
        return request.Done.Task;
    }

    private void Enqueue(Action add)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            add();
            // The drain loop runs on the thread pool while there is work and ends when the queue is
            // empty: an idle store holds no thread.
            if (_drain is null || _drain.IsCompleted) _drain = Task.Run(DrainAsync);
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<SequenceRequest> sequences;
            List<CommitRequest> commits;
            lock (_gate)
            {
                if (_sequences.Count == 0 && _commits.Count == 0)
                {
                    _drain = null;
                    return;
                }
                (sequences, _sequences) = (_sequences, []);
                (commits, _commits) = (_commits, []);
            }
            // Case numbers first: the starts waiting for them have not run yet.
            if (sequences.Count > 0) await AllocateAsync(sequences);
            if (commits.Count > 0) await CommitBatchAsync(commits);
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
        Task? drain;
        lock (_gate)
        {
            _disposed = true;
            drain = _drain;
        }
        if (drain is not null) await drain; // what was queued is still written
        await DiscardWriterAsync();
    }
}
