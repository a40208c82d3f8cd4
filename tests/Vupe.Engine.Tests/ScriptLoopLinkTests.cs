namespace Vupe.Engine.Tests;

/// <summary>Script tasks (a FEEL expression kept in vupe:resultVariable), on both stores.</summary>
public abstract class ScriptTaskTests : EngineTestBase
{
    [Test]
    public async Task The_script_value_is_kept_in_the_result_variable()
    {
        await DeployAsync("Script.Task.bpmn");
        var instance = await StartAsync("scripted", new { amount = 120 });

        await AssertActiveAtAsync(instance.Id, "review");
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "calc" }));
        var quote = (IDictionary<string, object?>)(await Engine.Runtime.GetVariablesAsync(instance.Id))["quote"]!;
        Assert.That(quote["total"], Is.EqualTo(240));
        Assert.That(quote["label"], Is.EqualTo("S/ 120"));
        Assert.That((await TasksAsync(instance.Id)).Select(t => t.ElementId), Is.EqualTo(new[] { "review" }));

        await CompleteTaskAsync(instance.Id, "review");
        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "calc", "review", "end" }));
    }

    [Test]
    public async Task A_script_that_cannot_be_evaluated_stops_with_an_incident_the_operator_can_retry()
    {
        await DeployAsync("Script.Failing.bpmn");
        var instance = await StartAsync("scriptFails");

        await AssertActiveAtAsync(instance.Id, "calc");
        var incident = (await Engine.Management.ListIncidentsAsync(instance.Id)).Single();
        Assert.That(incident.ElementId, Is.EqualTo("calc"));
        Assert.That(incident.Kind, Is.EqualTo(IncidentKind.MappingError));
        Assert.That(incident.Message, Does.StartWith("The script 'amount * 2' of scriptTask 'calc' failed:"));
        Assert.That(await Engine.Runtime.GetVariablesAsync(instance.Id), Does.Not.ContainKey("doubled"));

        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["amount"] = 21 });
        await Engine.Management.ResolveIncidentAsync(incident.Id);
        await AssertCompletedAsync(instance.Id);
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["doubled"], Is.EqualTo(42));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "calc", "end" }));
    }
}

public sealed class InMemoryScriptTaskTests : ScriptTaskTests;

public sealed class SqliteScriptTaskTests : ScriptTaskTests
{
    protected override ProcessEngineBuilder CreateBuilder() => new ProcessEngineBuilder().UseSqlite(SqliteEngineTestBase.NewDatabasePath());
}

