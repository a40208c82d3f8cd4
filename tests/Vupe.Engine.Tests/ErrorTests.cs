namespace Vupe.Engine.Tests;

public sealed class ErrorTests : EngineTestBase
{
    private bool _valid;

    [SetUp]
    public void AllDocumentsValid() => _valid = true;

    protected override void Configure(ProcessEngineBuilder builder) =>
        builder.AddTaskHandler("validate", c => c.ElementId == "call" && !_valid
            ? throw new BpmnErrorException("DOC_INVALID", "El DNI no coincide")
            : new Dictionary<string, object?> { ["valid"] = _valid });

    [Test]
    public async Task Error_end_event_in_a_sub_process_is_caught_by_the_boundary_event()
    {
        _valid = false;
        await DeployAsync("Error.SubProcessBoundary.bpmn");
        var instance = await StartAsync("checkDocs");
        await AssertActiveAtAsync(instance.Id, "fix");
        var history = await Engine.History.ForInstanceAsync(instance.Id);
        Assert.That(history.Any(h => h.EventType == HistoryEventTypes.ErrorThrown && h.Details!.Contains("DOC_INVALID")));
    }

    [Test]
    public async Task An_error_end_event_completes_before_its_error_propagates()
    {
        _valid = false;
        await DeployAsync("Error.SubProcessBoundary.bpmn");
        var instance = await StartAsync("checkDocs");

        var history = await Engine.History.ForInstanceAsync(instance.Id);
        var ofEnd = history.Where(h => h.ElementId == "invalidEnd").Select(h => h.EventType).ToList();
        Assert.That(ofEnd, Is.EqualTo(new[] { HistoryEventTypes.ElementStarted, HistoryEventTypes.ErrorThrown, HistoryEventTypes.ElementCompleted }),
            "reached, throws, completes (BPMN 2.0.2, 13.5.6) — never cancelled");
        Assert.That(history.Where(h => h.EventType == HistoryEventTypes.ElementCancelled).Select(h => h.ElementId), Is.EqualTo(new[] { "sub" }));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "subStart", "validate", "subGw", "invalidEnd", "onInvalid" }));
    }

    [Test]
    public async Task An_error_end_event_inside_an_event_sub_process_completes_and_reaches_the_boundary_outside()
    {
        await DeployAsync("Error.EndInEventSubProcess.bpmn");
        var instance = await StartAsync("espThrows");
        await AssertActiveAtAsync(instance.Id, "work");

        await Engine.Runtime.CorrelateMessageAsync("problem", null);

        await AssertActiveAtAsync(instance.Id, "supervise");
        var history = await Engine.History.ForInstanceAsync(instance.Id);
        Assert.That(history.Where(h => h.ElementId == "raise").Select(h => h.EventType),
            Is.EqualTo(new[] { HistoryEventTypes.ElementStarted, HistoryEventTypes.ErrorThrown, HistoryEventTypes.ElementCompleted }));
        Assert.That(history.Where(h => h.EventType == HistoryEventTypes.ElementCancelled).Select(h => h.ElementId),
            Is.EqualTo(new[] { "work", "onProblem", "sub" }), "the interrupted task, then the scopes the error leaves");
        Assert.That((await TasksAsync(instance.Id)).Select(t => t.ElementId), Is.EqualTo(new[] { "supervise" }));
    }

    [Test]
    public async Task An_uncaught_error_end_event_stays_with_an_incident_and_is_not_completed()
    {
        await DeployAsync("Error.EndUncaught.bpmn");
        var instance = await StartAsync("nobodyCatches");

        await AssertActiveAtAsync(instance.Id, "fail");
        var incident = (await Engine.Management.ListIncidentsAsync(instance.Id)).Single();
        Assert.That((incident.Kind, incident.ElementId), Is.EqualTo((IncidentKind.UnhandledError, "fail")));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start" }));
    }

    [Test]
    public async Task Without_an_error_the_sub_process_completes_normally()
    {
        await DeployAsync("Error.SubProcessBoundary.bpmn");
        var instance = await StartAsync("checkDocs");
        await AssertActiveAtAsync(instance.Id, "accepted");
    }

    [Test]
    public async Task A_handler_business_error_starts_the_error_event_sub_process()
    {
        _valid = false;
        await DeployAsync("Error.EventSubProcess.bpmn");
        var instance = await StartAsync("guarded");
        await AssertActiveAtAsync(instance.Id, "review");
        await CompleteTaskAsync(instance.Id, "review");
        await AssertCompletedAsync(instance.Id);
    }

    [Test]
    public async Task An_error_nobody_catches_becomes_an_incident_at_the_thrower()
    {
        _valid = false;
        await DeployAsync("Error.Unhandled.bpmn");
        var instance = await StartAsync("unguarded");
        var incident = (await Engine.Management.ListIncidentsAsync(instance.Id)).Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKind.UnhandledError));
        Assert.That(incident.Message, Does.Contain("DOC_INVALID"));
        Assert.That(incident.ElementId, Is.EqualTo("call"));
    }
}

