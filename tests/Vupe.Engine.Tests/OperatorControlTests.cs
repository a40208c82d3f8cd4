using Microsoft.EntityFrameworkCore;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Tests;

/// <summary>
/// An operator's hold and the console's instance query: a suspended instance's timers wait, its tasks cannot be
/// completed and messages pass it by until it is resumed; instances of a definition are found by office, state,
/// current element, start time and a variable's value, paged.
/// </summary>
public abstract class OperatorControlTests : EngineTestBase
{
    [Test]
    public async Task A_suspended_instance_waits_until_resumed_and_then_carries_on()
    {
        await DeployAsync("Migrate.V1.bpmn");
        var instance = await StartAsync("tramite", new { caseRef = "S-1" });
        var task = await SingleTaskAsync(instance.Id, "revisar");

        await Engine.Runtime.SuspendAsync(instance.Id, "documento en revisión", "supervisor");
        Assert.That((await InstanceAsync(instance.Id)).Suspended, Is.True);
        await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Runtime.SuspendAsync(instance.Id), "already suspended");

        var parked = await Engine.Management.ListJobsAsync(instance.Id);
        Assert.That(parked, Is.Not.Empty);
        Assert.That(parked.Select(j => j.DueAt.Year), Is.All.GreaterThan(2900), "its jobs are parked, out of every sweep's reach");
        await AdvanceAsync(TimeSpan.FromHours(3));
        Assert.That((await InstanceAsync(instance.Id)).ActiveElementIds, Has.Member("espera"), "the two-hour timer waits");
        await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Tasks.CompleteAsync(task.Id));
        // Refused while only the suspended instance waits for it (not buffered, not "no receiver").
        await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Runtime.CorrelateMessageAsync("respuesta", "S-1", timeToLive: TimeSpan.Zero));
        await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Runtime.MoveTokenAsync(instance.Id, "espera", "cerrar"));

        await Engine.Runtime.ResumeAsync(instance.Id, "validado", "supervisor");
        await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Runtime.ResumeAsync(instance.Id), "no longer suspended");
        Assert.That((await Engine.Management.ListJobsAsync(instance.Id)).Select(j => j.DueAt.Year), Is.All.LessThan(2900), "due again as before");
        await AdvanceAsync(TimeSpan.FromMinutes(1));
        var resumed = await InstanceAsync(instance.Id);
        Assert.That(resumed.Suspended, Is.False);
        Assert.That(resumed.ActiveElementIds, Has.No.Member("espera"), "the timer due meanwhile fired once resumed");
        await Engine.Tasks.CompleteAsync(task.Id);
        var history = await Engine.History.ForInstanceAsync(instance.Id);
        Assert.That(history.Count(h => h.EventType == HistoryEventTypes.ProcessSuspended), Is.EqualTo(1));
        Assert.That(history.Count(h => h.EventType == HistoryEventTypes.ProcessResumed), Is.EqualTo(1));
    }

    [Test]
    [SetUICulture("es-PE")]
    public async Task Under_a_Spanish_ui_culture_refusals_say_why_in_Spanish()
    {
        await DeployAsync("Migrate.V1.bpmn");
        var instance = await StartAsync("tramite", new { caseRef = "E-1" });
        var task = await SingleTaskAsync(instance.Id, "revisar");
        await Engine.Runtime.SuspendAsync(instance.Id, "documento en revisión", "supervisor");

        var again = await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Runtime.SuspendAsync(instance.Id));
        Assert.That(again!.Message, Is.EqualTo($"El proceso {instance.Id} ya está suspendido."));
        var complete = await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Tasks.CompleteAsync(task.Id));
        Assert.That(complete!.Message, Does.EndWith("está suspendido: reanúdelo antes de completar sus tareas."));
        await Engine.Runtime.ResumeAsync(instance.Id, "validado", "supervisor");

        var nowhere = await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Runtime.MoveTokenAsync(instance.Id, "cerrar", "revisar"));
        Assert.That(nowhere!.Message, Is.EqualTo("No hay un token esperando en «cerrar»."));
        await Engine.Runtime.CancelAsync(instance.Id);
        var ended = await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Runtime.ResumeAsync(instance.Id));
        Assert.That(ended!.Message, Does.StartWith("El proceso ").And.Not.Contain("suspended"));
    }

    [Test]
    public async Task Instances_of_a_definition_are_found_by_office_state_element_start_and_variable_and_paged()
    {
        await DeployAsync("Migrate.V1.bpmn");
        var a = await StartAsync("tramite", new { caseRef = "Q-1" }, "LIM");
        var b = await StartAsync("tramite", new { caseRef = "Q-2" }, "LIM");
        var c = await StartAsync("tramite", new { caseRef = "Q-3" }, "CUS");
        Task<InstancePage> Query(InstanceQuery q) => Engine.Runtime.QueryInstancesAsync(q);
        var lima = new[] { "LIM" };

        var inLima = await Query(new InstanceQuery("tramite:1") { OfficeCodes = lima });
        Assert.That(inLima.Items.Select(r => r.Instance.Id), Is.EquivalentTo(new[] { a.Id, b.Id }));
        Assert.That(inLima.Items.Select(r => r.OfficeCode).Distinct(), Is.EqualTo(new[] { "LIM" }));
        Assert.That((await Query(new InstanceQuery("tramite:1") { OfficeCode = "cus" })).Items.Single().Instance.Id, Is.EqualTo(c.Id));
        Assert.That((await Query(new InstanceQuery("tramite:1") { VariableName = "caseRef", VariableValue = "q-2" })).Items.Single().Instance.Id, Is.EqualTo(b.Id));
        Assert.That((await Query(new InstanceQuery("tramite:1") { ActiveElementId = "espera" })).Total, Is.EqualTo(3));
        Assert.That((await Query(new InstanceQuery("tramite:1") { ActiveElementId = "cerrar" })).Total, Is.Zero);
        Assert.That((await Query(new InstanceQuery("tramite:1") { StartedFrom = Clock.GetUtcNow().AddMinutes(1) })).Total, Is.Zero);
        // Office and period are criteria of the store's query: a page within the scope counts only the scope's instances.
        var limaSecond = await Query(new InstanceQuery("tramite:1") { OfficeCodes = lima, Skip = 1, Take = 1 });
        Assert.That((limaSecond.Total, limaSecond.Items.Count, limaSecond.Items[0].OfficeCode), Is.EqualTo((2, 1, "LIM")));
        Assert.That((await Query(new InstanceQuery("tramite:1") { OfficeCodes = lima, OfficeCode = "CUS" })).Total, Is.Zero);
        Assert.That((await Query(new InstanceQuery("tramite:1") { OfficeCodes = lima, StartedBefore = Clock.GetUtcNow().AddMinutes(1) })).Total, Is.EqualTo(2));
        Assert.That((await Query(new InstanceQuery("tramite:1") { OfficeCode = "LIM", StartedBefore = Clock.GetUtcNow().AddMinutes(-1) })).Total, Is.Zero);

        await Engine.Runtime.SuspendAsync(a.Id);
        await Engine.Runtime.CancelAsync(b.Id, "duplicado");
        Assert.That((await Query(new InstanceQuery("tramite:1") { State = InstanceQueryState.Suspended })).Items.Single().Instance.Id, Is.EqualTo(a.Id));
        Assert.That((await Query(new InstanceQuery("tramite:1") { State = InstanceQueryState.Running })).Items.Single().Instance.Id, Is.EqualTo(c.Id));
        Assert.That((await Query(new InstanceQuery("tramite:1") { State = InstanceQueryState.Ended })).Items.Single().Instance.Id, Is.EqualTo(b.Id));

        var second = await Query(new InstanceQuery("tramite:1") { Skip = 1, Take = 1 });
        Assert.That((second.Total, second.Items.Count), Is.EqualTo((3, 1)));
    }
}

public sealed class InMemoryOperatorControlTests : OperatorControlTests;

public sealed class SqliteOperatorControlTests : OperatorControlTests
{
    protected override ProcessEngineBuilder CreateBuilder() => new ProcessEngineBuilder().UseSqlite(SqliteEngineTestBase.NewDatabasePath());
}

public sealed class PostgresOperatorControlTests : OperatorControlTests
{
    private string? _database;

    protected override ProcessEngineBuilder CreateBuilder()
    {
        var (name, connection) = TestPostgres.CreateDatabase();
        _database = name;
        return new ProcessEngineBuilder().UseStore(new EfEngineStore(o => o.UseNpgsql(connection)));
    }

    [TearDown]
    public void DropDatabase()
    {
        if (_database is not null) TestPostgres.DropDatabase(_database);
    }
}
