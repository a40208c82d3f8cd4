namespace Vupe.Engine.Tests;

public sealed class VersioningTests : EngineTestBase
{
    [Test]
    public async Task Redeploying_a_changed_process_makes_a_new_version_and_running_instances_stay_on_theirs()
    {
        var v1 = await DeployAsync("Sequence.UserTask.bpmn");
        Assert.That(v1.Definitions.Single().Version, Is.EqualTo(1));
        var old = await StartAsync("seq");

        var changed = Bpmn("Sequence.UserTask.bpmn").Replace("name=\"Revisar\"", "name=\"Revisar expediente\"");
        var v2 = await Engine.Repository.DeployAsync("test", [new DeploymentResource("Sequence.UserTask.bpmn", changed)]);
        Assert.That(v2.Definitions.Single().Version, Is.EqualTo(2));

        var fresh = await StartAsync("seq");
        Assert.That((await SingleTaskAsync(old.Id)).Name, Is.EqualTo("Revisar"));
        Assert.That((await SingleTaskAsync(fresh.Id)).Name, Is.EqualTo("Revisar expediente"));
        Assert.That((await InstanceAsync(old.Id)).Version, Is.EqualTo(1));

        await CompleteTaskAsync(old.Id, "review");
        await AssertCompletedAsync(old.Id);
        Assert.That((await Engine.Repository.ListDefinitionsAsync("seq")).Select(d => d.Version), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task Redeploying_the_same_file_makes_no_new_version()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var again = await DeployAsync("Sequence.UserTask.bpmn");
        Assert.That(again.Definitions, Is.Empty);
        Assert.That(again.Unchanged.Single().Version, Is.EqualTo(1));
    }

    [Test]
    public async Task A_specific_version_can_be_started()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        await Engine.Repository.DeployAsync("test", [new DeploymentResource("Sequence.UserTask.bpmn", Bpmn("Sequence.UserTask.bpmn").Replace("Revisar", "v2"))]);
        var instance = await Engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "seq", Version = 1 });
        Assert.That(instance.Version, Is.EqualTo(1));
        var e = await Assert.ThrowsAsync<NotFoundException>(() => Engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "seq", Version = 9 }));
        Assert.That(e!.Message, Does.Contain("version 9"));
    }
}
