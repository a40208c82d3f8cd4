namespace Vupe.Engine.Tests;

/// <summary>
/// Escalations (BPMN 2.0.2, 10.5.4): thrown to the nearest enclosing catch, which may interrupt or not; through
/// a call activity to its boundary events; uncaught, they are no error and the thrower simply goes on.
/// </summary>
public abstract class EscalationTests : EngineTestBase
{
    [Test]
    public async Task An_interrupting_boundary_event_catches_the_escalation_and_cancels_the_sub_process()
    {
        await DeployAsync("Escalation.BoundaryInterrupting.bpmn");
        var instance = await StartAsync("escInterrupting");

        await AssertActiveAtAsync(instance.Id, "supervise");
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "subStart", "onLate" }));
        Assert.That(await CancelledElementsAsync(instance.Id), Is.EqualTo(new[] { "throwLate", "sub" }));
        Assert.That((await TasksAsync(instance.Id)).Select(t => t.ElementId), Is.EqualTo(new[] { "supervise" }));
        var thrown = (await Engine.History.ForInstanceAsync(instance.Id)).Single(h => h.EventType == HistoryEventTypes.EscalationThrown);
        Assert.That((thrown.ElementId, thrown.Details), Is.EqualTo(("throwLate", """{"escalationCode":"LATE"}""")));

        await CompleteTaskAsync(instance.Id, "supervise");
        await AssertCompletedAsync(instance.Id);
        Assert.That((await CompletedElementsAsync(instance.Id))[^1], Is.EqualTo("supervisedEnd"));
    }

    [Test]
    public async Task A_non_interrupting_boundary_event_catches_the_escalation_and_the_thrower_goes_on()
    {
        await DeployAsync("Escalation.BoundaryNonInterrupting.bpmn");
        var instance = await StartAsync("escNonInterrupting");

        await AssertActiveAtAsync(instance.Id, "work", "supervise");
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "subStart", "onLate", "throwLate" }));
        Assert.That(await CancelledElementsAsync(instance.Id), Is.Empty);

        await CompleteTaskAsync(instance.Id, "work");
        await AssertActiveAtAsync(instance.Id, "supervise");
        await CompleteTaskAsync(instance.Id, "supervise");

        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[]
        {
            "start", "subStart", "onLate", "throwLate", "work", "subEnd", "sub", "end", "supervise", "supervisedEnd",
        }));
    }

    [Test]
    public async Task An_escalation_end_event_completes_and_starts_the_event_sub_process_that_catches_any_escalation()
    {
        await DeployAsync("Escalation.EventSubProcess.bpmn");
        var instance = await StartAsync("escEsp");

        await CompleteTaskAsync(instance.Id, "work", new { reason = "documentos incompletos" });

        await AssertActiveAtAsync(instance.Id, "help");
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "subStart", "work", "askHelp", "escStart" }));
        Assert.That(await CancelledElementsAsync(instance.Id), Is.EqualTo(new[] { "sub" }), "the interrupting event sub-process cancels the scope, not the end event");
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["reason"], Is.EqualTo("documentos incompletos"));

        await CompleteTaskAsync(instance.Id, "help");
        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Does.Not.Contain("end"));
    }

    [Test]
    public async Task An_escalation_in_a_called_process_reaches_the_call_activity_boundary_and_the_child_goes_on()
    {
        await DeployAsync("Escalation.CallChild.bpmn", "Escalation.CallParent.bpmn");
        var parent = await StartAsync("escParent");

        await AssertActiveAtAsync(parent.Id, "call", "help");
        var child = (await Engine.Runtime.ListInstancesAsync(parent.CaseId)).Single(i => i.Id != parent.Id);
        await AssertActiveAtAsync(child.Id, "childWork");
        Assert.That(await CompletedElementsAsync(child.Id), Is.EqualTo(new[] { "childStart", "askHelp" }));
        Assert.That(await CompletedElementsAsync(parent.Id), Is.EqualTo(new[] { "start", "onHelp" }));

        await CompleteTaskAsync(child.Id, "childWork");

        await AssertCompletedAsync(child.Id);
        await AssertActiveAtAsync(parent.Id, "after", "help");
        await CompleteTaskAsync(parent.Id, "help");
        await CompleteTaskAsync(parent.Id, "after");
        await AssertCompletedAsync(parent.Id);
        Assert.That(await CompletedElementsAsync(parent.Id), Is.EqualTo(new[] { "start", "onHelp", "call", "help", "helpEnd", "after", "end" }));
    }

    [Test]
    public async Task An_interrupting_call_activity_boundary_cancels_the_called_instance_that_escalated()
    {
        await DeployAsync("Escalation.CallChild.bpmn", "Escalation.CallParentInterrupting.bpmn");
        var parent = await StartAsync("escParentInterrupting");

        await AssertActiveAtAsync(parent.Id, "help");
        var child = (await Engine.Runtime.ListInstancesAsync(parent.CaseId)).Single(i => i.Id != parent.Id);
        await AssertCompletedAsync(child.Id, InstanceStatus.Cancelled);
        Assert.That(await CompletedElementsAsync(child.Id), Is.EqualTo(new[] { "childStart" }));
        Assert.That(await CancelledElementsAsync(child.Id), Is.EqualTo(new[] { "askHelp" }), "the thrower does not go on");
        Assert.That(await CancelledElementsAsync(parent.Id), Is.EqualTo(new[] { "call" }));
        Assert.That((await TasksAsync(child.Id)), Is.Empty);

        await CompleteTaskAsync(parent.Id, "help");
        await AssertCompletedAsync(parent.Id);
        Assert.That(await CompletedElementsAsync(parent.Id), Is.EqualTo(new[] { "start", "onHelp", "help", "helpEnd" }));
    }

    [Test]
    public async Task A_non_interrupting_event_sub_process_catches_an_escalation_end_event_whose_token_ends()
    {
        await DeployAsync("Escalation.EventSubProcessNonInterrupting.bpmn");
        var instance = await StartAsync("escEspNonInterrupting");

        await AssertActiveAtAsync(instance.Id, "work", "note");
        Assert.That((await TasksAsync(instance.Id)).Select(t => t.ElementId).Order(), Is.EqualTo(new[] { "note", "work" }));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "fork", "askHelp", "helpStart" }));

        await CompleteTaskAsync(instance.Id, "work");
        await AssertActiveAtAsync(instance.Id, "note");
        await CompleteTaskAsync(instance.Id, "note");
        await AssertCompletedAsync(instance.Id);
        Assert.That((await CompletedElementsAsync(instance.Id))[4..], Is.EqualTo(new[] { "work", "end", "note", "noteEnd", "onHelp" }));
    }

    [Test]
    public async Task An_uncaught_escalation_is_no_error_the_thrower_goes_on_and_the_end_event_ends()
    {
        await DeployAsync("Escalation.Uncaught.bpmn");
        var instance = await StartAsync("escUncaught");

        await AssertActiveAtAsync(instance.Id, "work");
        await CompleteTaskAsync(instance.Id, "work");

        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "notice", "work", "noticeEnd" }));
        Assert.That(await Engine.Management.ListIncidentsAsync(instance.Id, openOnly: false), Is.Empty);
        var history = await Engine.History.ForInstanceAsync(instance.Id);
        Assert.That(history.Where(h => h.EventType == HistoryEventTypes.EscalationThrown).Select(h => h.ElementId), Is.EqualTo(new[] { "notice", "noticeEnd" }));
    }

    [Test]
    public async Task A_thrown_escalation_must_name_a_declared_escalation()
    {
        var e = await Assert.ThrowsAsync<DeploymentException>(() => Engine.Repository.DeployAsync("esc", [new DeploymentResource("esc.bpmn", """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t1" />
                <bpmn:intermediateThrowEvent id="t1"><bpmn:escalationEventDefinition /></bpmn:intermediateThrowEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="t1" targetRef="e" />
                <bpmn:endEvent id="e"><bpmn:escalationEventDefinition escalationRef="missing" /></bpmn:endEvent>
                <bpmn:startEvent id="s2"><bpmn:escalationEventDefinition /></bpmn:startEvent>
              </bpmn:process>
            </bpmn:definitions>
            """)]));
        var problems = e!.Problems.ToDictionary(p => p.ElementId!, p => p.Message);
        Assert.That(problems["t1"], Does.StartWith("An escalation that is thrown needs an escalationRef"));
        Assert.That(problems["e"], Is.EqualTo("escalationRef 'missing' does not name a declared <escalation>."));
        Assert.That(problems["s2"], Is.EqualTo("An escalation start event is only allowed in an event sub-process."));
    }

    private async Task<List<string>> CancelledElementsAsync(Guid instanceId) =>
        [.. (await Engine.History.ForInstanceAsync(instanceId)).Where(h => h.EventType == HistoryEventTypes.ElementCancelled).Select(h => h.ElementId!)];
}

public sealed class InMemoryEscalationTests : EscalationTests;

public sealed class SqliteEscalationTests : EscalationTests
{
    protected override ProcessEngineBuilder CreateBuilder() => new ProcessEngineBuilder().UseSqlite(SqliteEngineTestBase.NewDatabasePath());
}
