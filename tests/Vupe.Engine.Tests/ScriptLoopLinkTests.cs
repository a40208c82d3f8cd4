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
    public async Task A_running_loop_is_not_migrated_and_says_it_is_a_loop()
    {
        await DeployAsync("Loop.UserTask.bpmn");
        var instance = await StartAsync("loopReview");
        // Version 2: the same loop, renamed.
        await Engine.Repository.DeployAsync("v2", [new DeploymentResource("Loop.UserTask.bpmn",
            Bpmn("Loop.UserTask.bpmn").Replace("<bpmn:userTask id=\"review\">", "<bpmn:userTask id=\"review\" name=\"Revisar\">", StringComparison.Ordinal))]);

        var reasons = await Engine.Runtime.CheckMigrationAsync(instance.Id, "loopReview:2");

        Assert.That(reasons, Has.Some.Contains("'review' es una actividad que se repite (bucle estándar) en curso"));
        Assert.That(reasons, Has.None.Contains("instancias múltiples"));
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

        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start" }), "the run is not recorded as completed before its condition is");

        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["approved"] = true });
        await Engine.Management.ResolveIncidentAsync(incident.Id);
        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "review", "review", "end" }), "the run once, then the loop");
    }

    [Test]
    public async Task A_looping_sub_process_runs_its_whole_content_each_time()
    {
        await DeployAsync("Loop.SubProcess.bpmn");
        var instance = await StartAsync("loopSub", new { log = Array.Empty<int>() });

        await AssertActiveAtAsync(instance.Id, "check");
        await CompleteTaskAsync(instance.Id, "check");
        await AssertActiveAtAsync(instance.Id, "check");
        await CompleteTaskAsync(instance.Id, "check");

        await AssertCompletedAsync(instance.Id);
        Assert.That((List<object?>)(await Engine.Runtime.GetVariablesAsync(instance.Id))["log"]!, Is.EqualTo(new object?[] { 1, 2 }));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[]
        {
            "start",
            "roundStart", "note", "check", "roundEnd", "round",
            "roundStart", "note", "check", "roundEnd", "round",
            "round", "end",
        }));
    }

    [Test]
    public async Task A_boundary_timer_spans_every_run_and_interrupts_the_loop()
    {
        await DeployAsync("Loop.Boundary.bpmn");
        var instance = await StartAsync("loopDeadline");

        await AdvanceAsync(TimeSpan.FromDays(2));
        await CompleteTaskAsync(instance.Id, "review", new { approved = false });
        await AssertActiveAtAsync(instance.Id, "review");
        Assert.That(await Engine.Management.ListJobsAsync(instance.Id), Has.Count.EqualTo(1), "one timer for the whole loop, not one per run");

        await AdvanceAsync(TimeSpan.FromDays(1));
        await AssertActiveAtAsync(instance.Id, "escalate");
        Assert.That((await TasksAsync(instance.Id)).Select(t => t.ElementId), Is.EqualTo(new[] { "escalate" }));
        await CompleteTaskAsync(instance.Id, "escalate");
        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "review", "late", "escalate", "lateEnd" }));
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

/// <summary>What deployment refuses about script tasks, standard loops and link events (English texts).</summary>
public sealed class ScriptLoopLinkDeploymentTests : EngineTestBase
{
    private static string Process(string body) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="t">
        <bpmn:process id="p" isExecutable="true">
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a" />
        {body}
        </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<List<(string? ElementId, string Message)>> ProblemsAsync(string body)
    {
        var e = await Assert.ThrowsAsync<DeploymentException>(() => Engine.Repository.DeployAsync("bad", [new DeploymentResource("bad.bpmn", Process(body))]));
        Assert.That(await Engine.Repository.ListDefinitionsAsync(), Is.Empty, "a rejected deployment stores nothing");
        return [.. e!.Problems.Select(p => (p.ElementId, p.Message))];
    }

    private async Task DeploysAsync(string body) =>
        Assert.That((await Engine.Repository.DeployAsync("ok", [new DeploymentResource("ok.bpmn", Process(body))])).Definitions.Single().Key, Is.EqualTo("p"));

