namespace Vupe.Engine.Tests;

public sealed class TimerTests : EngineTestBase
{
    [Test]
    public async Task Interrupting_boundary_timer_cancels_the_user_task_and_escalates()
    {
        await DeployAsync("Timer.BoundaryInterrupting.bpmn");
        var instance = await StartAsync("slaEscalation");
        var task = await SingleTaskAsync(instance.Id, "attend");

        await AdvanceAsync(TimeSpan.FromHours(23));
        await AssertActiveAtAsync(instance.Id, "attend");
        await AdvanceAsync(TimeSpan.FromHours(1));

        await AssertActiveAtAsync(instance.Id, "escalate");
        await Assert.ThrowsAsync<NotFoundException>(() => Engine.Tasks.GetAsync(task.Id));
        var escalation = await SingleTaskAsync(instance.Id, "escalate");
        Assert.That(escalation.CandidateGroups, Is.EqualTo(new[] { "LIM-supervisor" }));
        var history = await Engine.History.ForInstanceAsync(instance.Id);
        Assert.That(history.Any(h => h.EventType == HistoryEventTypes.ElementCancelled && h.ElementId == "attend"));
        Assert.That(history.Any(h => h.EventType == HistoryEventTypes.TimerFired && h.ElementId == "sla"));
    }

    [Test]
    public async Task Completing_the_task_before_the_deadline_removes_the_timer()
    {
        await DeployAsync("Timer.BoundaryInterrupting.bpmn");
        var instance = await StartAsync("slaEscalation");
        Assert.That(await Engine.Management.ListJobsAsync(instance.Id), Has.Count.EqualTo(1));
        await CompleteTaskAsync(instance.Id, "attend");
        await AssertCompletedAsync(instance.Id);
        Assert.That(await Engine.Management.ListJobsAsync(instance.Id), Is.Empty);
        await AdvanceAsync(TimeSpan.FromDays(2));
        Assert.That(await CompletedElementsAsync(instance.Id), Does.Not.Contain("escalate"));
    }

    [Test]
    public async Task Non_interrupting_cycle_fires_its_repetitions_while_the_task_stays()
    {
        await DeployAsync("Timer.BoundaryNonInterrupting.bpmn");
        var instance = await StartAsync("reminders");
        await AdvanceAsync(TimeSpan.FromHours(1));
        await AdvanceAsync(TimeSpan.FromHours(1));
        await AdvanceAsync(TimeSpan.FromHours(1));
        Assert.That(HandlerCalls, Is.EqualTo(new[] { "notify", "notify" }), "R2 means two reminders");
        await AssertActiveAtAsync(instance.Id, "attend");
        await CompleteTaskAsync(instance.Id, "attend");
        await AssertCompletedAsync(instance.Id);
    }

    [Test]
    public async Task Intermediate_timer_duration_comes_from_a_FEEL_expression()
    {
        await DeployAsync("Timer.Intermediate.bpmn");
        var instance = await StartAsync("waitThenWork", new { waitFor = TimeSpan.FromMinutes(30) });
        await AdvanceAsync(TimeSpan.FromMinutes(29));
        Assert.That(HandlerCalls, Is.Empty);
        await AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.That(HandlerCalls, Is.EqualTo(new[] { "work" }));
        await AssertCompletedAsync(instance.Id);
    }

    [Test]
    public async Task A_cycle_missed_while_the_engine_was_down_fires_once_not_once_per_missed_period()
    {
        await DeployAsync("Timer.Start.bpmn");
        Clock.Advance(TimeSpan.FromHours(10));
        await Engine.Management.ExecuteAllDueJobsAsync();
        Assert.That(HandlerCalls, Has.Count.EqualTo(1));
        await AdvanceAsync(TimeSpan.FromHours(1));
        Assert.That(HandlerCalls, Has.Count.EqualTo(2), "the next firing is a period after the catch-up");
    }

    [Test]
    public async Task Timer_start_event_starts_an_instance_per_cycle()
    {
        await DeployAsync("Timer.Start.bpmn");
        for (var i = 0; i < 4; i++) await AdvanceAsync(TimeSpan.FromHours(1));
        Assert.That(HandlerCalls, Has.Count.EqualTo(3));
    }
}
