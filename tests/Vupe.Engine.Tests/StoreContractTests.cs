using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Vupe.Engine.Tests;

/// <summary>
/// The same scenarios on every store: in memory, a SQLite file and a real PostgreSQL server
/// (started by test.sh; VUPE_TEST_POSTGRES holds its connection string). PostgreSQL is
/// <c>new EfEngineStore(o => o.UseNpgsql(cs))</c>: the one-line provider switch.
/// </summary>
public abstract class StoreContractTests : EngineTestBase
{
    [Test]
    public async Task A_case_runs_from_start_to_end_with_typed_variables()
    {
        await DeployAsync("Gateway.ParallelLoop.bpmn");
        var instance = await StartAsync("parLoop", new Dictionary<string, object?>
        {
            ["repeat"] = false, ["nombre"] = "José Ñahui", ["nacimiento"] = new DateOnly(1988, 2, 29), ["ingreso"] = 1025.75m,
        });
        await CompleteTaskAsync(instance.Id, "b");
        await CompleteTaskAsync(instance.Id, "check");
        await AssertCompletedAsync(instance.Id);
        var variables = await Engine.Runtime.GetVariablesAsync(instance.Id);
        Assert.That(variables["nombre"], Is.EqualTo("José Ñahui"));
        Assert.That(variables["nacimiento"], Is.EqualTo(new DateOnly(1988, 2, 29)));
        Assert.That(variables["ingreso"], Is.EqualTo(1025.75m));
        var history = await Engine.History.ForCaseAsync(instance.CaseId);
        Assert.That(history.Select(h => h.Id), Is.Ordered, "history reads back in the order it happened");
        Assert.That(history.Last().EventType, Is.EqualTo(HistoryEventTypes.CaseClosed));
    }

    [Test]
    public async Task Concurrent_starts_never_share_a_case_number()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var starts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => StartAsync("seq", office: "PIU")));
        Assert.That(starts.Select(s => s.CaseNumber).Distinct().Count(), Is.EqualTo(20));
        Assert.That(starts.Select(s => s.CaseNumber), Has.All.Match(@"^PIU-2026-0000\d\d$"));
    }

    [Test]
    public async Task Of_twenty_simultaneous_claims_exactly_one_wins()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq");
        var task = await SingleTaskAsync(instance.Id);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try { await Engine.Tasks.ClaimAsync(task.Id, $"c{i}"); return true; }
            catch (ConflictException) { return false; }
        }));
        Assert.That(outcomes.Count(won => won), Is.EqualTo(1));
    }

    [Test]
    public async Task Timers_with_offsets_messages_and_incidents_work_the_same()
    {
        await DeployAsync("Timer.Date.bpmn", "Message.ReceiveTask.bpmn", "Gateway.ExclusiveNoMatch.bpmn");
        var timed = await StartAsync("appointment");
        Assert.That((await Engine.Management.ListJobsAsync(timed.Id)).Single().DueAt, Is.EqualTo(new DateTimeOffset(2026, 3, 5, 19, 30, 0, TimeSpan.Zero)));
        await AdvanceAsync(TimeSpan.FromDays(4));
        await AssertCompletedAsync(timed.Id);

        await Engine.Runtime.CorrelateMessageAsync("documentsReceived", "Z-1", new Dictionary<string, object?> { ["pages"] = 2 });
        var receiver = await StartAsync("awaitDocs", new { caseRef = "Z-1" });
        await AssertCompletedAsync(receiver.Id);

        var stuck = await StartAsync("xorNoMatch", new { amount = 1 });
        var incident = (await Engine.Management.ListIncidentsAsync(stuck.Id)).Single();
        await Engine.Runtime.SetVariablesAsync(stuck.Id, new Dictionary<string, object?> { ["amount"] = 1000 });
        await Engine.Management.ResolveIncidentAsync(incident.Id);
        await AssertActiveAtAsync(stuck.Id, "a");
    }
}

public sealed class InMemoryStoreContractTests : StoreContractTests;

public sealed class SqliteStoreContractTests : StoreContractTests
{
    protected override ProcessEngineBuilder CreateBuilder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vupe-tests", Guid.NewGuid().ToString("N"));
        return new ProcessEngineBuilder().UseSqlite(Path.Combine(dir, "engine.db"));
    }
}

public sealed class PostgresStoreContractTests : StoreContractTests
{
    private string? _database;

    // test.sh always starts the server and sets this; a bare `dotnet test` skips these tests with the reason.
    private static string ServerConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable("VUPE_TEST_POSTGRES");
            if (string.IsNullOrEmpty(value)) Assert.Ignore("VUPE_TEST_POSTGRES is not set: run the suite with ./test.sh, which starts PostgreSQL.");
            return value!;
        }
    }

    protected override ProcessEngineBuilder CreateBuilder()
    {
        _database = "vupe_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
            create.ExecuteNonQuery();
        }
        var connection = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ConnectionString;
        return new ProcessEngineBuilder().UseStore(new EfEngineStore(o => o.UseNpgsql(connection)));
    }

    [TearDown]
    public void DropDatabase()
    {
        if (_database is null) return;
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(ServerConnectionString);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
