namespace Vupe.Engine.Tests;

public sealed class SequenceTests : EngineTestBase
{
    [Test]
    public async Task UserTask_WaitsThenCompletes_AndServiceTaskRuns()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq", new { applicant = "Ana" });

        await AssertActiveAtAsync(instance.Id, "review");
        var task = await SingleTaskAsync(instance.Id);
        Assert.That(task.CandidateGroups, Is.EqualTo(new[] { "LIM-consultor" }));
        Assert.That(task.DueAt, Is.EqualTo(T0.AddDays(2)));
        Assert.That(task.FormKey, Is.EqualTo("review.form"));
        Assert.That(task.CaseNumber, Is.EqualTo("LIM-2026-000001"));

        await Engine.Tasks.CompleteAsync(task.Id, new Dictionary<string, object?> { ["approved"] = true });

        await AssertCompletedAsync(instance.Id);
        Assert.That(HandlerCalls, Is.EqualTo(new[] { "work" }));
        var variables = await Engine.Runtime.GetVariablesAsync(instance.Id);
        Assert.That(variables["approved"], Is.EqualTo(true));
        Assert.That(variables["applicant"], Is.EqualTo("Ana"));
        Assert.That(await CompletedElementsAsync(instance.Id), Is.EqualTo(new[] { "start", "review", "work", "end" }));
    }
}
