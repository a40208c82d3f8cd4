namespace Vupe.Engine.Tests;

/// <summary>
/// Moving running instances to a new version: a token in a sub-process at a claimed user task with a boundary timer,
/// one at a message catch and one at a timer catch, all waiting to join — every one keeps what it waits for, and the
/// instance then runs the new version's steps. What cannot move is refused with its reason and left untouched. And an
/// operator's token move within one scope.
/// </summary>
public abstract class MigrationTests : EngineTestBase
{
    private static readonly Dictionary<string, string> RenamedTask = new() { ["revisar"] = "revisarDocs" };

    private async Task<(ProcessInstanceInfo Instance, TaskInfo Task)> StartV1ClaimedAsync(string caseRef)
    {
        await DeployAsync("Migrate.V1.bpmn");
        var instance = await StartAsync("tramite", new { caseRef });
        var task = await SingleTaskAsync(instance.Id, "revisar");
        await Engine.Tasks.ClaimAsync(task.Id, "ana");
        return (instance, await Engine.Tasks.GetAsync(task.Id));
    }

    [Test]
    public async Task A_mapped_instance_moves_with_its_claimed_task_timers_subscription_and_waiting_branches()
    {
        var (instance, task) = await StartV1ClaimedAsync("T-1");
        var jobsBefore = (await Engine.Management.ListJobsAsync(instance.Id)).OrderBy(j => j.DueAt).Select(j => (j.ElementId, j.DueAt)).ToList();
        await Engine.Runtime.CorrelateMessageAsync("nothing-yet", "T-1");
        await DeployAsync("Migrate.V2.bpmn");

        var unmapped = await Engine.Runtime.CheckMigrationAsync(instance.Id, "tramite:2");
        Assert.That(unmapped, Has.Some.Contains("'revisar' no existe en la versión destino"));
        var plan = await Engine.Runtime.PlanMigrationAsync("tramite:1", "tramite:2", RenamedTask);
        Assert.That(plan.Single().CanMigrate, Is.True, string.Join(" ", plan.Single().Reasons));

        await Engine.Runtime.MigrateAsync(instance.Id, "tramite:2", RenamedTask, "supervisor");

        var migrated = await InstanceAsync(instance.Id);
        Assert.That((migrated.ProcessKey, migrated.Version), Is.EqualTo(("tramite", 2)));
        Assert.That(migrated.ActiveElementIds, Is.EquivalentTo(new[] { "revisarDocs", "respuesta", "espera" }));
        var moved = await Engine.Tasks.GetAsync(task.Id);
        Assert.That((moved.ElementId, moved.Name, moved.Assignee, moved.DueAt, moved.ClaimedAt), Is.EqualTo(("revisarDocs", "Revisar v2", "ana", task.DueAt, task.ClaimedAt)),
            "the same task, still held by the consultant, with its due date");
        var jobsAfter = (await Engine.Management.ListJobsAsync(instance.Id)).OrderBy(j => j.DueAt).Select(j => (j.ElementId, j.DueAt)).ToList();
        Assert.That(jobsAfter, Is.EqualTo(jobsBefore), "the boundary timer and the timer catch keep their due times");
        Assert.That((await Engine.History.ForInstanceAsync(instance.Id)).Last().EventType, Is.EqualTo(HistoryEventTypes.ProcessMigrated));

        await Engine.Tasks.CompleteAsync(moved.Id, null, "ana", moved.Version);
        var delivered = await Engine.Runtime.CorrelateMessageAsync("respuesta", "T-1");
        Assert.That(delivered.DeliveredTo, Has.Count.EqualTo(1), "the message subscription came along");
        await AdvanceAsync(TimeSpan.FromHours(2));
        await AssertActiveAtAsync(instance.Id, "notificar");
        await CompleteTaskAsync(instance.Id, "notificar");
        await CompleteTaskAsync(instance.Id, "cerrar");
        await AssertCompletedAsync(instance.Id);
    }

