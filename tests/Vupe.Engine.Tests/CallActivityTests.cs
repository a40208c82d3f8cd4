namespace Vupe.Engine.Tests;

public sealed class CallActivityTests : EngineTestBase
{
    [Test]
    public async Task Child_runs_in_the_same_case_with_mapped_variables_in_and_out()
    {
        await DeployAsync("CallActivity.Child.v1.bpmn", "CallActivity.Parent.bpmn");
        var parent = await StartAsync("parent", new Dictionary<string, object?> { ["applicant"] = new Dictionary<string, object?> { ["name"] = "Rosa" } });

        var children = (await Engine.Runtime.ListInstancesAsync(parent.CaseId)).Where(i => i.ProcessKey == "child").ToList();
        Assert.That(children, Has.Count.EqualTo(1));
        var child = children[0];
        Assert.That(child.ParentInstanceId, Is.EqualTo(parent.Id));
        Assert.That(child.CaseNumber, Is.EqualTo(parent.CaseNumber));
        var childVars = await Engine.Runtime.GetVariablesAsync(child.Id);
        Assert.That(childVars["name"], Is.EqualTo("Rosa"));
        Assert.That(childVars.ContainsKey("applicant"), Is.False, "only mapped inputs reach the child");

        await CompleteTaskAsync(child.Id, "cTask", new { result = "apto" });

        await AssertCompletedAsync(child.Id);
        await AssertActiveAtAsync(parent.Id, "after");
        var parentVars = await Engine.Runtime.GetVariablesAsync(parent.Id);
        Assert.That(parentVars["childResult"], Is.EqualTo("apto"));
        Assert.That(parentVars.ContainsKey("result"), Is.False, "only mapped outputs come back");
    }

    [Test]
    public async Task Latest_binding_calls_the_newest_version_and_version_binding_stays_pinned()
    {
        await DeployAsync("CallActivity.Child.v1.bpmn");
        await DeployAsync("CallActivity.Child.v2.bpmn");
        await DeployAsync("CallActivity.Parent.bpmn", "CallActivity.ParentPinned.bpmn");

        var latest = await StartAsync("parent", new Dictionary<string, object?> { ["applicant"] = new Dictionary<string, object?> { ["name"] = "x" } });
        var pinned = await StartAsync("parentPinned");

        var latestChild = (await Engine.Runtime.ListInstancesAsync(latest.CaseId)).Single(i => i.ProcessKey == "child");
        var pinnedChild = (await Engine.Runtime.ListInstancesAsync(pinned.CaseId)).Single(i => i.ProcessKey == "child");
        Assert.That(latestChild.Version, Is.EqualTo(2));
        Assert.That(pinnedChild.Version, Is.EqualTo(1));
        Assert.That((await SingleTaskAsync(pinnedChild.Id)).Name, Is.EqualTo("child version 1"));
    }

    [Test]
    public async Task Calling_a_process_that_is_not_deployed_is_an_incident_that_can_be_retried_after_deploying_it()
    {
        await DeployAsync("CallActivity.Parent.bpmn");
        var parent = await StartAsync("parent", new Dictionary<string, object?> { ["applicant"] = new Dictionary<string, object?> { ["name"] = "x" } });
        var incident = (await Engine.Management.ListIncidentsAsync(parent.Id)).Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKind.CallActivityError));
        Assert.That(incident.Message, Does.Contain("'child'"));

        await DeployAsync("CallActivity.Child.v1.bpmn");
        await Engine.Management.ResolveIncidentAsync(incident.Id);
        Assert.That((await Engine.Runtime.ListInstancesAsync(parent.CaseId)).Count(i => i.ProcessKey == "child"), Is.EqualTo(1));
    }

    [Test]
    public async Task Cancelling_the_parent_cancels_the_child()
    {
        await DeployAsync("CallActivity.Child.v1.bpmn", "CallActivity.Parent.bpmn");
        var parent = await StartAsync("parent", new Dictionary<string, object?> { ["applicant"] = new Dictionary<string, object?> { ["name"] = "x" } });
        await Engine.Runtime.CancelAsync(parent.Id, "duplicado");
        var child = (await Engine.Runtime.ListInstancesAsync(parent.CaseId)).Single(i => i.ProcessKey == "child");
        Assert.That(child.Status, Is.EqualTo(InstanceStatus.Cancelled));
        await AssertCompletedAsync(parent.Id, InstanceStatus.Cancelled);
        Assert.That((await Engine.Cases.GetAsync(parent.CaseId)).Status, Is.EqualTo(CaseStatus.Cancelled));
    }
}

public sealed class MultiInstanceTests : EngineTestBase
{
    protected override void Configure(ProcessEngineBuilder builder) =>
        builder.AddTaskHandler("refer", c => new Dictionary<string, object?> { ["referral"] = $"{c.Variables["service"]}#{c.Variables["loopCounter"]}" });

