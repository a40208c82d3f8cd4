using Vupe.Testing;

namespace Vupe.Engine.Tests;

/// <summary>
/// Compensation (BPMN 2.0.2, 10.5.6): a throw undoes the completed activities of its scope — one, or all in reverse
/// completion order — through the handlers associated to their compensation boundary events, or a completed
/// sub-process's compensation event sub-process, and waits for them; activities not completed are left alone.
/// Each handler appends its name to the list variable "log", so the order of the undoing is visible in the data too.
/// </summary>
public abstract class CompensationTests : EngineTestBase
{
    private static readonly object EmptyLog = new { log = Array.Empty<string>() };

    [Test]
    public async Task A_compensation_end_event_undoes_every_completed_activity_last_first()
    {
        await DeployAsync("Compensation.EndAll.bpmn");
        var instance = await StartAsync("compAll", EmptyLog);
        await AssertActiveAtAsync(instance.Id, "review");

        await CompleteTaskAsync(instance.Id, "review", new { cancel = true });

        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "charge", "reserve", "review", "decide", "release", "refund", "compEnd" }));
        Assert.That(await LogAsync(instance.Id), Is.EqualTo(new[] { "charge", "reserve", "release", "refund" }));
        var thrown = (await Engine.History.ForInstanceAsync(instance.Id)).Single(h => h.EventType == HistoryEventTypes.CompensationThrown);
        Assert.That((thrown.ElementId, thrown.Details), Is.EqualTo(("compEnd", """{"activityRef":null}""")));
        Assert.That(await TasksAsync(instance.Id), Is.Empty);
    }

    [Test]
    public async Task Without_a_compensation_throw_no_handler_runs()
    {
        await DeployAsync("Compensation.EndAll.bpmn");
        var instance = await StartAsync("compAll", EmptyLog);

        await CompleteTaskAsync(instance.Id, "review", new { cancel = false });

        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "charge", "reserve", "review", "decide", "end" }));
        Assert.That(await LogAsync(instance.Id), Is.EqualTo(new[] { "charge", "reserve" }));
    }

    [Test]
    public async Task A_throw_with_an_activity_ref_undoes_only_that_activity()
    {
        await DeployAsync("Compensation.ActivityRef.bpmn");
        var instance = await StartAsync("compRef", EmptyLog);

        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "charge", "reserve", "refund", "compCharge" }));
        Assert.That(await LogAsync(instance.Id), Is.EqualTo(new[] { "charge", "reserve", "refund" }));
        var thrown = (await Engine.History.ForInstanceAsync(instance.Id)).Single(h => h.EventType == HistoryEventTypes.CompensationThrown);
        Assert.That(thrown.Details, Is.EqualTo("""{"activityRef":"charge"}"""));
    }

    [Test]
    public async Task Activities_still_running_or_never_reached_are_not_compensated()
    {
        await DeployAsync("Compensation.NotCompleted.bpmn");
        var instance = await StartAsync("compNotCompleted", EmptyLog);

        await AssertActiveAtAsync(instance.Id, "after", "ship");
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "fork", "charge", "refund", "compensate" }));
        Assert.That(await LogAsync(instance.Id), Is.EqualTo(new[] { "charge", "refund" }));

        await CompleteTaskAsync(instance.Id, "ship");
        await CompleteTaskAsync(instance.Id, "after");
        await AssertCompletedAsync(instance.Id);
        Assert.That(await LogAsync(instance.Id), Is.EqualTo(new[] { "charge", "refund", "reserve" }), "ship's handler never ran");
    }

    [Test]
    public async Task A_throw_with_nothing_completed_to_compensate_just_goes_on()
    {
        await DeployAsync("Compensation.Nothing.bpmn");
        var instance = await StartAsync("compNothing", EmptyLog);

        await AssertActiveAtAsync(instance.Id, "work");
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "compensate" }));
        Assert.That((await Engine.History.ForInstanceAsync(instance.Id)).Count(h => h.EventType == HistoryEventTypes.CompensationThrown), Is.EqualTo(1));

        await CompleteTaskAsync(instance.Id, "work");
        await AssertCompletedAsync(instance.Id);
        Assert.That(await LogAsync(instance.Id), Is.EqualTo(new[] { "charge" }));
    }

    [Test]
    public async Task An_intermediate_throw_waits_for_a_user_task_handler_then_goes_on()
    {
        await DeployAsync("Compensation.UserTaskHandler.bpmn");
        var instance = await StartAsync("compUserTask", EmptyLog);

        await AssertActiveAtAsync(instance.Id, "compensate", "refundByHand"); // the throw event waits for its handler
        Assert.That((await TasksAsync(instance.Id)).Select(t => t.ElementId), Is.EqualTo(new[] { "refundByHand" }));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "charge" }));

        await CompleteTaskAsync(instance.Id, "refundByHand", new { refunded = 120 });

        await AssertActiveAtAsync(instance.Id, "after");
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "charge", "refundByHand", "compensate" }));
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["refunded"], Is.EqualTo(120));
        await CompleteTaskAsync(instance.Id, "after");
        await AssertCompletedAsync(instance.Id);
    }

    [Test]
    public async Task A_completed_sub_process_is_undone_by_its_compensation_event_sub_process()
    {
        await DeployAsync("Compensation.EventSubProcess.bpmn");
        var instance = await StartAsync("compEsp", EmptyLog);
        await AssertActiveAtAsync(instance.Id, "review");

        await CompleteTaskAsync(instance.Id, "review");

        await AssertCompletedAsync(instance.Id);
        Assert.That(await LogAsync(instance.Id), Is.EqualTo(new[] { "book", "notify", "unbook" }));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[]
        {
            "start", "subStart", "book", "subEnd", "sub", "review", "espStart", "notify", "unbook", "undoInner", "espEnd", "undoSub", "compEnd",
        }));
    }

    [Test]
    public async Task A_completed_sub_process_without_an_event_sub_process_is_undone_activity_by_activity()
    {
        await DeployAsync("Compensation.SubProcessDefault.bpmn");
        var instance = await StartAsync("compSubDefault", EmptyLog);

        await AssertCompletedAsync(instance.Id);
        Assert.That(await LogAsync(instance.Id), Is.EqualTo(new[] { "book", "pay", "notify", "retract", "refund", "unbook" }));
        Assert.That((await CompletedElementsAsync(instance.Id))[^4..], Is.EqualTo(new[] { "retract", "refund", "unbook", "compEnd" }));
    }

    [Test]
    public async Task Each_completed_iteration_of_a_multi_instance_activity_is_compensated_once()
    {
        await DeployAsync("Compensation.MultiInstance.bpmn");
        var instance = await StartAsync("compMulti", new { log = Array.Empty<string>(), rooms = new[] { "101", "102", "103" } });
        await AssertActiveAtAsync(instance.Id, "review");

        await CompleteTaskAsync(instance.Id, "review");

        await AssertCompletedAsync(instance.Id);
        Assert.That(await LogAsync(instance.Id), Is.EqualTo(new[] { "book 101", "book 102", "book 103", "unbook", "unbook", "unbook" }));
        Assert.That((await CompletedElementsAsync(instance.Id)).Count(e => e == "unbook"), Is.EqualTo(3));
    }

    [Test]
    public async Task Each_completed_run_of_a_standard_loop_is_compensated_once()
    {
        await DeployAsync("Compensation.Loop.bpmn");
        var instance = await StartAsync("compLoop", EmptyLog);

        await AssertCompletedAsync(instance.Id);
        Assert.That(await LogAsync(instance.Id), Is.EqualTo(new[] { "book 1", "book 2", "unbook", "unbook" }));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "book", "book", "book", "unbook", "unbook", "compEnd" }));
    }

    [Test]
    public async Task An_instance_in_the_middle_of_compensating_is_not_migrated()
    {
        await DeployAsync("Compensation.UserTaskHandler.bpmn");
        var instance = await StartAsync("compUserTask", EmptyLog);
        var v2 = Bpmn("Compensation.UserTaskHandler.bpmn").Replace("<bpmn:userTask id=\"after\" />", "<bpmn:userTask id=\"after\" name=\"Después\" />");
        await Engine.Repository.DeployAsync("v2", [new DeploymentResource("Compensation.UserTaskHandler.bpmn", v2)]);

        var reasons = await Engine.Runtime.CheckMigrationAsync(instance.Id, "compUserTask:2");

        Assert.That(reasons, Has.Some.Contains("está compensando actividades ya completadas"));
        await CompleteTaskAsync(instance.Id, "refundByHand");
        Assert.That(await Engine.Runtime.CheckMigrationAsync(instance.Id, "compUserTask:2"), Is.Empty, "once compensated it can move");
    }

    [Test]
    public async Task A_compensation_boundary_event_needs_a_handler_and_a_handler_has_no_flows()
    {
        var e = await Assert.ThrowsAsync<DeploymentException>(() => Engine.Repository.DeployAsync("comp", [new DeploymentResource("comp.bpmn", """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="a" />
                <bpmn:task id="a" />
                <bpmn:boundaryEvent id="aComp" attachedToRef="a"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="b" />
                <bpmn:task id="b" />
                <bpmn:boundaryEvent id="bComp" attachedToRef="b"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
                <bpmn:task id="undoB" isForCompensation="true" />
                <bpmn:association id="as1" sourceRef="bComp" targetRef="undoB" />
                <bpmn:sequenceFlow id="f3" sourceRef="undoB" targetRef="c" />
                <bpmn:sequenceFlow id="f4" sourceRef="b" targetRef="c" />
                <bpmn:endEvent id="c"><bpmn:compensateEventDefinition activityRef="missing" /></bpmn:endEvent>
                <bpmn:task id="orphan" isForCompensation="true" />
              </bpmn:process>
            </bpmn:definitions>
            """)]));
        var problems = e!.Problems.ToDictionary(p => p.ElementId!, p => p.Message);
        Assert.That(problems["aComp"], Does.StartWith("A compensation boundary event needs an association to its compensation handler"));
        Assert.That(problems["undoB"], Is.EqualTo("A compensation handler (isForCompensation=\"true\") cannot have incoming or outgoing sequence flows."));
        Assert.That(problems["c"], Is.EqualTo("activityRef 'missing' does not name an activity in the same scope as the compensation event."));
        Assert.That(problems["orphan"], Does.Contain("no compensation boundary event is associated to it"));
        Assert.That(problems, Has.Count.EqualTo(4));
    }

    [Test]
    [SetUICulture("es-PE")]
    public async Task Compensation_problems_are_explained_in_Spanish_too()
    {
        var e = await Assert.ThrowsAsync<DeploymentException>(() => Engine.Repository.DeployAsync("comp", [new DeploymentResource("comp.bpmn", """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="a" />
                <bpmn:task id="a" />
                <bpmn:boundaryEvent id="aComp" attachedToRef="a"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="c" />
                <bpmn:endEvent id="c"><bpmn:compensateEventDefinition /></bpmn:endEvent>
              </bpmn:process>
            </bpmn:definitions>
            """)]));
        Assert.That(e!.Problems.Single().Message, Is.EqualTo(
            "Un evento de borde de compensación necesita una asociación con su manejador de compensación: una actividad con isForCompensation=\"true\"."));
    }

    private async Task<List<string>> LogAsync(Guid instanceId) =>
        [.. ((IEnumerable<object?>)(await Engine.Runtime.GetVariablesAsync(instanceId))["log"]!).Select(o => (string)o!)];
}

