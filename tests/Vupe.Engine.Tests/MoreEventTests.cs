namespace Vupe.Engine.Tests;

public sealed class MoreEventTests : EngineTestBase
{
    [Test]
    public async Task Signal_start_event_starts_a_case_per_signal()
    {
        await DeployAsync("Signal.Start.bpmn");
        Assert.That(await Engine.Runtime.SignalAsync("campaignOpened"), Is.EqualTo(1));
        Assert.That(await Engine.Runtime.SignalAsync("campaignOpened"), Is.EqualTo(1));
        Assert.That(HandlerCalls, Is.EqualTo(new[] { "work", "work" }));
    }

    [Test]
    public async Task Non_interrupting_message_boundary_keeps_the_task_and_listens_again()
    {
        await DeployAsync("Message.BoundaryNonInterrupting.bpmn");
        var instance = await StartAsync("notes");
        await Engine.Runtime.CorrelateMessageAsync("note", instance.CaseNumber, timeToLive: TimeSpan.Zero);
        await Engine.Runtime.CorrelateMessageAsync("note", instance.CaseNumber, timeToLive: TimeSpan.Zero);
        Assert.That(HandlerCalls, Is.EqualTo(new[] { "log", "log" }));
        await AssertActiveAtAsync(instance.Id, "attend");
        await CompleteTaskAsync(instance.Id, "attend");
        await AssertCompletedAsync(instance.Id);
        await Assert.ThrowsAsync<MessageNotCorrelatedException>(() => Engine.Runtime.CorrelateMessageAsync("note", instance.CaseNumber, timeToLive: TimeSpan.Zero));
    }

    [Test]
    public async Task An_error_ending_a_called_process_is_caught_on_the_call_activity()
    {
        await DeployAsync("CallActivity.ChildError.bpmn");
        var parent = await StartAsync("catchingParent");
        await AssertActiveAtAsync(parent.Id, "handle");
        var child = (await Engine.Runtime.ListInstancesAsync(parent.CaseId)).Single(i => i.ProcessKey == "failingChild");
        Assert.That(child.Status, Is.EqualTo(InstanceStatus.Cancelled));
    }

    [Test]
    public async Task A_time_date_timer_fires_at_that_instant_whatever_its_offset()
    {
        await DeployAsync("Timer.Date.bpmn");
        var instance = await StartAsync("appointment");
        var due = (await Engine.Management.ListJobsAsync(instance.Id)).Single().DueAt;
        Assert.That(due, Is.EqualTo(new DateTimeOffset(2026, 3, 5, 19, 30, 0, TimeSpan.Zero)));
        await AdvanceAsync(due - T0 - TimeSpan.FromSeconds(1));
        await AssertActiveAtAsync(instance.Id, "wait");
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        await AssertCompletedAsync(instance.Id);
    }

    [Test]
    public async Task Non_interrupting_timer_event_sub_process_adds_an_escalation_beside_the_work()
    {
        await DeployAsync("EventSubProcess.Timer.bpmn");
        var instance = await StartAsync("slaProcess");
        await AdvanceAsync(TimeSpan.FromDays(3));
        await AssertActiveAtAsync(instance.Id, "attend", "escalate");
        await CompleteTaskAsync(instance.Id, "attend");
        await AssertActiveAtAsync(instance.Id, "escalate");
        await CompleteTaskAsync(instance.Id, "escalate");
        await AssertCompletedAsync(instance.Id);
    }

    [Test]
    public async Task Multi_instance_call_activity_starts_one_child_per_item_and_collects_their_results()
    {
        await DeployAsync("CallActivity.Child.v1.bpmn", "MultiInstance.CallActivity.bpmn");
        var instance = await StartAsync("miCall", new { services = new[] { "bolsa", "CUL" } });
        var children = (await Engine.Runtime.ListInstancesAsync(instance.CaseId)).Where(i => i.ProcessKey == "child").ToList();
        Assert.That(children, Has.Count.EqualTo(2));
        foreach (var child in children)
        {
            var name = (string)(await Engine.Runtime.GetVariablesAsync(child.Id))["name"]!;
            await CompleteTaskAsync(child.Id, "cTask", new { result = name + ": atendido" });
        }
        await AssertCompletedAsync(instance.Id);
        var outcomes = (List<object?>)(await Engine.Runtime.GetVariablesAsync(instance.Id))["outcomes"]!;
        Assert.That(outcomes, Is.EqualTo(new object?[] { "bolsa: atendido", "CUL: atendido" }));
    }

