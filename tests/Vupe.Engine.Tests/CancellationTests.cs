namespace Vupe.Engine.Tests;

/// <summary>
/// Every way a scope is cancelled removes what the same command created in it: a user task, its boundary
/// timer, an incident. In each fixture a fork starts the working branch before the branch that cancels, so
/// the task and its timer exist only as rows added in the command that cancels them.
/// </summary>
public abstract class CancellationTests : EngineTestBase
{
    [Test]
    public async Task A_terminate_end_event_removes_the_task_and_timer_created_in_the_same_command()
    {
        await DeployAsync("Cancel.TerminateSameCommand.bpmn");
        var instance = await StartAsync("terminateNow");

        await AssertCompletedAsync(instance.Id, InstanceStatus.Terminated);
        await AssertNothingLeftAsync(instance.Id);
        Assert.That(await CancelledElementsAsync(instance.Id), Is.EqualTo(new[] { "work" }));
    }

    [Test]
    public async Task An_error_caught_on_the_sub_process_removes_its_task_timer_and_open_incident()
    {
        await DeployAsync("Cancel.ErrorSameCommand.bpmn");
        var instance = await StartAsync("errorNow");

        await AssertActiveAtAsync(instance.Id, "handle");
        var tasks = await TasksAsync(instance.Id);
        Assert.That(tasks.Select(t => t.ElementId), Is.EqualTo(new[] { "handle" }), "only the handler's task is open");
        Assert.That(await Engine.Management.ListJobsAsync(instance.Id), Is.Empty, "the timer of the cancelled task is gone");
        Assert.That(await Engine.Management.ListIncidentsAsync(instance.Id), Is.Empty, "the incident of the cancelled branch is closed");
        var incident = (await Engine.Management.ListIncidentsAsync(instance.Id, openOnly: false)).Single();
        Assert.That(incident.ElementId, Is.EqualTo("broken"));
        Assert.That(await CancelledElementsAsync(instance.Id), Is.EquivalentTo(new[] { "work", "broken", "sub" }));
    }

    [Test]
    public async Task An_interrupting_event_sub_process_removes_the_task_and_timer_created_in_the_same_command()
    {
        await DeployAsync("Cancel.EventSubProcessSameCommand.bpmn");
        var instance = await StartAsync("haltNow");

        await AssertActiveAtAsync(instance.Id, "closeCase");
        Assert.That((await TasksAsync(instance.Id)).Select(t => t.ElementId), Is.EqualTo(new[] { "closeCase" }));
        Assert.That(await Engine.Management.ListJobsAsync(instance.Id), Is.Empty);
        await CompleteTaskAsync(instance.Id, "closeCase");
        await AssertCompletedAsync(instance.Id);
    }

    [Test]
    public async Task An_interrupting_boundary_event_removes_the_task_and_timer_created_in_the_same_command()
    {
        await DeployAsync("Cancel.BoundarySameCommand.bpmn");
        var instance = await StartAsync("boundaryNow");

        await AssertActiveAtAsync(instance.Id, "archive");
        Assert.That((await TasksAsync(instance.Id)).Select(t => t.ElementId), Is.EqualTo(new[] { "archive" }));
        Assert.That(await Engine.Management.ListJobsAsync(instance.Id), Is.Empty);
        // The signal is delivered before its throw event moves on, and the boundary interrupts the throwing token too.
        Assert.That(await CancelledElementsAsync(instance.Id), Is.EquivalentTo(new[] { "withdraw", "work", "sub" }));
    }

    [Test]
    public async Task Terminating_later_removes_what_earlier_commands_created()
    {
        await DeployAsync("Terminate.bpmn");
        var instance = await StartAsync("terminating");
        await CompleteTaskAsync(instance.Id, "b");

        await AssertCompletedAsync(instance.Id, InstanceStatus.Terminated);
        await AssertNothingLeftAsync(instance.Id);
    }

    private async Task AssertNothingLeftAsync(Guid instanceId)
    {
        Assert.That(await TasksAsync(instanceId), Is.Empty, "no task is left behind");
        Assert.That(await Engine.Tasks.QueryAsync(new TaskFilter()), Is.Empty, "no task of any instance is left in the task list");
        Assert.That(await Engine.Management.ListJobsAsync(instanceId), Is.Empty, "no timer is left behind");
        Assert.That(await Engine.Management.ListIncidentsAsync(instanceId), Is.Empty);
    }

    private async Task<List<string>> CancelledElementsAsync(Guid instanceId) =>
        [.. (await Engine.History.ForInstanceAsync(instanceId)).Where(h => h.EventType == HistoryEventTypes.ElementCancelled).Select(h => h.ElementId!)];
}

public sealed class InMemoryCancellationTests : CancellationTests;

/// <summary>The same cancellations on a SQLite file: the database session must see its own added rows too.</summary>
public sealed class SqliteCancellationTests : CancellationTests
{
    protected override ProcessEngineBuilder CreateBuilder() => new ProcessEngineBuilder().UseSqlite(SqliteEngineTestBase.NewDatabasePath());
}
