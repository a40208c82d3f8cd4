using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Vupe.Engine.Persistence;

/// <summary>
/// The durable store: EF Core over SQLite (WAL) by default, or any relational provider, e.g.
/// <c>new EfEngineStore(o =&gt; o.UseNpgsql(connectionString))</c> for PostgreSQL.
/// </summary>
public sealed class EfEngineStore(DbContextOptions<EngineDbContext> options) : IEngineStore, IDisposable
{
    // Contexts are reused: building one (its internal services) cost more than the work of a small command.
    private readonly PooledDbContextFactory<EngineDbContext> _contexts = new(options);

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
        return new EfEngineStore(o => o.UseSqlite(connection).AddInterceptors(new SqlitePragmas(synchronous)));
    }

    internal EngineDbContext CreateContext() => _contexts.CreateDbContext();

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = CreateContext();
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        // The schema is still young: created from the model, not migrated (see docs/architecture.md).
        // EnsureCreated would skip a database that already holds other tables (the server keeps its own
        // in the same file), so the engine's tables are created whenever they are missing.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct)) await creator.CreateAsync(ct);
        if (!await EngineTablesExistAsync(db, ct)) await creator.CreateTablesAsync(ct);
    }

    private static async Task<bool> EngineTablesExistAsync(EngineDbContext db, CancellationToken ct)
    {
        var table = db.Model.FindEntityType(typeof(ProcessDefinitionRecord))!.GetTableName()!;
        var sql = db.Database.IsSqlite()
            ? "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}"
            : "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {0}";
        return await db.Database.SqlQueryRaw<int>(sql, table).SingleAsync(ct) > 0;
    }

    // SQLite has one writer at a time; writers that collide spin in the provider's busy loop.
    // Queuing them here instead costs nothing in throughput and a lot less CPU.
    private Lazy<SemaphoreSlim?>? _sqliteWriter;

    private SemaphoreSlim? WriterGate => LazyInitializer.EnsureInitialized(ref _sqliteWriter, () => new Lazy<SemaphoreSlim?>(() =>
    {
        using var db = CreateContext();
        return db.Database.IsSqlite() ? new SemaphoreSlim(1, 1) : null;
    })).Value;

    public IEngineSession OpenSession() => new EfSession(CreateContext(), WriterGate);

    public void Dispose()
    {
        if (_sqliteWriter is { IsValueCreated: true } gate) gate.Value?.Dispose();
    }

    public async Task<long> NextCaseSequenceAsync(string officeCode, int year, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        var gate = WriterGate;
        if (gate is not null) await gate.WaitAsync(ct);
        try
        {
            return await NextCaseSequenceAsync(db, officeCode, year, ct);
        }
        finally
        {
            gate?.Release();
        }
    }

    private static async Task<long> NextCaseSequenceAsync(EngineDbContext db, string officeCode, int year, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        // One atomic statement (SQLite ≥ 3.35 and PostgreSQL): no two cases get one number, whatever the concurrency.
        command.CommandText = """
            INSERT INTO "CaseCounters" ("OfficeCode", "Year", "Next") VALUES (@office, @year, 1)
            ON CONFLICT ("OfficeCode", "Year") DO UPDATE SET "Next" = "CaseCounters"."Next" + 1
            RETURNING "Next"
            """;
        AddParameter(command, "@office", officeCode);
        AddParameter(command, "@year", year);
        var result = await command.ExecuteScalarAsync(ct);
        return Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}

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
