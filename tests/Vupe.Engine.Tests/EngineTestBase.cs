using Microsoft.Extensions.Time.Testing;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Tests;

/// <summary>A fresh engine per test with a frozen clock; BPMN files come from the Bpmn folder.</summary>
public abstract class EngineTestBase
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    protected FakeTimeProvider Clock { get; private set; } = null!;
    protected ProcessEngine Engine { get; private set; } = null!;
    protected List<string> HandlerCalls { get; } = [];

    protected virtual void Configure(ProcessEngineBuilder builder) { }

    /// <summary>
    /// In memory by default. With VUPE_TEST_STORE=sqlite every such test runs on a SQLite file
    /// instead, to check that the database store behaves as the in-memory one does.
    /// </summary>
    protected virtual ProcessEngineBuilder CreateBuilder() =>
        Environment.GetEnvironmentVariable("VUPE_TEST_STORE") == "sqlite"
            ? new ProcessEngineBuilder().UseSqlite(Path.Combine(Path.GetTempPath(), "vupe-tests", Guid.NewGuid().ToString("N"), "engine.db"))
            : new ProcessEngineBuilder().UseInMemoryStore();

    [SetUp]
    public async Task StartEngine()
    {
        Clock = new FakeTimeProvider(T0);
        HandlerCalls.Clear();
        var builder = CreateBuilder().UseTimeProvider(Clock)
            .AddTaskHandler("record", c => { HandlerCalls.Add(c.ElementId); return null; });
        Configure(builder);
        Engine = await builder.BuildAsync();
    }

    [TearDown]
    public async Task StopEngine()
    {
        if (Engine is not null) await Engine.DisposeAsync(); // null when SetUp was skipped
    }

    public static string Bpmn(string file) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Bpmn", file));

    protected Task<DeploymentResult> DeployAsync(params string[] files) =>
        Engine.Repository.DeployAsync("test", [.. files.Select(f => new DeploymentResource(f, Bpmn(f)))]);

    protected Task<ProcessInstanceInfo> StartAsync(string key, object? variables = null, string? office = null) =>
        Engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = key, Variables = ToDictionary(variables), OfficeCode = office });

    protected static Dictionary<string, object?>? ToDictionary(object? variables) => variables switch
    {
        null => null,
        Dictionary<string, object?> d => d,
        _ => variables.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(variables)),
    };

    protected Task<ProcessInstanceInfo> InstanceAsync(Guid id) => Engine.Runtime.GetInstanceAsync(id);

    protected Task<List<TaskInfo>> TasksAsync(Guid instanceId) => Engine.Tasks.QueryAsync(new TaskFilter { InstanceId = instanceId });

    protected async Task<TaskInfo> SingleTaskAsync(Guid instanceId, string? elementId = null)
    {
        var tasks = (await TasksAsync(instanceId)).Where(t => elementId is null || t.ElementId == elementId).ToList();
        Assert.That(tasks, Has.Count.EqualTo(1), $"expected one task{(elementId is null ? "" : " at " + elementId)}, found: {string.Join(", ", tasks.Select(t => t.ElementId))}");
        return tasks[0];
    }

    protected async Task CompleteTaskAsync(Guid instanceId, string elementId, object? variables = null) =>
        await Engine.Tasks.CompleteAsync((await SingleTaskAsync(instanceId, elementId)).Id, ToDictionary(variables));

    /// <summary>Moves the clock and runs whatever jobs fell due.</summary>
    protected async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Engine.Management.ExecuteAllDueJobsAsync();
    }

    protected async Task<List<string>> CompletedElementsAsync(Guid instanceId) =>
        [.. (await Engine.History.ForInstanceAsync(instanceId)).Where(h => h.EventType == HistoryEventTypes.ElementCompleted).Select(h => h.ElementId!)];

    protected async Task AssertActiveAtAsync(Guid instanceId, params string[] elementIds)
    {
        var instance = await InstanceAsync(instanceId);
        Assert.That(instance.Status, Is.EqualTo(InstanceStatus.Active));
        Assert.That(instance.ActiveElementIds, Is.EquivalentTo(elementIds));
    }

    protected async Task AssertCompletedAsync(Guid instanceId, InstanceStatus status = InstanceStatus.Completed)
    {
        var instance = await InstanceAsync(instanceId);
        Assert.That(instance.Status, Is.EqualTo(status), $"instance is still at {string.Join(", ", instance.ActiveElementIds)}");
    }
}

/// <summary>The same tests against a real SQLite file, a new one per test.</summary>
public abstract class SqliteEngineTestBase : EngineTestBase
{
    protected string DatabasePath { get; private set; } = "";

    protected override ProcessEngineBuilder CreateBuilder()
    {
        DatabasePath = NewDatabasePath();
        return new ProcessEngineBuilder().UseSqlite(DatabasePath);
    }

    /// <summary>A new, empty folder's database file.</summary>
    public static string NewDatabasePath()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vupe-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, "engine.db");
    }
}