    [Test]
    public async Task A_javascript_or_groovy_script_is_refused()
    {
        var problems = await ProblemsAsync("""<bpmn:scriptTask id="a" scriptFormat="javascript" vupe:resultVariable="x"><bpmn:script>1 + 1</bpmn:script></bpmn:scriptTask>""");
        Assert.That(problems, Is.EqualTo(new[]
        {
            ((string?)"a", "Script format 'javascript' is not supported: a script task's script is a FEEL expression (scriptFormat=\"feel\" or none)."),
        }));
    }

    [Test]
    public async Task A_script_task_needs_a_script_and_a_result_variable()
    {
        var problems = await ProblemsAsync("""<bpmn:scriptTask id="a" />""");
        Assert.That(problems, Is.EquivalentTo(new[]
        {
            ((string?)"a", "A script task needs a <script> with a FEEL expression."),
            ("a", "A script task needs vupe:resultVariable naming the variable that keeps the script's value."),
        }));
    }

    [Test]
    public async Task A_script_with_invalid_FEEL_is_named()
    {
        var problems = await ProblemsAsync("""<bpmn:scriptTask id="a" vupe:resultVariable="x"><bpmn:script>= if x then</bpmn:script></bpmn:scriptTask>""");
        Assert.That(problems.Single().ElementId, Is.EqualTo("a"));
        Assert.That(problems.Single().Message, Does.StartWith("Invalid FEEL in the script:"));
    }

    [Test]
    public async Task A_script_without_a_format_is_FEEL()
    {
        await DeploysAsync("""<bpmn:scriptTask id="a" vupe:resultVariable="x"><bpmn:script>= 1 + 1</bpmn:script></bpmn:scriptTask>""");
    }

    [Test]
    public async Task A_standard_loop_that_never_waits_needs_a_loopMaximum()
    {
        var problems = await ProblemsAsync("""
            <bpmn:scriptTask id="a" vupe:resultVariable="n">
              <bpmn:standardLoopCharacteristics><bpmn:loopCondition>n &lt; 10</bpmn:loopCondition></bpmn:standardLoopCharacteristics>
              <bpmn:script>n + 1</bpmn:script>
            </bpmn:scriptTask>
            """);
        Assert.That(problems, Is.EqualTo(new[]
        {
            ((string?)"a", "The standard loop of scriptTask 'a' never waits and has no loopMaximum, so it could run for ever; add a loopMaximum."),
        }));

        await DeploysAsync("""
            <bpmn:scriptTask id="a" vupe:resultVariable="n">
              <bpmn:standardLoopCharacteristics loopMaximum="100"><bpmn:loopCondition>n &lt; 10</bpmn:loopCondition></bpmn:standardLoopCharacteristics>
              <bpmn:script>n + 1</bpmn:script>
            </bpmn:scriptTask>
            """);
    }

    [Test]
    [SetUICulture("es-PE")]
    public async Task Under_a_Spanish_ui_culture_the_loop_and_script_problems_are_Spanish()
    {
        var problems = await ProblemsAsync("""
            <bpmn:scriptTask id="a" vupe:resultVariable="n">
              <bpmn:standardLoopCharacteristics><bpmn:loopCondition>n &lt; 10</bpmn:loopCondition></bpmn:standardLoopCharacteristics>
              <bpmn:script>n + 1</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="b" />
            <bpmn:scriptTask id="b" scriptFormat="groovy" vupe:resultVariable="x"><bpmn:script>1</bpmn:script></bpmn:scriptTask>
            """);
        Assert.That(problems, Is.EquivalentTo(new[]
        {
            ((string?)"a", "El bucle estándar de la tarea de script «a» nunca espera y no tiene «loopMaximum», así que podría repetirse sin fin; agregue un «loopMaximum»."),
            ("b", "El formato de script «groovy» no está soportado: el script de una tarea de script es una expresión FEEL (scriptFormat=\"feel\" o ninguno)."),
        }));
    }

    [Test]
    public async Task A_standard_loop_around_a_sub_process_that_waits_needs_no_maximum()
    {
        await DeploysAsync("""
            <bpmn:subProcess id="a">
              <bpmn:standardLoopCharacteristics><bpmn:loopCondition>not(done)</bpmn:loopCondition></bpmn:standardLoopCharacteristics>
              <bpmn:startEvent id="s" />
              <bpmn:sequenceFlow id="s1" sourceRef="s" targetRef="t" />
              <bpmn:userTask id="t" />
            </bpmn:subProcess>
            """);
    }

