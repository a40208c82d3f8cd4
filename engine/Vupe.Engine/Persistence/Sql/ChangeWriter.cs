using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Vupe.Engine.Persistence.Sql;

internal enum WriteKind { Insert, Update, Delete }

/// <summary>
/// One row to write; <paramref name="ExpectedVersion"/> is the version the session read (versioned updates
/// and deletes), <paramref name="Changed"/> the columns an update sets (<see cref="TableMap.Changes"/>).
/// </summary>
internal readonly record struct PendingWrite(WriteKind Kind, TableMap Table, object Record, long? ExpectedVersion = null, ulong Changed = 0);

/// <summary>
/// Applies one session's writes on a connection inside a transaction the caller owns, with the
/// prepared statements of <see cref="TableMap"/>. An update or delete that finds no row with the
/// key and the version the session read means someone else changed or removed it first: that is a
/// <see cref="ConflictException"/>, and so is a duplicate key. The caller rolls back.
/// </summary>
internal static class ChangeWriter
{
    public static Task ApplyAsync(SqlConnectionLease connection, DbTransaction transaction, IReadOnlyList<PendingWrite> writes, TableMaps tables, CancellationToken ct) =>
        // A batch is one round trip to a server database (PostgreSQL): a command's ten or so rows cost one wait on the
        // network and one wake-up of the server process instead of ten. SQLite runs in-process, where the writer's
        // prepared statements (one per table, re-bound) are cheaper than building a batch.
        writes.Count > 1 && connection.Connection.CanCreateBatch
            ? ApplyBatchedAsync(connection, transaction, writes, tables, ct)
            : ApplyOneByOneAsync(connection, transaction, writes, tables, ct);

    /// <summary>
    /// One statement of a session's writes: a row (<paramref name="Record"/>) or, for history, <paramref name="Rows"/>
    /// consecutive writes from <paramref name="First"/>; <paramref name="Checked"/> is the versioned update or delete whose
    /// single row it must find.
    /// </summary>
    private readonly record struct Planned(SqlStatement Statement, object? Record, int First, PendingWrite? Checked = null, object? ExpectedVersion = null);

    /// <summary>The statements that make <paramref name="writes"/> durable, in order; both ways of sending them run this plan.</summary>
    private static IEnumerable<Planned> Plan(IReadOnlyList<PendingWrite> writes, TableMaps tables)
    {
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            switch (write.Kind)
            {
                case WriteKind.Insert when write.Record is HistoryEventRecord:
                    // History rows come last and together: several to a statement.
                    var rows = 1;
                    while (rows < TableMap.MaxRowsPerInsert && i + rows < writes.Count && writes[i + rows].Kind == WriteKind.Insert && writes[i + rows].Table == write.Table) rows++;
                    yield return new Planned(write.Table.InsertRows(rows), null, i);
                    i += rows - 1;
                    break;
                case WriteKind.Insert:
                    yield return new Planned(write.Table.Insert, write.Record, i);
                    // Candidates belong to their task: inserted with it, never changed, deleted with it (ON DELETE CASCADE).
                    if (write.Record is UserTaskRecord task)
                    {
                        foreach (var candidate in task.Candidates) yield return new Planned(tables.Candidates.Insert, candidate, i);
                    }
                    break;
                case WriteKind.Update:
                    yield return new Planned(write.Table.UpdateOf(write.Changed), write.Record, i, write, write.ExpectedVersion);
                    break;
                case WriteKind.Delete:
                    yield return new Planned(write.Table.Delete, write.Record, i, write, write.ExpectedVersion);
                    break;
            }
        }
    }

    private static async Task ApplyBatchedAsync(SqlConnectionLease connection, DbTransaction transaction, IReadOnlyList<PendingWrite> writes, TableMaps tables, CancellationToken ct)
    {
        await using var batch = connection.Connection.CreateBatch();
        batch.Transaction = transaction;
        var versionChecks = new List<(int Command, PendingWrite Write)>();
        foreach (var planned in Plan(writes, tables))
        {
            if (planned.Checked is { } write) versionChecks.Add((batch.BatchCommands.Count, write));
            batch.BatchCommands.Add(planned.Record is null
                ? connection.BatchRows(batch, planned.Statement, writes, planned.First)
                : connection.BatchBind(batch, planned.Statement, planned.Record, planned.ExpectedVersion));
        }
        try
        {
            await connection.ExecuteAsync(batch, ct);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException("The change collides with one saved at the same time (a duplicate key); nothing was saved.", e);
        }
        foreach (var (command, write) in versionChecks) Expect(batch.BatchCommands[command].RecordsAffected, write);
    }

    private static async Task ApplyOneByOneAsync(SqlConnectionLease connection, DbTransaction transaction, IReadOnlyList<PendingWrite> writes, TableMaps tables, CancellationToken ct)
    {
        try
        {
            foreach (var planned in Plan(writes, tables))
            {
                var command = planned.Record is null
                    ? connection.BindRows(planned.Statement, writes, planned.First, transaction)
                    : connection.Bind(planned.Statement, planned.Record, transaction, planned.ExpectedVersion);
                var rows = await connection.ExecuteAsync(command, ct);
                if (planned.Checked is { } write) Expect(rows, write);
            }
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException("The change collides with one saved at the same time (a duplicate key); nothing was saved.", e);
        }
    }

    /// <summary>The host's rows of the same session, after the engine's; a duplicate key is a conflict here too.</summary>
    public static async Task ApplyHostAsync(SqlConnectionLease connection, DbTransaction transaction, IReadOnlyList<ITransactionalWrite> writes, CancellationToken ct)
    {
        try
        {
            for (var i = 0; i < writes.Count; i++) await writes[i].WriteAsync(connection.Connection, transaction, ct);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException("The change collides with one saved at the same time (a duplicate key); nothing was saved.", e);
        }
        catch (Exception e) when (e.InnerException is DbException inner && IsUniqueViolation(inner))
        {
            // EF Core wraps the provider's exception (DbUpdateException).
            throw new ConflictException("The change collides with one saved at the same time (a duplicate key); nothing was saved.", e);
        }
    }

    private static void Expect(int rows, PendingWrite write)
    {
        if (rows != 1)
            throw new ConflictException("Someone else changed this case or task at the same time; nothing was saved. Reload and try again.",
                new System.Data.DBConcurrencyException($"{write.Kind} of {write.Table.ClrType.Name} {write.Table.KeyOf(write.Record)} (version {write.ExpectedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}) found no row."));
    }

    // SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; PostgreSQL unique_violation.
    public static bool IsUniqueViolation(DbException e) =>
        e is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } || e.SqlState == "23505";
}
