using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Vupe.Engine.Persistence.Sql;

namespace Vupe.Engine.Persistence;

/// <summary>
/// The durable store: EF Core over SQLite (WAL) by default, or any relational provider, e.g.
/// <c>new EfEngineStore(o =&gt; o.UseNpgsql(connectionString))</c> for PostgreSQL. EF Core owns the
/// model, the schema and the occasional query; the hot path (reading an instance and its rows,
/// writing a command's changes) runs prepared statements generated from that model (see
/// <see cref="EfSession"/>). On SQLite, commits go through one writer with group commit
/// (<see cref="SqliteGroupCommit"/>); elsewhere each session commits its own transaction.
/// </summary>
public sealed class EfEngineStore : IEngineStore, IDisposable, IAsyncDisposable
{
    // Contexts are reused: building one (its internal services) cost more than the work of a small command.
    private readonly PooledDbContextFactory<EngineDbContext> _contexts;
    private readonly Lazy<SqlStore> _sql;

    public EfEngineStore(DbContextOptions<EngineDbContext> options)
    {
        _contexts = new PooledDbContextFactory<EngineDbContext>(options);
        _sql = new Lazy<SqlStore>(CreateSqlStore);
    }

    public EfEngineStore(Action<DbContextOptionsBuilder<EngineDbContext>> configure) : this(Build(configure)) { }

    private static DbContextOptions<EngineDbContext> Build(Action<DbContextOptionsBuilder<EngineDbContext>> configure)
    {
        var builder = new DbContextOptionsBuilder<EngineDbContext>();
        configure(builder);
        return builder.Options;
    }