    [Test]
    public async Task Cancelling_an_instance_removes_its_tasks_timers_and_subscriptions()
    {
        await DeployAsync("Timer.BoundaryInterrupting.bpmn");
        var instance = await StartAsync("slaEscalation");
        await Engine.Runtime.CancelAsync(instance.Id, "solicitud duplicada", "supervisor");
        await AssertCompletedAsync(instance.Id, InstanceStatus.Cancelled);
        Assert.That(await TasksAsync(instance.Id), Is.Empty);
        Assert.That(await Engine.Management.ListJobsAsync(instance.Id), Is.Empty);
        var e = await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Runtime.CancelAsync(instance.Id));
        Assert.That(e!.Message, Does.Contain("already cancelled"));
    }
}

public sealed class TaskServiceTests : EngineTestBase
{
    [Test]
    public async Task Claim_unclaim_and_assign_are_recorded_and_queryable()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq");
        var task = await SingleTaskAsync(instance.Id);

        Assert.That(await Engine.Tasks.CountAsync(new TaskFilter { CandidateGroups = ["LIM-consultor"], Unassigned = true }), Is.EqualTo(1));
        await Engine.Tasks.ClaimAsync(task.Id, "ana");
        Assert.That((await Engine.Tasks.QueryAsync(new TaskFilter { Assignee = "ana" })).Single().Id, Is.EqualTo(task.Id));
        Assert.That(await Engine.Tasks.CountAsync(new TaskFilter { CandidateGroups = ["LIM-consultor"], Unassigned = true }), Is.Zero);

        await Engine.Tasks.UnclaimAsync(task.Id, "ana");
        await Engine.Tasks.AssignAsync(task.Id, "beto", "supervisor.lima");
        var assigned = await Engine.Tasks.GetAsync(task.Id);
        Assert.That(assigned.Assignee, Is.EqualTo("beto"));

        var events = (await Engine.History.ForInstanceAsync(instance.Id)).Where(h => h.EventType.StartsWith("Task", StringComparison.Ordinal)).Select(h => (h.EventType, h.UserId)).ToList();
        Assert.That(events, Is.EqualTo(new[]
        {
            (HistoryEventTypes.TaskCreated, (string?)null), (HistoryEventTypes.TaskClaimed, "ana"),
            (HistoryEventTypes.TaskUnclaimed, "ana"), (HistoryEventTypes.TaskAssigned, "supervisor.lima"),
        }));
    }

    [Test]
    public async Task Unknown_tasks_and_bad_variables_get_clear_errors()
    {
        var missing = Guid.NewGuid();
        var e = await Assert.ThrowsAsync<NotFoundException>(() => Engine.Tasks.CompleteAsync(missing));
        Assert.That(e!.Message, Does.Contain(missing.ToString()));

        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq");
        var task = await SingleTaskAsync(instance.Id);
        var bad = await Assert.ThrowsAsync<ArgumentException>(() => Engine.Tasks.CompleteAsync(task.Id, new Dictionary<string, object?> { ["file"] = new MemoryStream() }));
        Assert.That(bad!.Message, Does.Contain("Variable 'file'"));
        await AssertActiveAtAsync(instance.Id, "review");
    }

    [Test]
    public async Task Starting_an_unknown_process_names_it()
    {
        var e = await Assert.ThrowsAsync<NotFoundException>(() => StartAsync("nope"));
        Assert.That(e!.Message, Is.EqualTo("Process 'nope' is not deployed."));
    }
}
