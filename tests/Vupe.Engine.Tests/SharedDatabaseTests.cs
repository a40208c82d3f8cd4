using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Tests;

/// <summary>
/// Two engines on one database, as two server nodes run: what one deploys the other starts from within the refresh
/// interval, and both deploying the same files at once (every node deploys the catalogue as it starts) makes one
/// version, not a failure.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class SharedDatabaseTests(string store)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(T0);
    private string? _postgresDatabase;
    private Func<ProcessEngineBuilder> _sameDatabase = null!;
    private ProcessEngine _nodeA = null!;
    private ProcessEngine _nodeB = null!;

    [SetUp]
    public async Task StartTwoEngines()
    {
        if (store == "postgres")
        {
            var (name, connection) = TestPostgres.CreateDatabase();
            _postgresDatabase = name;
            _sameDatabase = () => new ProcessEngineBuilder().UseStore(new EfEngineStore(o => o.UseNpgsql(connection)));
        }
        else
        {
            var path = SqliteEngineTestBase.NewDatabasePath();
            _sameDatabase = () => new ProcessEngineBuilder().UseSqlite(path);
        }
        _nodeA = await Build();
        _nodeB = await Build();
    }

    private Task<ProcessEngine> Build() => _sameDatabase().UseTimeProvider(_clock)
        .AddTaskHandler("record", _ => null)
        .Configure(o => o.DeploymentRefreshInterval = TimeSpan.FromSeconds(1))
        .BuildAsync();

    [TearDown]
    public async Task StopEngines()
    {
        if (_nodeA is not null) await _nodeA.DisposeAsync();
        if (_nodeB is not null) await _nodeB.DisposeAsync();
        if (_postgresDatabase is not null) TestPostgres.DropDatabase(_postgresDatabase);
    }

    private static DeploymentResource Sequence(string taskName) =>
        new("seq.bpmn", EngineTestBase.Bpmn("Sequence.UserTask.bpmn").Replace("name=\"Revisar\"", $"name=\"{taskName}\"", StringComparison.Ordinal));

    private static Task<ProcessInstanceInfo> StartAsync(ProcessEngine engine) =>
        engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "seq" });

    [Test]
    public async Task A_version_deployed_on_one_node_starts_on_the_other_within_the_refresh_interval()
    {
        await _nodeA.Repository.DeployAsync("v1", [Sequence("Revisar")]);
        Assert.That((await StartAsync(_nodeB)).Version, Is.EqualTo(1), "a definition B never saw is loaded on the miss");

        await _nodeA.Repository.DeployAsync("v2", [Sequence("Revisar de nuevo")]);
        Assert.That((await StartAsync(_nodeA)).Version, Is.EqualTo(2), "the deploying node knows at once");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var onB = await StartAsync(_nodeB);
        Assert.That(onB.Version, Is.EqualTo(2), "B checks the deployments once the interval has passed");
        var task = (await _nodeB.Tasks.QueryAsync(new TaskFilter { InstanceId = onB.Id })).Single();
        Assert.That(task.Name, Is.EqualTo("Revisar de nuevo"));
    }

    [Test]
    public async Task Both_nodes_deploying_the_same_files_at_once_make_one_version()
    {
        var files = new[] { Sequence("Revisar") };
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? _nodeA : _nodeB).Repository.DeployAsync("catálogo", files)));

        Assert.That(results.Sum(r => r.Definitions.Count), Is.EqualTo(1), "one deployment made the version; the others found it unchanged");
        Assert.That(results.Sum(r => r.Unchanged.Count), Is.EqualTo(5));
        Assert.That((await _nodeB.Repository.ListDefinitionsAsync("seq")).Select(d => d.Version), Is.EqualTo(new[] { 1 }));
        Assert.That((await StartAsync(_nodeA)).Version, Is.EqualTo(1));
        Assert.That((await StartAsync(_nodeB)).Version, Is.EqualTo(1));
    }
}