    /// <summary>SQLite in WAL mode with synchronous=FULL: a step is on disk when the call that made it returns.</summary>
    public static EfEngineStore ForSqlite(string path, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30, ForeignKeys = true }.ToString();
        return new EfEngineStore(o => o.UseSqlite(connection).AddInterceptors(new SqlitePragmas(synchronous))) { Synchronous = synchronous };
    }

    /// <summary>How the SQLite writer commits (stores not made by <see cref="ForSqlite"/> get SQLite's default, FULL).</summary>
    internal SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    internal EngineDbContext CreateContext() => _contexts.CreateDbContext();

    private SqlStore CreateSqlStore()
    {
        using var db = CreateContext();
        var tables = new TableMaps(db);
        if (db.Database.IsSqlite())
        {
            var connections = new SqliteConnectionPool(SqliteConnectionString(db.Database.GetConnectionString()));
            return new SqlStore(tables, connections, new SqliteGroupCommit(tables, connections, Synchronous), QueriesOnSessionConnection: false);
        }
        var contexts = new ContextConnectionSource(CreateContext);
        return new SqlStore(tables, contexts, new TransactionPerSession(tables, contexts), QueriesOnSessionConnection: true);
    }

    private static string SqliteConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(configured);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
            throw new NotSupportedException("The engine's SQLite store needs a database file: its sessions and its writer use connections of their own.");
        // These connections are kept open by the store; closing one should close it, not park it in the provider's pool.
        builder.Pooling = false;
        return builder.ToString();
    }

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = CreateContext();
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        // The schema is still young: created from the model, not migrated (see docs/architecture.md).
        // EnsureCreated would skip a database that already holds other tables (the server keeps its own
        // in the same file), so the engine's tables are created whenever they are missing.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct)) await creator.CreateAsync(ct);
        if (!await TableExistsAsync(db, typeof(ProcessDefinitionRecord), ct)) await creator.CreateTablesAsync(ct);
        else
        {
            await CreateTablesAddedSinceAsync(db, ct);
            await AddColumnsAddedSinceAsync(db, ct);
            await CreateIndexesAddedSinceAsync(db, ct);
        }
    }

    /// <summary>Indexes the model gained after databases were created with it; new indexes over existing columns only.</summary>
    private static readonly string[] IndexesAddedSince =
        ["IX_CaseFiles_Figures_Groups", "IX_CaseFiles_Figures_Closed", "IX_CaseFiles_Figures_OfficeClosed", "IX_CaseFiles_Figures_Title",
         "IX_CaseFiles_Figures_OfficeTitle", "IX_CaseFiles_Search_OfficeOpened", "IX_Incidents_Open",
         "IX_ProcessInstances_Console"];

    /// <summary>
    /// The figures', the case search's and the open incidents' indexes (EngineDbContext) on a database created before them: the model's own DDL with IF NOT EXISTS,
    /// so an existing database gets them at start without a migration (building them reads the table once).
    /// </summary>
    private static async Task CreateIndexesAddedSinceAsync(EngineDbContext db, CancellationToken ct)
    {
        var helper = db.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>();
        var wanted = IndexesAddedSince.Select(n => $"INDEX {helper.DelimitIdentifier(n)} ").ToList();
        var statements = db.Database.GenerateCreateScript().Split(";", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.StartsWith("CREATE INDEX", StringComparison.OrdinalIgnoreCase) && wanted.Any(w => s.Contains(w, StringComparison.Ordinal)));
        foreach (var statement in statements)
#pragma warning disable EF1002, EF1003 // the statement is EF Core's own DDL for the model, no user input
            await db.Database.ExecuteSqlRawAsync("CREATE INDEX IF NOT EXISTS " + statement["CREATE INDEX ".Length..], ct);
#pragma warning restore EF1002, EF1003
    }

    /// <summary>Columns the model gained after databases were created with it: the instance's state columns of the operations console.</summary>
    private static readonly (Type Entity, string Property)[] ColumnsAddedSince =
        [(typeof(ProcessInstanceRecord), nameof(ProcessInstanceRecord.Suspended)), (typeof(ProcessInstanceRecord), nameof(ProcessInstanceRecord.ActiveElements))];

    /// <summary>
    /// Adds the columns of <see cref="ColumnsAddedSince"/> a database lacks, with the provider's own ALTER TABLE (EF Core's
    /// migrations SQL generator for the model's column), and fills the instance state columns from the active instances'
    /// state (<see cref="InstanceStateColumns"/>; an ended instance has none), all in one transaction: a start that fails
    /// half-way leaves the database as it was and the next start does it again.
    /// </summary>
    private static async Task AddColumnsAddedSinceAsync(EngineDbContext db, CancellationToken ct)
    {
        var missing = new List<IProperty>();
        foreach (var (entity, name) in ColumnsAddedSince)
        {
            var property = db.Model.FindEntityType(entity)!.FindProperty(name)!;
            if (!await ColumnExistsAsync(db, entity, property, ct)) missing.Add(property);
        }
        if (missing.Count == 0) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var operations = missing.Select(p =>
        {
            var table = StoreObjectIdentifier.Table(p.DeclaringType.GetTableName()!, p.DeclaringType.GetSchema());
            return (Microsoft.EntityFrameworkCore.Migrations.Operations.MigrationOperation)new Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation
            {
                Table = table.Name, Schema = table.Schema, Name = p.GetColumnName(table)!, ClrType = p.GetProviderClrType() ?? p.ClrType,
                ColumnType = p.GetColumnType(), IsNullable = p.IsNullable, DefaultValue = p.IsNullable ? null : Activator.CreateInstance(p.ClrType),
            };
        }).ToList();
        foreach (var command in db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsSqlGenerator>().Generate(operations, db.Model))
#pragma warning disable EF1002 // EF Core's own DDL for the model, no user input
            await db.Database.ExecuteSqlRawAsync(command.CommandText, ct);
#pragma warning restore EF1002
        if (missing.Any(p => p.DeclaringType.ClrType == typeof(ProcessInstanceRecord))) await FillInstanceStateColumnsAsync(db, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The active instances' state columns from their state, a thousand at a time in key order.</summary>
    private static async Task FillInstanceStateColumnsAsync(EngineDbContext db, CancellationToken ct)
    {
        Guid? after = null;
        while (true)
        {
            var q = db.ProcessInstances.AsNoTracking().Where(i => i.Status == InstanceStatus.Active);
            if (after is { } last) q = q.Where(i => i.Id.CompareTo(last) > 0);
            var rows = await q.OrderBy(i => i.Id).Select(i => new { i.Id, i.StateJson }).Take(1000).ToListAsync(ct);
            if (rows.Count == 0) return;
            foreach (var row in rows)
            {
                var record = new ProcessInstanceRecord { DefinitionId = "", ProcessKey = "", Status = InstanceStatus.Active, State = InstanceStateSerializer.Deserialize(row.StateJson) };
                InstanceStateColumns.Copy(record);
                await db.ProcessInstances.Where(i => i.Id == row.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(i => i.Suspended, record.Suspended).SetProperty(i => i.ActiveElements, record.ActiveElements), ct);
            }
            after = rows[^1].Id;
        }
    }

    private static async Task<bool> ColumnExistsAsync(EngineDbContext db, Type entity, IProperty property, CancellationToken ct)
    {
        var type = db.Model.FindEntityType(entity)!;
        var table = type.GetTableName()!;
        var column = property.GetColumnName(StoreObjectIdentifier.Table(table, type.GetSchema()))!;
        var sql = db.Database.IsSqlite()
            ? "SELECT COUNT(*) AS \"Value\" FROM pragma_table_info({0}) WHERE name = {1}"
            : "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = {0} AND column_name = {1}";
        return await db.Database.SqlQueryRaw<int>(sql, table, column).SingleAsync(ct) > 0;
    }

    /// <summary>
    /// Tables the engine gained after a database was created (ResourceDefinitions): created with their indexes from
    /// the model's own script, so an existing database takes them without a migration. (Changes to existing tables
    /// need the migrations that docs/architecture.md plans.)
    /// </summary>
    private static async Task CreateTablesAddedSinceAsync(EngineDbContext db, CancellationToken ct)
    {
        foreach (var added in new[] { typeof(ResourceDefinitionRecord) })
        {
            if (await TableExistsAsync(db, added, ct)) continue;
            var table = db.Model.FindEntityType(added)!.GetTableName()!;
            var quoted = db.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>().DelimitIdentifier(table);
            var statements = db.Database.GenerateCreateScript().Split(";", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(s => s.StartsWith("CREATE", StringComparison.OrdinalIgnoreCase) && (s.Contains($"TABLE {quoted}", StringComparison.Ordinal) || s.Contains($"ON {quoted}", StringComparison.Ordinal)));
            foreach (var statement in statements)
#pragma warning disable EF1002 // the statement is EF Core's own DDL for the model, no user input
                await db.Database.ExecuteSqlRawAsync(statement, ct);
#pragma warning restore EF1002
        }
    }

    private static async Task<bool> TableExistsAsync(EngineDbContext db, Type entity, CancellationToken ct)
    {
        var table = db.Model.FindEntityType(entity)!.GetTableName()!;
        var sql = db.Database.IsSqlite()
            ? "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}"
            : "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {0}";
        return await db.Database.SqlQueryRaw<int>(sql, table).SingleAsync(ct) > 0;
    }

    public IEngineSession OpenSession() => new EfSession(this, _sql.Value);

    public Task<long> NextCaseSequenceAsync(string officeCode, int year, CancellationToken ct = default) =>
        _sql.Value.Writes.NextCaseSequenceAsync(officeCode, year, ct);

    /// <summary>Waits for queued commits to be written, then closes the store's connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_sql.IsValueCreated) return;
        await _sql.Value.Writes.DisposeAsync();
        await _sql.Value.Connections.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>The parts of a store that run SQL of their own.</summary>
/// <param name="QueriesOnSessionConnection">EF queries of a session run on the session's connection (true where connections are the provider's, not the store's).</param>
internal sealed record SqlStore(TableMaps Tables, IConnectionSource Connections, IWritePath Writes, bool QueriesOnSessionConnection);

public enum SqliteSynchronous { Normal, Full }

/// <summary>
/// Per-connection SQLite settings (journal mode is per file and set once at start; foreign keys
/// come from the connection string). Pooled connections keep their settings, so each physical
/// connection is set up once, not at every open.
/// </summary>
internal sealed class SqlitePragmas(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private readonly string _sql = $"PRAGMA synchronous={(synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")};";
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = [];

    private bool NeedsSetup(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, handle);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsSetup(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsSetup(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
