using Hangfire;
using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Hosting;

namespace Vupe.Server.Data;

/// <summary>
/// What differs between the server's two databases at composition time — the contexts' provider, the engine's
/// store, Hangfire's storage, the data-protection key ring and the start-up preparation — in one place per provider,
/// chosen by <see cref="DatabaseOptions.Provider"/>. Queries that need provider SQL keep their switch beside the
/// feature (VacancyTextSearch, LabourMarketReport's seeker supply, AuditAppend).
/// </summary>
internal abstract class ServerDatabase
{
    public static ServerDatabase From(DatabaseOptions database, ServerOptions server) =>
        database.Problem() is { } problem ? throw new InvalidOperationException(problem)
        : database.Provider == DatabaseProvider.PostgreSql ? new Postgres.PostgresServerDatabase(database)
        : new SqliteServerDatabase(server);

    /// <summary>The <see cref="VupeDbContext"/> factory (every save through <see cref="SingleWriterSaveChanges"/>) and what the provider owns.</summary>
    public abstract void AddServices(IServiceCollection services);

    public abstract ProcessEngineBuilder UseEngineStore(ProcessEngineBuilder engine, IServiceProvider services);

    public abstract IGlobalConfiguration UseHangfireStorage(IGlobalConfiguration hangfire);

    /// <summary>Before the migrations run (once per start).</summary>
    public virtual Task PrepareAsync(VupeDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>How many server contexts the pool keeps for reuse (more are made when needed, and dropped after).</summary>
    protected const int PoolSize = 256;

    /// <summary>Waits until no other node is starting on this database; disposing lets the next one go (<see cref="StartupLock"/>).</summary>
    public virtual Task<IAsyncDisposable> LockStartupAsync(CancellationToken ct) => Task.FromResult<IAsyncDisposable>(NothingHeld.Instance);

    private sealed class NothingHeld : IAsyncDisposable
    {
        public static readonly NothingHeld Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>The embedded default: vupe.db (server and engine) and hangfire.db in the data directory.</summary>
internal sealed class SqliteServerDatabase(ServerOptions options) : ServerDatabase
{
    public override void AddServices(IServiceCollection services)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var connection = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = options.DatabasePath, DefaultTimeout = 30, Pooling = true }.ToString();
        // Pooled: a context's first use builds its services, about a twentieth of the server's CPU per request when each
        // request (and its session check) made fresh ones (docs/deployment.md, Sizing).
        services.AddPooledDbContextFactory<VupeDbContext>((sp, o) => o.UseSqlite(connection).AddInterceptors(sp.GetRequiredService<SingleWriterSaveChanges>()), PoolSize);
        // Data-protection keys stay where ASP.NET Core puts them by default (the user's ~/.aspnet/DataProtection-Keys):
        // one machine, one process.
    }

    // The engine owns this store and closes it when it stops.
    public override ProcessEngineBuilder UseEngineStore(ProcessEngineBuilder engine, IServiceProvider services) => engine.UseSqlite(options.DatabasePath);

    public override IGlobalConfiguration UseHangfireStorage(IGlobalConfiguration hangfire) =>
        Hangfire.Storage.SQLite.SQLiteStorageExtensions.UseSQLiteStorage(hangfire, options.HangfireDatabasePath,
            new Hangfire.Storage.SQLite.SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(500) });

    public override Task PrepareAsync(VupeDbContext db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
}