    [Test]
    public async Task Events_the_new_version_adds_start_listening_for_the_migrated_tokens()
    {
        var (instance, _) = await StartV1ClaimedAsync("T-4");
        var deadline = (await Engine.Management.ListJobsAsync(instance.Id)).Single(j => j.ElementId == "vence").DueAt;
        await DeployAsync("Migrate.V2.bpmn");
        await DeployAsync("Migrate.V3.bpmn");

        await Engine.Runtime.MigrateAsync(instance.Id, "tramite:3", RenamedTask, "supervisor");

        var jobs = await Engine.Management.ListJobsAsync(instance.Id);
        Assert.That(jobs.Select(j => j.ElementId), Is.EquivalentTo(new[] { "vence", "espera", "recordar" }), "the kept timers and the new boundary timer, once each");
        Assert.That(jobs.Single(j => j.ElementId == "recordar").DueAt, Is.EqualTo(deadline - TimeSpan.FromDays(2)).Within(TimeSpan.FromSeconds(1)),
            "P1D counted from the migration, while the kept P3D timer keeps its due time");
        var delivered = await Engine.Runtime.CorrelateMessageAsync("aviso", "T-4");
        Assert.That(delivered.DeliveredTo, Has.Count.EqualTo(1), "the event sub-process the new version adds listens");
        Assert.That((await InstanceAsync(instance.Id)).ActiveElementIds, Has.Member("atenderAviso"));
        await AdvanceAsync(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(1)));
        Assert.That((await InstanceAsync(instance.Id)).ActiveElementIds, Has.Member("revisarDocs"), "the reminder does not interrupt the task");
        Assert.That((await Engine.History.ForInstanceAsync(instance.Id)).Any(h => h.ElementId == "recordado"), "the new reminder fired");
    }

    [Test]
    public async Task An_instance_that_cannot_move_is_refused_with_its_reasons_and_left_as_it_was()
    {
        var (instance, task) = await StartV1ClaimedAsync("T-2");
        await DeployAsync("Migrate.V2.bpmn");

        var refused = (await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Runtime.MigrateAsync(instance.Id, "tramite:2")))!;
        Assert.That(refused.Message, Does.Contain("revisar"));
        var wrongKind = await Engine.Runtime.CheckMigrationAsync(instance.Id, "tramite:2", new Dictionary<string, string> { ["revisar"] = "espera" });
        Assert.That(wrongKind, Has.Some.Contains("son de otro tipo"));
        var otherScope = await Engine.Runtime.CheckMigrationAsync(instance.Id, "tramite:2", new Dictionary<string, string> { ["revisar"] = "cerrar" });
        Assert.That(otherScope, Has.Some.Contains("mismo ámbito"));

        var unchanged = await InstanceAsync(instance.Id);
        Assert.That(unchanged.Version, Is.EqualTo(1));
        Assert.That((await Engine.Tasks.GetAsync(task.Id)).ElementId, Is.EqualTo("revisar"));
    }

    [Test]
    public async Task An_operator_moves_a_token_to_another_step_of_its_scope()
    {
        await DeployAsync("Migrate.V1.bpmn");
        var instance = await StartAsync("tramite", new { caseRef = "T-3" });
        var before = await SingleTaskAsync(instance.Id, "revisar");

        await Engine.Runtime.MoveTokenAsync(instance.Id, "respuesta", "cerrar", "supervisor");

        var tasks = await TasksAsync(instance.Id);
        Assert.That(tasks.Select(t => t.ElementId), Is.EquivalentTo(new[] { "revisar", "cerrar" }));
        Assert.That(tasks.Single(t => t.ElementId == "revisar").Id, Is.EqualTo(before.Id), "other tokens are untouched");
        Assert.That((await Engine.Runtime.CorrelateMessageAsync("respuesta", "T-3")).DeliveredTo, Is.Empty, "the moved token no longer waits for the message");
        var history = await Engine.History.ForInstanceAsync(instance.Id);
        Assert.That(history.Any(h => h.EventType == HistoryEventTypes.ElementCancelled && h.ElementId == "respuesta"));
        Assert.That(history.Any(h => h.EventType == HistoryEventTypes.TokenMoved && h.ElementId == "cerrar"));
        await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Runtime.MoveTokenAsync(instance.Id, "revisar", "cerrar"), "cerrar is outside the sub-process");
        await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Runtime.MoveTokenAsync(instance.Id, "espera-no", "cerrar"));
    }
}

public sealed class InMemoryMigrationTests : MigrationTests;

public sealed class SqliteMigrationTests : MigrationTests
{
    protected override ProcessEngineBuilder CreateBuilder() => new ProcessEngineBuilder().UseSqlite(SqliteEngineTestBase.NewDatabasePath());
}
