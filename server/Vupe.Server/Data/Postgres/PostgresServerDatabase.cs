using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Hosting;

namespace Vupe.Server.Data.Postgres;

/// <summary>
/// One PostgreSQL database for everything the server keeps: its own tables (<see cref="PostgresVupeDbContext"/>, with
/// migrations of their own), the engine's (created by its store beside them), Hangfire's (in a schema of their own)
/// and the data-protection keys, so that every node behind a proxy reads the cookies and antiforgery tokens of the
/// others. Document contents stay in the blob store (a folder: shared storage when there are several nodes).
/// </summary>
internal sealed class PostgresServerDatabase(DatabaseOptions options) : ServerDatabase
{
    private readonly string _connection = PostgresConnectionTuning.Tuned(options.ConnectionString!);

    public override void AddServices(IServiceCollection services)
    {
        services.AddPooledDbContextFactory<PostgresVupeDbContext>((sp, o) => o.UseNpgsql(_connection).AddInterceptors(sp.GetRequiredService<SingleWriterSaveChanges>()), PoolSize);
        services.AddSingleton<IDbContextFactory<VupeDbContext>>(sp => new BaseContextFactory(sp.GetRequiredService<IDbContextFactory<PostgresVupeDbContext>>()));
        // Disposed by the container after the engine stopped (the engine does not own a store it was given).
        services.AddSingleton(_ => new EfEngineStore(o => o.UseNpgsql(_connection)));
        services.AddDbContext<DataProtectionKeys>(o => o.UseNpgsql(_connection));
        // A fixed application name: by default the key ring is per content root, and two nodes installed in
        // different folders would not read each other's cookies.
        services.AddDataProtection().SetApplicationName("VupeCases").PersistKeysToDbContext<DataProtectionKeys>();
    }

    public override ProcessEngineBuilder UseEngineStore(ProcessEngineBuilder engine, IServiceProvider services) =>
        engine.UseStore(services.GetRequiredService<EfEngineStore>());

    public override IGlobalConfiguration UseHangfireStorage(IGlobalConfiguration hangfire) =>
        hangfire.UsePostgreSqlStorage(b => b.UseNpgsqlConnection(options.ConnectionString), new PostgreSqlStorageOptions
        {
            SchemaName = options.HangfireSchema,
            QueuePollInterval = TimeSpan.FromMilliseconds(500),
            PrepareSchemaIfNecessary = true,
        });

    /// <summary>
    /// A session-level advisory lock on a connection of its own, outside the pool: released when the connection closes
    /// (disposed, or the process dies). A pooled connection would keep the lock after disposal (No Reset On Close).
    /// </summary>
    public override async Task<IAsyncDisposable> LockStartupAsync(CancellationToken ct)
    {
        var connection = new Npgsql.NpgsqlConnection(PostgresConnectionTuning.Unpooled(_connection));
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", StartupLockKey);
            take.CommandTimeout = 0; // another node may be seeding the demo data: as long as that takes
            await take.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // A constant of the application's own (the audit trails' transaction locks hash the trail's name into the same
    // key space; a collision would only make one append wait for a start-up).
    private const long StartupLockKey = 0x5675_7065_5374_6172; // "VupeStar"

    private sealed class BaseContextFactory(IDbContextFactory<PostgresVupeDbContext> contexts) : IDbContextFactory<VupeDbContext>
    {
        public VupeDbContext CreateDbContext() => contexts.CreateDbContext();
    }
}
