namespace Vupe.Engine.Tests;

/// <summary><c>vupe:sameAssigneeAs</c>: a follow-up task goes to whoever completed the earlier one (diagnosis → confirmation).</summary>
public sealed class SameAssigneeTests : SqliteEngineTestBase
{
    private static string Process(string confirm) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="t">
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="diagnose" />
          <bpmn:userTask id="diagnose" vupe:candidateGroups="LIM-consultor" />
          <bpmn:sequenceFlow id="f2" sourceRef="diagnose" targetRef="confirm" />
          {confirm}
          <bpmn:sequenceFlow id="f3" sourceRef="confirm" targetRef="end" />
          <bpmn:endEvent id="end" />
        </bpmn:process>
        </bpmn:definitions>
        """;

    private Task<DeploymentResult> DeployXmlAsync(string xml) => Engine.Repository.DeployAsync("test", [new DeploymentResource("p.bpmn", xml)]);

    [Test]
    public async Task The_follow_up_goes_to_whoever_completed_the_earlier_task()
    {
        await DeployXmlAsync(Process("""<bpmn:userTask id="confirm" vupe:sameAssigneeAs="diagnose" vupe:candidateGroups="LIM-consultor" />"""));
        var instance = await StartAsync("p");
        var diagnose = await SingleTaskAsync(instance.Id, "diagnose");
        await Engine.Tasks.ClaimAsync(diagnose.Id, "ana");
        await Engine.Tasks.CompleteAsync(diagnose.Id, null, "ana");

        var confirm = await SingleTaskAsync(instance.Id, "confirm");
        Assert.That(confirm.Assignee, Is.EqualTo("ana"));
        Assert.That(confirm.ClaimedAt, Is.Not.Null, "given to her, as a claim");
    }

    [Test]
    public async Task A_named_assignee_wins_and_without_a_completer_the_task_is_offered_to_its_candidates()
    {
        await DeployXmlAsync(Process("""<bpmn:userTask id="confirm" vupe:sameAssigneeAs="diagnose" vupe:assignee="=supervisor" vupe:candidateGroups="LIM-consultor" />"""));
        var named = await StartAsync("p", new { supervisor = "rosa" });
        var unnamed = await StartAsync("p", new Dictionary<string, object?> { ["supervisor"] = null });
        foreach (var instance in new[] { named, unnamed })
        {
            var diagnose = await SingleTaskAsync(instance.Id, "diagnose");
            await Engine.Tasks.ClaimAsync(diagnose.Id, "ana");
            await Engine.Tasks.CompleteAsync(diagnose.Id, null, "ana");
        }

        Assert.That((await SingleTaskAsync(named.Id, "confirm")).Assignee, Is.EqualTo("rosa"));
        Assert.That((await SingleTaskAsync(unnamed.Id, "confirm")).Assignee, Is.EqualTo("ana"), "no one named: the one who diagnosed");
    }

    [Test]
    public async Task A_name_that_is_not_a_user_task_of_the_process_is_refused_at_deployment()
    {
        var e = await Assert.ThrowsAsync<DeploymentException>(() =>
            DeployXmlAsync(Process("""<bpmn:userTask id="confirm" vupe:sameAssigneeAs="start" vupe:candidateGroups="LIM-consultor" />""")));
        Assert.That(e!.Problems.Select(p => (p.ElementId, p.Message)),
            Has.Some.EqualTo(("confirm", "vupe:sameAssigneeAs names 'start', which is not a user task of this process.")));
    }
}