/// <summary>Standard loops: loopCondition, loopMaximum, testBefore and loopCounter, on both stores.</summary>
public abstract class StandardLoopTests : EngineTestBase
{
    [Test]
    public async Task Tested_after_each_run_it_runs_while_the_condition_holds()
    {
        await DeployAsync("Loop.TestAfter.bpmn");
        var instance = await StartAsync("loopAfter", new { total = 0, limit = 10 });

        // loopCounter is the run's number: 0+1, +2, +3, +4 = 10, and 10 < 10 no longer holds.
        await AssertCompletedAsync(instance.Id);
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["total"], Is.EqualTo(10));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "add", "add", "add", "add", "add", "end" }),
            "four runs, then the loop activity itself");
    }

    [Test]
    public async Task Tested_after_each_run_it_runs_once_even_if_the_condition_is_false_from_the_start()
    {
        await DeployAsync("Loop.TestAfter.bpmn");
        var instance = await StartAsync("loopAfter", new { total = 50, limit = 10 });

        await AssertCompletedAsync(instance.Id);
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["total"], Is.EqualTo(51));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "add", "add", "end" }));
    }

    [Test]
    public async Task It_stops_at_loopMaximum_even_if_the_condition_still_holds()
    {
        await DeployAsync("Loop.TestAfter.bpmn");
        var instance = await StartAsync("loopAfter", new { total = 0, limit = 1000 });

        await AssertCompletedAsync(instance.Id);
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["total"], Is.EqualTo(15), "1+2+3+4+5: five runs");
        Assert.That((await CompletedElementsAsync(instance.Id)).Count(e => e == "add"), Is.EqualTo(6));
    }

    [Test]
    public async Task Tested_before_each_run_it_may_not_run_at_all()
    {
        await DeployAsync("Loop.TestBefore.bpmn");
        var instance = await StartAsync("loopBefore", new { total = 20, limit = 10 });

        await AssertActiveAtAsync(instance.Id, "review");
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["total"], Is.EqualTo(20));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "add" }), "only the loop activity, no run");
        Assert.That((await TasksAsync(instance.Id)).Select(t => t.ElementId), Is.EqualTo(new[] { "review" }));
    }

    [Test]
    public async Task Tested_before_each_run_it_runs_until_the_condition_fails()
    {
        await DeployAsync("Loop.TestBefore.bpmn");
        var instance = await StartAsync("loopBefore", new { total = 0, limit = 10 });

        await AssertActiveAtAsync(instance.Id, "review");
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["total"], Is.EqualTo(12));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "add", "add", "add", "add", "add" }));
        await CompleteTaskAsync(instance.Id, "review");
        await AssertCompletedAsync(instance.Id);
        Assert.That((await CompletedElementsAsync(instance.Id))[^1], Is.EqualTo("end"));
    }

    [Test]
    public async Task A_user_task_loop_opens_one_task_per_run_with_its_loopCounter()
    {
        await DeployAsync("Loop.UserTask.bpmn");
        var instance = await StartAsync("loopReview");

        for (var run = 1; run <= 3; run++)
        {
            await AssertActiveAtAsync(instance.Id, "review");
            var task = await SingleTaskAsync(instance.Id, "review");
            Assert.That((await Engine.Tasks.GetVariablesAsync(task.Id))["loopCounter"], Is.EqualTo(run));
            await CompleteTaskAsync(instance.Id, "review", new { approved = run == 3 });
        }

        await AssertCompletedAsync(instance.Id);
        Assert.That(await TasksAsync(instance.Id), Is.Empty);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "review", "review", "review", "review", "end" }));
    }

    [Test]
    public async Task A_condition_that_is_not_a_boolean_is_an_incident_on_the_run()
    {
        await DeployAsync("Loop.UserTask.bpmn");
        var instance = await StartAsync("loopReview");
        await CompleteTaskAsync(instance.Id, "review", new { approved = "quizá" });

        var incident = (await Engine.Management.ListIncidentsAsync(instance.Id)).Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKind.ConditionError));
        Assert.That(incident.Message, Does.Contain("The loop condition 'not(approved)' of userTask 'review'"));

        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["approved"] = true });
        await Engine.Management.ResolveIncidentAsync(incident.Id);
        await AssertCompletedAsync(instance.Id);
    }
}

public sealed class InMemoryStandardLoopTests : StandardLoopTests;

public sealed class SqliteStandardLoopTests : StandardLoopTests
{
    protected override ProcessEngineBuilder CreateBuilder() => new ProcessEngineBuilder().UseSqlite(SqliteEngineTestBase.NewDatabasePath());
}

/// <summary>Link events: a throw jumps to the catch of the same name in its own scope, on both stores.</summary>
public abstract class LinkEventTests : EngineTestBase
{
    [Test]
    public async Task A_link_throw_continues_at_the_link_catch_of_the_same_name()
    {
        await DeployAsync("Link.Jump.bpmn");
        var instance = await StartAsync("linked", new { amount = 1 });

        await AssertActiveAtAsync(instance.Id, "review");
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "calc", "goReview", "atReview" }));
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["amount"], Is.EqualTo(2));
        Assert.That((await TasksAsync(instance.Id)).Select(t => t.ElementId), Is.EqualTo(new[] { "review" }));

        await CompleteTaskAsync(instance.Id, "review");
        await AssertCompletedAsync(instance.Id);
        Assert.That((await CompletedElementsAsync(instance.Id))[^1], Is.EqualTo("end"));
    }

    [Test]
    public async Task A_link_in_a_sub_process_lands_in_that_sub_process_not_outside()
    {
        await DeployAsync("Link.InSubProcess.bpmn");
        var instance = await StartAsync("linkedSub");

        await AssertActiveAtAsync(instance.Id, "inner");
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "subStart", "jump", "land" }));
        await CompleteTaskAsync(instance.Id, "inner");
        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "subStart", "jump", "land", "inner", "subEnd", "sub", "end" }));
    }
}

public sealed class InMemoryLinkEventTests : LinkEventTests;

public sealed class SqliteLinkEventTests : LinkEventTests
{
    protected override ProcessEngineBuilder CreateBuilder() => new ProcessEngineBuilder().UseSqlite(SqliteEngineTestBase.NewDatabasePath());
}