    [Test]
    public async Task A_standard_loop_needs_a_condition_or_a_maximum_and_a_valid_maximum()
    {
        Assert.That(await ProblemsAsync("""<bpmn:userTask id="a"><bpmn:standardLoopCharacteristics testBefore="true" /></bpmn:userTask>"""),
            Is.EqualTo(new[] { ((string?)"a", "A standard loop needs a loopCondition, a loopMaximum or both.") }));
        Assert.That(await ProblemsAsync("""<bpmn:userTask id="a"><bpmn:standardLoopCharacteristics loopMaximum="0" /></bpmn:userTask>"""),
            Is.EqualTo(new[] { ((string?)"a", "loopMaximum must be a whole number of at least 1, not '0'.") }));
    }

    [Test]
    public async Task A_standard_loop_and_multi_instance_on_one_activity_are_refused()
    {
        var problems = await ProblemsAsync("""
            <bpmn:userTask id="a">
              <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
              <bpmn:standardLoopCharacteristics loopMaximum="3" />
            </bpmn:userTask>
            """);
        Assert.That(problems, Is.EqualTo(new[]
        {
            ((string?)"a", "An activity has either standardLoopCharacteristics or multiInstanceLoopCharacteristics, not both."),
        }));
    }

    [Test]
    public async Task A_link_throw_needs_a_catch_of_the_same_name_in_its_scope()
    {
        var problems = await ProblemsAsync("""
            <bpmn:intermediateThrowEvent id="a"><bpmn:linkEventDefinition name="toEnd" /></bpmn:intermediateThrowEvent>
            <bpmn:intermediateCatchEvent id="c"><bpmn:linkEventDefinition name="elsewhere" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="c" targetRef="end" />
            <bpmn:endEvent id="end" />
            """);
        Assert.That(problems, Is.EqualTo(new[]
        {
            ((string?)"a", "No intermediate catch event with link 'toEnd' in the same scope catches this link throw event."),
        }));
    }

    [Test]
    public async Task Two_link_catches_of_one_name_in_a_scope_are_refused()
    {
        var problems = await ProblemsAsync("""
            <bpmn:intermediateThrowEvent id="a"><bpmn:linkEventDefinition name="next" /></bpmn:intermediateThrowEvent>
            <bpmn:intermediateCatchEvent id="c1"><bpmn:linkEventDefinition name="next" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="c2"><bpmn:linkEventDefinition name="next" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="c1" targetRef="end" />
            <bpmn:sequenceFlow id="f3" sourceRef="c2" targetRef="end" />
            <bpmn:endEvent id="end" />
            """);
        Assert.That(problems, Is.EqualTo(new[] { ((string?)"c2", "More than one intermediate catch event in this scope has link 'next'.") }));
    }

    [Test]
    public async Task Link_events_take_no_flows_on_their_jumping_side()
    {
        var problems = await ProblemsAsync("""
            <bpmn:intermediateThrowEvent id="a"><bpmn:linkEventDefinition name="next" /></bpmn:intermediateThrowEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="c" />
            <bpmn:intermediateCatchEvent id="c"><bpmn:linkEventDefinition name="next" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="c" targetRef="end" />
            <bpmn:endEvent id="end" />
            """);
        Assert.That(problems, Is.EquivalentTo(new[]
        {
            ((string?)"c", "A link catch event cannot have incoming sequence flows: tokens reach it only through its link throw events."),
            ("a", "A link throw event cannot have outgoing sequence flows: the token continues at its link catch event."),
        }));
    }

    [Test]
    public async Task A_link_needs_a_name()
    {
        var problems = await ProblemsAsync("""<bpmn:intermediateThrowEvent id="a"><bpmn:linkEventDefinition /></bpmn:intermediateThrowEvent>""");
        Assert.That(problems, Is.EqualTo(new[] { ((string?)"a", "A link event definition needs a name.") }));
    }

    [Test]
    public async Task A_loop_closed_by_a_link_without_a_wait_state_is_still_refused()
    {
        var problems = await ProblemsAsync("""
            <bpmn:task id="a" />
            <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="back" />
            <bpmn:intermediateThrowEvent id="back"><bpmn:linkEventDefinition name="again" /></bpmn:intermediateThrowEvent>
            <bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="again" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="land" targetRef="a" />
            """);
        Assert.That(problems.Single().Message, Does.StartWith("The loop a → back → land has no wait state"));
    }
}