public sealed class InMemoryCompensationTests : CompensationTests;

public sealed class SqliteCompensationTests : CompensationTests
{
    protected override ProcessEngineBuilder CreateBuilder() => new ProcessEngineBuilder().UseSqlite(SqliteEngineTestBase.NewDatabasePath());
}

/// <summary>The instance state's JSON: states written before compensation existed still load, and the new parts round-trip.</summary>
public sealed class CompensationStateTests
{
    [Test]
    public void A_state_written_before_compensation_loads_with_nothing_to_compensate()
    {
        var old = Persistence.InstanceStateSerializer.Deserialize("""{"Executions":{"root":{"Id":"root","ElementId":"p","Wait":"Scope"},"e1":{"Id":"e1","ParentId":"root","ElementId":"review","Wait":"UserTask"}},"NextExecutionNumber":2}""");

        Assert.That(old.Compensable, Is.Null);
        Assert.That(old.Executions["e1"].Wait, Is.EqualTo(Runtime.WaitKind.UserTask));
        Assert.That(old.Executions["e1"].CompensationWaiter, Is.Null);
        Assert.That(Persistence.InstanceStateSerializer.Serialize(old), Does.Not.Contain("Compens"));
    }

    [Test]
    public void Compensable_activities_and_a_waiting_thrower_round_trip()
    {
        var state = new Runtime.InstanceState { NextCompensableNumber = 2, Compensable = [new() { Number = 2, ElementId = "charge", ScopeId = "root" }] };
        state.Executions["e3"] = new Runtime.Execution { Id = "e3", ElementId = "compensate", Wait = Runtime.WaitKind.Compensation, CompensationQueue = [2] };

        var back = Persistence.InstanceStateSerializer.Deserialize(Persistence.InstanceStateSerializer.Serialize(state));

        Assert.That(back.Compensable!.Single().ElementId, Is.EqualTo("charge"));
        Assert.That(back.NextCompensableNumber, Is.EqualTo(2));
        Assert.That(back.Executions["e3"].Wait, Is.EqualTo(Runtime.WaitKind.Compensation));
        Assert.That(back.Executions["e3"].CompensationQueue, Is.EqualTo(new[] { 2 }));
    }
}