public sealed class EventSubProcessTests : EngineTestBase
{
    [Test]
    public async Task Non_interrupting_message_runs_beside_the_main_flow_each_time()
    {
        await DeployAsync("EventSubProcess.Messages.bpmn");
        var instance = await StartAsync("withNotes", new { caseRef = "N1" });
        await Engine.Runtime.CorrelateMessageAsync("caseNote", "N1");
        await Engine.Runtime.CorrelateMessageAsync("caseNote", "N1");
        Assert.That(HandlerCalls, Is.EqualTo(new[] { "logNote", "logNote" }));
        await AssertActiveAtAsync(instance.Id, "attend");
        await CompleteTaskAsync(instance.Id, "attend");
        await AssertCompletedAsync(instance.Id);
    }

    [Test]
    public async Task Interrupting_message_cancels_the_main_flow_and_ends_the_instance()
    {
        await DeployAsync("EventSubProcess.Messages.bpmn");
        var instance = await StartAsync("withNotes", new { caseRef = "N2" });
        await Engine.Runtime.CorrelateMessageAsync("cancelCase", "N2");
        await AssertCompletedAsync(instance.Id);
        Assert.That(await TasksAsync(instance.Id), Is.Empty);
        var late = await Engine.Runtime.CorrelateMessageAsync("caseNote", "N2");
        Assert.That(late.DeliveredTo, Is.Empty, "the subscriptions ended with the instance");
    }
}

public sealed class SubProcessTests : EngineTestBase
{
    [Test]
    public async Task Input_mappings_are_local_to_the_sub_process_and_outputs_come_back()
    {
        await DeployAsync("SubProcess.Mappings.bpmn");
        var instance = await StartAsync("subMap", new { income = 2000 });
        var inner = await SingleTaskAsync(instance.Id, "inner");
        Assert.That((await Engine.Tasks.GetVariablesAsync(inner.Id))["yearly"], Is.EqualTo(24000m));

        await Engine.Tasks.CompleteAsync(inner.Id);

        await AssertActiveAtAsync(instance.Id, "after");
        var variables = await Engine.Runtime.GetVariablesAsync(instance.Id);
        Assert.That(variables["aboveThreshold"], Is.EqualTo(true));
        Assert.That(variables.ContainsKey("yearly"), Is.False, "locals of the sub-process do not leak");
    }

    [Test]
    public async Task Terminate_end_event_ends_every_branch()
    {
        await DeployAsync("Terminate.bpmn");
        var instance = await StartAsync("terminating");
        await CompleteTaskAsync(instance.Id, "b");
        await AssertCompletedAsync(instance.Id, InstanceStatus.Terminated);
        Assert.That(await TasksAsync(instance.Id), Is.Empty);
    }
}