    [Test]
    public async Task Parallel_instances_stop_at_the_completion_condition_and_collect_outputs()
    {
        await DeployAsync("MultiInstance.Parallel.bpmn");
        var instance = await StartAsync("miPar", new { reviewers = new[] { "ana", "beto", "carla" } });

        var tasks = await TasksAsync(instance.Id);
        Assert.That(tasks.Select(t => t.Assignee), Is.EquivalentTo(new[] { "ana", "beto", "carla" }));

        await Engine.Tasks.CompleteAsync(tasks.Single(t => t.Assignee == "beto").Id, new Dictionary<string, object?> { ["vote"] = "si" }, "beto");
        Assert.That(await TasksAsync(instance.Id), Has.Count.EqualTo(2));
        await Engine.Tasks.CompleteAsync(tasks.Single(t => t.Assignee == "ana").Id, new Dictionary<string, object?> { ["vote"] = "no" }, "ana");

        // Two of three completed: the condition holds, carla's task is cancelled.
        await AssertActiveAtAsync(instance.Id, "after");
        var votes = (List<object?>)(await Engine.Runtime.GetVariablesAsync(instance.Id))["votes"]!;
        Assert.That(votes, Is.EqualTo(new object?[] { "no", "si", null }));
    }

    [Test]
    public async Task Sequential_instances_run_one_after_another_in_order()
    {
        await DeployAsync("MultiInstance.Sequential.bpmn");
        var instance = await StartAsync("miSeq", new { services = new[] { "CUL", "bolsa", "capacitacion" } });
        await AssertCompletedAsync(instance.Id);
        var referrals = (List<object?>)(await Engine.Runtime.GetVariablesAsync(instance.Id))["referrals"]!;
        Assert.That(referrals, Is.EqualTo(new object?[] { "CUL#1", "bolsa#2", "capacitacion#3" }));
    }

    [Test]
    public async Task A_completion_condition_incident_neither_records_nor_counts_the_instance_until_retried()
    {
        await DeployAsync("MultiInstance.ConditionIncident.bpmn");
        var instance = await StartAsync("miIncident");
        var tasks = await TasksAsync(instance.Id);
        Assert.That(tasks, Has.Count.EqualTo(3));

        await Engine.Tasks.CompleteAsync(tasks[0].Id, new Dictionary<string, object?> { ["check"] = "quizá" });

        var incident = (await Engine.Management.ListIncidentsAsync(instance.Id)).Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKind.ConditionError));
        Assert.That(incident.Message, Does.Contain("The completion condition"));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start" }), "the instance is not recorded as completed before its condition is");

        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["check"] = null });
        await Engine.Management.ResolveIncidentAsync(incident.Id);

        // Counted once: 1 of 3 completed, so the condition (at least 2) does not hold yet.
        Assert.That(await TasksAsync(instance.Id), Has.Count.EqualTo(2));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "review" }));

        await Engine.Tasks.CompleteAsync((await TasksAsync(instance.Id))[0].Id, new Dictionary<string, object?>());
        await AssertActiveAtAsync(instance.Id, "after");
        Assert.That(await TasksAsync(instance.Id), Has.Count.EqualTo(1), "the third instance was cancelled; only 'after' is open");
    }

    [Test]
    public async Task An_output_element_incident_does_not_record_the_instance_completed_until_retried()
    {
        await DeployAsync("MultiInstance.OutputIncident.bpmn");
        var instance = await StartAsync("miOutputIncident");
        var tasks = await TasksAsync(instance.Id);

        await Engine.Tasks.CompleteAsync(tasks[0].Id, new Dictionary<string, object?> { ["note"] = 5 });

        var incident = (await Engine.Management.ListIncidentsAsync(instance.Id)).Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKind.MappingError));
        Assert.That(incident.Message, Does.Contain("upper case(note)"));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start" }));

        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["note"] = "visto" });
        await Engine.Management.ResolveIncidentAsync(incident.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "review" }), "the instance is recorded once");

        await Engine.Tasks.CompleteAsync((await TasksAsync(instance.Id)).Single().Id, new Dictionary<string, object?> { ["note"] = "listo" });
        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "review", "review", "review", "end" }), "two instances, then the body");
        // Each answer at its instance's index; which of the two parallel tasks came first in the query is not fixed.
        Assert.That((List<object?>)(await Engine.Runtime.GetVariablesAsync(instance.Id))["notes"]!, Is.EquivalentTo(new object?[] { "VISTO", "LISTO" }));
    }

    [Test]
    public async Task An_empty_collection_completes_the_activity_at_once()
    {
        await DeployAsync("MultiInstance.Sequential.bpmn");
        var instance = await StartAsync("miSeq", new { services = Array.Empty<string>() });
        await AssertCompletedAsync(instance.Id);
        Assert.That((List<object?>)(await Engine.Runtime.GetVariablesAsync(instance.Id))["referrals"]!, Is.Empty);
    }
}

public sealed class IncidentRetryTests : EngineTestBase
{
    [Test]
    public async Task Retrying_an_activity_that_failed_on_entry_does_not_open_its_boundary_timer_twice()
    {
        await DeployAsync("CallActivity.WithDeadline.bpmn");
        var parent = await StartAsync("parentWithDeadline");
        var incident = (await Engine.Management.ListIncidentsAsync(parent.Id)).Single();
        Assert.That((await Engine.Management.ListJobsAsync(parent.Id)).Count(j => j.Kind == JobKind.Timer), Is.EqualTo(1));

        await DeployAsync("CallActivity.Child.v1.bpmn");
        await Engine.Management.ResolveIncidentAsync(incident.Id);

        Assert.That((await Engine.Management.ListJobsAsync(parent.Id)).Count(j => j.Kind == JobKind.Timer), Is.EqualTo(1));
        await AdvanceAsync(TimeSpan.FromDays(1));
        await AssertCompletedAsync(parent.Id);
        Assert.That(await CompletedElementsAsync(parent.Id), Does.Contain("late"));
    }
}