/// <summary>An instance waiting in a compensation handler is saved in the database and goes on after a restart.</summary>
public sealed class CompensationRestartTests : SqliteEngineTestBase
{
    [Test]
    public async Task A_throw_waiting_for_a_user_task_handler_survives_a_restart()
    {
        await DeployAsync("Compensation.UserTaskHandler.bpmn");
        var instance = await StartAsync("compUserTask", new { log = Array.Empty<string>() });
        await Engine.DisposeAsync();

        await using var restarted = await new ProcessEngineBuilder().UseStore(EfEngineStore.ForSqlite(DatabasePath)).UseTimeProvider(Clock).BuildAsync();
        Assert.That((await restarted.Runtime.GetInstanceAsync(instance.Id)).ActiveElementIds, Is.EqualTo(new[] { "compensate", "refundByHand" }));
        var task = (await restarted.Tasks.QueryAsync(new TaskFilter { InstanceId = instance.Id })).Single();
        Assert.That(task.ElementId, Is.EqualTo("refundByHand"));
        await restarted.Tasks.CompleteAsync(task.Id);

        Assert.That((await restarted.Runtime.GetInstanceAsync(instance.Id)).ActiveElementIds, Is.EqualTo(new[] { "after" }));
        var completed = (await restarted.History.ForInstanceAsync(instance.Id))
            .Where(h => h.EventType == HistoryEventTypes.ElementCompleted).Select(h => h.ElementId).ToList();
        Assert.That(completed, Is.EqualTo(new[] { "start", "charge", "refundByHand", "compensate" }));
        var done = (await restarted.Tasks.QueryAsync(new TaskFilter { InstanceId = instance.Id })).Single();
        await restarted.Tasks.CompleteAsync(done.Id);
        Assert.That((await restarted.Runtime.GetInstanceAsync(instance.Id)).Status, Is.EqualTo(InstanceStatus.Completed));
    }
}
