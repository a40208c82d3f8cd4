using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Vupe.Engine;

namespace Vupe.Server.Audit;

/// <summary>
/// Appends audit entries inside the transaction of the change they record, on the database's one writer: the
/// trail's head (last sequence and hash) is read there, the entry chained after it, hashed and inserted. On
/// SQLite the one writer orders every append; elsewhere (PostgreSQL) a transaction-scoped advisory lock per trail
/// does, so concurrent requests on one citizen never clash on a sequence number.
/// </summary>
internal sealed class AuditAppend(IReadOnlyList<AuditDraft> drafts) : ITransactionalWrite
{
    // Commands are prepared once per connection (the writer's lives as long as the store) and re-bound.
    private static readonly ConditionalWeakTable<DbConnection, Statements> Prepared = [];

    public IReadOnlyList<AuditDraft> Drafts => drafts;

    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var statements = Prepared.GetValue(connection, c => new Statements(c));
        foreach (var draft in drafts)
        {
            var head = statements.Head;
            head.Transaction = transaction;
            head.Parameters[0].Value = draft.Trail;
            long sequence = 0;
            var previous = AuditLog.Genesis;
            await using (var reader = await head.ExecuteReaderAsync(ct))
            {
                if (statements.LocksTrail) await reader.NextResultAsync(ct); // past the lock's empty result
                if (await reader.ReadAsync(ct)) (sequence, previous) = (reader.GetInt64(0), reader.GetString(1));
            }
            var entry = draft.Place(sequence + 1, previous);
            var insert = statements.Insert;
            insert.Transaction = transaction;
            var p = insert.Parameters;
            p[0].Value = entry.Trail;
            p[1].Value = entry.Sequence;
            // The server's model keeps DateTimeOffset as UTC ticks on SQLite (VupeDbContext), as timestamptz elsewhere.
            p[2].Value = connection is SqliteConnection ? entry.At.UtcTicks : entry.At.ToUniversalTime();
            p[3].Value = entry.ActorId;
            p[4].Value = entry.ActorName;
            p[5].Value = (object?)entry.ActorRoles ?? DBNull.Value;
            p[6].Value = (object?)entry.ActorOffice ?? DBNull.Value;
            p[7].Value = (object?)entry.RemoteAddress ?? DBNull.Value;
            p[8].Value = entry.Action;
            p[9].Value = (object?)entry.Data ?? DBNull.Value;
            p[10].Value = entry.PreviousHash;
            p[11].Value = entry.Hash;
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    private sealed class Statements
    {
        private static readonly string[] Columns =
            ["Trail", "Sequence", "At", "ActorId", "ActorName", "ActorRoles", "ActorOffice", "RemoteAddress", "Action", "Data", "PreviousHash", "Hash"];

        public Statements(DbConnection connection)
        {
            const string head = """SELECT "Sequence", "Hash" FROM "AuditEntries" WHERE "Trail" = @p0 ORDER BY "Sequence" DESC LIMIT 1""";
            // Elsewhere the trail's transaction lock is taken first, in the same round trip.
            LocksTrail = connection is not SqliteConnection;
            Head = Command(connection, LocksTrail ? "SELECT pg_advisory_xact_lock(hashtextextended(@p0, 0)); " + head : head, 1);
            Insert = Command(connection,
                $"""INSERT INTO "AuditEntries" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"@p{i}"))})""",
                Columns.Length);
        }

        /// <summary>The trail's head (last sequence and hash); on PostgreSQL after the trail's transaction lock.</summary>
        public DbCommand Head { get; }
        public DbCommand Insert { get; }
        public bool LocksTrail { get; }

        private static DbCommand Command(DbConnection connection, string sql, int parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameters; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                command.Parameters.Add(parameter);
            }
            return command;
        }
    }
}
