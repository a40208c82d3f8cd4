using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Vupe.Engine.Tests;

/// <summary>
/// A database created before the instances' state columns (Suspended, ActiveElements) and the console's index: the
/// next start adds them in place and fills them from the running instances' state, so the console's filters find
/// the instances that were already running.
/// </summary>
public abstract class InstanceQueryColumnsUpgradeTests
{
    protected abstract EfEngineStore NewStore();

    [Test]
    public async Task A_database_from_before_the_columns_gets_them_filled_at_start()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        ProcessInstanceInfo held, running, ended;
        await using (var store = NewStore())
        await using (var engine = await new ProcessEngineBuilder().UseStore(store).UseTimeProvider(clock).BuildAsync())
        {
            await engine.Repository.DeployAsync("test", [new DeploymentResource("Migrate.V1.bpmn", EngineTestBase.Bpmn("Migrate.V1.bpmn"))]);
            held = await engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "tramite", Variables = new Dictionary<string, object?> { ["caseRef"] = "U-1" } });
            running = await engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "tramite", Variables = new Dictionary<string, object?> { ["caseRef"] = "U-2" } });
            ended = await engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "tramite", Variables = new Dictionary<string, object?> { ["caseRef"] = "U-3" } });
            await engine.Runtime.SuspendAsync(held.Id);
            await engine.Runtime.CancelAsync(ended.Id);
        }
        await using (var store = NewStore())
        await using (var db = store.CreateContext())
        {
            // The schema as it was before: no index, no columns.
            await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_ProcessInstances_Console\"");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"ProcessInstances\" DROP COLUMN \"Suspended\"");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"ProcessInstances\" DROP COLUMN \"ActiveElements\"");
        }

        await using (var store = NewStore())
        await using (var engine = await new ProcessEngineBuilder().UseStore(store).UseTimeProvider(clock).BuildAsync())
        {
            async Task<Guid[]> Ids(InstanceQuery q) => [.. (await engine.Runtime.QueryInstancesAsync(q)).Items.Select(r => r.Instance.Id)];
            Assert.That(await Ids(new InstanceQuery("tramite:1") { State = InstanceQueryState.Suspended }), Is.EqualTo(new[] { held.Id }));
            Assert.That(await Ids(new InstanceQuery("tramite:1") { State = InstanceQueryState.Running }), Is.EqualTo(new[] { running.Id }));
            Assert.That(await Ids(new InstanceQuery("tramite:1") { ActiveElementId = "revisar" }), Is.EquivalentTo(new[] { held.Id, running.Id }));
            Assert.That(await Ids(new InstanceQuery("tramite:1") { State = InstanceQueryState.Ended }), Is.EqualTo(new[] { ended.Id }));

            await engine.Runtime.ResumeAsync(held.Id);
            Assert.That(await Ids(new InstanceQuery("tramite:1") { State = InstanceQueryState.Running }), Is.EquivalentTo(new[] { held.Id, running.Id }), "written as usual from then on");
        }
        await using (var store = NewStore())
        await using (var db = store.CreateContext())
            Assert.That(await IndexExistsAsync(db, "IX_ProcessInstances_Console"), Is.True, "the index is created again");
    }

    protected abstract Task<bool> IndexExistsAsync(EngineDbContext db, string name);
}

public sealed class SqliteInstanceQueryColumnsUpgradeTests : InstanceQueryColumnsUpgradeTests
{
    private readonly string _path = SqliteEngineTestBase.NewDatabasePath();

    protected override EfEngineStore NewStore() => EfEngineStore.ForSqlite(_path);

    protected override async Task<bool> IndexExistsAsync(EngineDbContext db, string name) =>
        await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'index' AND name = {0}", name).SingleAsync() == 1;
}

public sealed class PostgresInstanceQueryColumnsUpgradeTests : InstanceQueryColumnsUpgradeTests
{
    private string? _database;
    private string? _connection;

    protected override EfEngineStore NewStore()
    {
        if (_connection is null) (_database, _connection) = TestPostgres.CreateDatabase();
        var connection = _connection;
        return new EfEngineStore(o => o.UseNpgsql(connection));
    }

    protected override async Task<bool> IndexExistsAsync(EngineDbContext db, string name) =>
        await db.Database.SqlQueryRaw<int>("SELECT COUNT(*)::int AS \"Value\" FROM pg_indexes WHERE indexname = {0}", name).SingleAsync() == 1;

    [TearDown]
    public void DropDatabase()
    {
        if (_database is not null) TestPostgres.DropDatabase(_database);
    }
}
