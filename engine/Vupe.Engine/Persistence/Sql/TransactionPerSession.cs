using System.Globalization;

namespace Vupe.Engine.Persistence.Sql;

/// <summary>How a store makes a session's writes durable, and allocates case numbers.</summary>
internal interface IWritePath : IAsyncDisposable
{
    /// <summary>Writes all or nothing; completes once the transaction is committed (durable).</summary>
    /// <param name="hostWrites">The host's rows (<see cref="ITransactionalWrite"/>), written after <paramref name="writes"/> in the same transaction.</param>
    Task CommitAsync(IReadOnlyList<PendingWrite> writes, IReadOnlyList<ITransactionalWrite> hostWrites, Func<CancellationToken, ValueTask<SqlConnectionLease>> sessionConnection, CancellationToken ct);

    Task<long> NextCaseSequenceAsync(string officeCode, int year, CancellationToken ct);

    /// <summary>Whether <see cref="CommitAsync"/> writes on the session's own connection (else on a writer of its own).</summary>
    bool CommitsOnSessionConnection { get; }
}

/// <summary>
/// Databases with concurrent writers (PostgreSQL): each session commits its own transaction on its
/// own connection; the database serialises what conflicts. Case numbers come from the atomic upsert
/// in a short transaction of their own, so that concurrent starts on several nodes never wait on
/// each other's commands.
/// </summary>
internal sealed class TransactionPerSession(TableMaps tables, IConnectionSource connections) : IWritePath
{
    public bool CommitsOnSessionConnection => true;

    public async Task CommitAsync(IReadOnlyList<PendingWrite> writes, IReadOnlyList<ITransactionalWrite> hostWrites, Func<CancellationToken, ValueTask<SqlConnectionLease>> sessionConnection, CancellationToken ct)
    {
        var lease = await sessionConnection(ct);
        await using var transaction = await lease.Connection.BeginTransactionAsync(ct);
        await ChangeWriter.ApplyAsync(lease, transaction, writes, tables, ct);
        await ChangeWriter.ApplyHostAsync(lease, transaction, hostWrites, ct);
        await transaction.CommitAsync(ct);
        StoreDiagnostics.Commit(1);
    }

    public async Task<long> NextCaseSequenceAsync(string officeCode, int year, CancellationToken ct)
    {
        var lease = await connections.RentAsync(ct);
        try
        {
            await using var transaction = await lease.Connection.BeginTransactionAsync(ct);
            var command = lease.BindValues(tables.NextCaseSequence, transaction, officeCode, year);
            StoreDiagnostics.Statement(command);
            var next = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            await transaction.CommitAsync(ct);
            StoreDiagnostics.Commit(0);
            return next;
        }
        finally
        {
            await connections.ReturnAsync(lease);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
