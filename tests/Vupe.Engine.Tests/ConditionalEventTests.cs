namespace Vupe.Engine.Tests;

/// <summary>
/// Conditional events (BPMN 2.0.2, 10.5.5): checked when reached and whenever a command changes the instance's
/// variables; each fires when its condition goes from false to true.
/// </summary>
public abstract class ConditionalEventTests : EngineTestBase
{
    [Test]
    public async Task A_conditional_catch_waits_until_a_variable_change_makes_it_true()
    {
        await DeployAsync("Conditional.Catch.bpmn");
        var instance = await StartAsync("condCatch", new { approved = false });
        await AssertActiveAtAsync(instance.Id, "untilApproved");

        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["note"] = "sin cambios" });
        await AssertActiveAtAsync(instance.Id, "untilApproved");

        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["approved"] = true });

        await AssertActiveAtAsync(instance.Id, "issue");
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "untilApproved" }));
        await CompleteTaskAsync(instance.Id, "issue");
        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "untilApproved", "issue", "end" }));
    }

    [Test]
    public async Task After_an_event_based_gateway_a_conditional_catch_wins_when_a_variable_change_makes_it_true()
    {
        await DeployAsync("Conditional.EventGateway.bpmn");
        var instance = await StartAsync("condGateway", new { documentsComplete = false });
        await AssertActiveAtAsync(instance.Id, "gw");

        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["documentsComplete"] = true });

        await AssertActiveAtAsync(instance.Id, "review");
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "gw", "documentsIn" }));
        await AdvanceAsync(TimeSpan.FromHours(2));
        await AssertActiveAtAsync(instance.Id, "review"); // the gateway's timer was removed when the condition won
        await CompleteTaskAsync(instance.Id, "review");
        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "gw", "documentsIn", "review", "end" }));
    }

    [Test]
    public async Task After_an_event_based_gateway_a_timer_that_comes_first_closes_the_conditional_catch()
    {
        await DeployAsync("Conditional.EventGateway.bpmn");
        var instance = await StartAsync("condGateway", new { documentsComplete = false });

        await AdvanceAsync(TimeSpan.FromHours(2));
        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "gw", "expired", "lapsed" }));
    }

    [Test]
    public async Task Completing_a_task_with_variables_releases_a_conditional_catch_in_another_branch()
    {
        await DeployAsync("Conditional.CatchReleasedByTask.bpmn");
        var instance = await StartAsync("condByTask");
        await AssertActiveAtAsync(instance.Id, "prepare", "untilReady");

        await CompleteTaskAsync(instance.Id, "prepare", new { ready = true });

        await AssertActiveAtAsync(instance.Id, "publish");
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "fork", "prepare", "prepared", "untilReady" }));
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["ready"], Is.EqualTo(true));
    }

    [Test]
    public async Task A_conditional_catch_already_true_when_reached_does_not_wait()
    {
        await DeployAsync("Conditional.Catch.bpmn");
        var instance = await StartAsync("condCatch", new { approved = true });

        await AssertActiveAtAsync(instance.Id, "issue");
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "untilApproved" }));
    }

    [Test]
    public async Task An_interrupting_conditional_boundary_event_cancels_the_task_when_its_condition_becomes_true()
    {
        await DeployAsync("Conditional.BoundaryInterrupting.bpmn");
        var instance = await StartAsync("condBoundary", new { amount = 200 });
        await AssertActiveAtAsync(instance.Id, "fill");

        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["amount"] = 5000 });

        await AssertActiveAtAsync(instance.Id, "review");
        Assert.That((await TasksAsync(instance.Id)).Select(t => t.ElementId), Is.EqualTo(new[] { "review" }));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "tooHigh" }));
        var cancelled = (await Engine.History.ForInstanceAsync(instance.Id)).Where(h => h.EventType == HistoryEventTypes.ElementCancelled).Select(h => h.ElementId);
        Assert.That(cancelled, Is.EqualTo(new[] { "fill" }));
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["amount"], Is.EqualTo(5000m));
    }

    [Test]
    public async Task A_conditional_boundary_event_whose_condition_stays_false_lets_the_task_complete()
    {
        await DeployAsync("Conditional.BoundaryInterrupting.bpmn");
        var instance = await StartAsync("condBoundary", new { amount = 200 });

        await CompleteTaskAsync(instance.Id, "fill", new { amount = 300 });

        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "fill", "end" }));
    }

    [Test]
    public async Task A_non_interrupting_conditional_event_sub_process_fires_once_per_change_from_false_to_true()
    {
        await DeployAsync("Conditional.EventSubProcessNonInterrupting.bpmn");
        var instance = await StartAsync("condEsp", new { score = 0 });
        await AssertActiveAtAsync(instance.Id, "work");

        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["score"] = 20 });
        await AssertActiveAtAsync(instance.Id, "work", "notify");
        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["score"] = 30 });
        await AssertActiveAtAsync(instance.Id, "work", "notify");
        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["score"] = 5 });
        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["score"] = 50 });

        Assert.That((await TasksAsync(instance.Id)).Select(t => t.ElementId).Order(), Is.EqualTo(new[] { "notify", "notify", "work" }));
        foreach (var task in (await TasksAsync(instance.Id)).Where(t => t.ElementId == "notify"))
            await Engine.Tasks.CompleteAsync(task.Id);
        await CompleteTaskAsync(instance.Id, "work");

        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[]
        {
            "start", "highScore", "highScore", "notify", "notifyEnd", "onHighScore", "notify", "notifyEnd", "onHighScore", "work", "end",
        }));
    }
}

public sealed class InMemoryConditionalEventTests : ConditionalEventTests;

public sealed class SqliteConditionalEventTests : ConditionalEventTests
{
    protected override ProcessEngineBuilder CreateBuilder() => new ProcessEngineBuilder().UseSqlite(SqliteEngineTestBase.NewDatabasePath());
}
