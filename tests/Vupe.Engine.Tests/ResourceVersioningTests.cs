namespace Vupe.Engine.Tests;

/// <summary>
/// Decisions and forms deployed as data: versioned per key like processes (an unchanged file makes no new version), a
/// case bound at its start to the latest version of each decision and form its process references, and kept on them
/// when newer ones are deployed. The resource kinds here are small stand-ins for DMN and form-js (the engine only
/// stores, versions and hands the bound file to the evaluator); Vupe.Workflows.Tests deploy the real ones.
/// </summary>
public abstract class ResourceVersioningTests : EngineTestBase
{
    protected override void Configure(ProcessEngineBuilder builder) => builder
        .AddResourceKind(new LineResourceKind(ResourceKinds.Decision, ".rule"))
        .AddResourceKind(new LineResourceKind(ResourceKinds.Form, ".form"))
        .UseDecisionEvaluator(new FirstLineEvaluator());

    private Task<DeploymentResult> DeployFilesAsync(params (string Name, string Content)[] files) =>
        Engine.Repository.DeployAsync("test", [.. files.Select(f => new DeploymentResource(f.Name, f.Content))]);

    [Test]
    public async Task A_running_case_keeps_the_decision_and_form_versions_it_started_with()
    {
        var first = await DeployFilesAsync(("decide.bpmn", Bpmn("BusinessRule.AfterTask.bpmn")), ("triage.rule", "triage\nCUL"), ("intake.form", "intake\nv1"));
        Assert.That(first.Resources.Select(r => (r.Kind, r.Key, r.Version)),
            Is.EquivalentTo(new[] { (ResourceKinds.Decision, "triage", 1), (ResourceKinds.Form, "intake", 1) }));
        var early = await StartAsync("decideLater");

        var second = await DeployFilesAsync(("triage.rule", "triage\nNONE"), ("intake.form", "intake\nv2"));
        Assert.That(second.Resources.Select(r => r.Version), Is.EqualTo(new[] { 2, 2 }), "a decision or form alone makes new versions");
        Assert.That(second.Definitions, Is.Empty);
        var late = await StartAsync("decideLater");

        var earlyForm = await Engine.Tasks.GetFormAsync((await SingleTaskAsync(early.Id, "intake")).Id);
        var lateForm = await Engine.Tasks.GetFormAsync((await SingleTaskAsync(late.Id, "intake")).Id);
        Assert.That((earlyForm!.Version, earlyForm.Content), Is.EqualTo((1, "intake\nv1")), "the early case still shows the form it started with");
        Assert.That((lateForm!.Version, lateForm.Content), Is.EqualTo((2, "intake\nv2")));
        // The one-read view of a task's work agrees with the separate reads.
        var earlyTask = await SingleTaskAsync(early.Id, "intake");
        var work = await Engine.Tasks.GetWorkAsync(earlyTask.Id);
        Assert.That((work.Task.Id, work.Form!.Version, work.Form.Content, work.DefinitionId),
            Is.EqualTo((earlyTask.Id, 1, "intake\nv1", (await Engine.Runtime.GetInstanceAsync(early.Id)).DefinitionId)));
        Assert.That(work.Variables, Is.EquivalentTo(await Engine.Tasks.GetVariablesAsync(earlyTask.Id)));

        await CompleteTaskAsync(early.Id, "intake");
        await CompleteTaskAsync(late.Id, "intake");
        await AssertActiveAtAsync(early.Id, "cul");
        await AssertCompletedAsync(late.Id);
        var decided = (await Engine.History.ForInstanceAsync(early.Id)).Single(h => h.EventType == HistoryEventTypes.DecisionEvaluated);
        Assert.That(decided.Details, Does.Contain("\"version\":1"), "the history names the version evaluated");
    }

    [Test]
    public async Task A_process_may_pin_a_decision_version_and_the_form_deployed_with_it()
    {
        await DeployFilesAsync(("pinned.bpmn", Bpmn("BusinessRule.Pinned.bpmn")), ("triage.rule", "triage\nCUL"), ("intake.form", "intake\nv1"));
        await DeployFilesAsync(("triage.rule", "triage\nNONE"), ("intake.form", "intake\nv2"));

        var instance = await StartAsync("decidePinned");
        var form = await Engine.Tasks.GetFormAsync((await SingleTaskAsync(instance.Id, "intake")).Id);
        Assert.That(form!.Version, Is.EqualTo(1), "the form deployed with the process, not the latest");
        await CompleteTaskAsync(instance.Id, "intake");
        await AssertActiveAtAsync(instance.Id, "cul");

        await DeployFilesAsync(("missing.bpmn", Bpmn("BusinessRule.PinnedMissing.bpmn")));
        var stuck = await StartAsync("decidePinnedMissing");
        Assert.That(await Engine.Tasks.GetFormAsync((await SingleTaskAsync(stuck.Id, "intake")).Id), Is.Null, "no form was deployed with that process");
        await CompleteTaskAsync(stuck.Id, "intake");
        var incident = (await Engine.Management.ListIncidentsAsync(stuck.Id)).Single();
        Assert.That(incident.Message, Does.Contain("pinned to version 7"));
    }

    private static string StartFormProcess(string id, string startAttributes) => $"""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" targetNamespace="t">
          <process id="{id}" isExecutable="true">
            <startEvent id="start" {startAttributes} />
            <sequenceFlow id="f1" sourceRef="start" targetRef="work" />
            <userTask id="work" />
            <sequenceFlow id="f2" sourceRef="work" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    [Test]
    public async Task A_start_form_is_the_version_a_case_started_now_binds_to()
    {
        var first = await DeployFilesAsync(("online.bpmn", StartFormProcess("online", "vupe:formKey=\"request\"")), ("request.form", "request\nv1"),
            ("pinned.bpmn", StartFormProcess("pinned", "vupe:formKey=\"request\" vupe:formBinding=\"deployment\"")),
            ("plain.bpmn", StartFormProcess("plain", "")), ("unknown.bpmn", StartFormProcess("unknown", "vupe:formKey=\"nowhere\"")));
        await DeployFilesAsync(("request.form", "request\nv2"));
        string Id(string key) => first.Definitions.Single(d => d.Key == key).Id;

        Assert.That((await Engine.Repository.GetStartFormAsync(Id("online")))!.Content, Is.EqualTo("request\nv2"), "the latest, as a case started now binds");
        Assert.That((await Engine.Repository.GetStartFormAsync(Id("pinned")))!.Version, Is.EqualTo(1), "vupe:formBinding=deployment: the one deployed with it");
        Assert.That(await Engine.Repository.GetStartFormAsync(Id("plain")), Is.Null, "no vupe:formKey on the start event");
        Assert.That(await Engine.Repository.GetStartFormAsync(Id("unknown")), Is.Null, "a key nothing was deployed under");
    }

    [Test]
    public async Task An_unchanged_file_makes_no_new_version_and_versions_are_listed()
    {
        await DeployFilesAsync(("triage.rule", "triage\nCUL"));
        var again = await DeployFilesAsync(("triage.rule", "triage\nCUL"));
        Assert.That(again.Resources, Is.Empty);
        Assert.That(again.UnchangedResources.Single().Version, Is.EqualTo(1));
        await DeployFilesAsync(("triage.rule", "triage\nNONE"));

        var listed = await Engine.Repository.ListResourcesAsync(ResourceKinds.Decision, "triage");
        Assert.That(listed.Select(r => r.Version), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(Engine.Repository.FindResource(ResourceKinds.Decision, "triage")!.Content, Is.EqualTo("triage\nNONE"));
        Assert.That(Engine.Repository.FindResource(ResourceKinds.Decision, "triage", 1)!.Content, Is.EqualTo("triage\nCUL"));
        var deployments = await Engine.Repository.ListDeploymentsAsync();
        Assert.That(deployments, Has.Count.EqualTo(2), "the unchanged deployment stored nothing");
        Assert.That((await Engine.Repository.GetDeploymentFileAsync(deployments[0].Id, "triage.rule"))!.Content, Is.EqualTo("triage\nNONE"));
    }

    [Test]
    public async Task A_bad_file_refuses_the_whole_deployment_and_stores_nothing()
    {
        var e = (await Assert.ThrowsAsync<DeploymentException>(() => DeployFilesAsync(
            ("decide.bpmn", Bpmn("BusinessRule.AfterTask.bpmn")), ("triage.rule", ""), ("notes.txt", "hello"))))!;
        Assert.That(e.Problems.Select(p => p.Resource), Is.EquivalentTo(new[] { "triage.rule", "notes.txt" }));
        Assert.That(e.Problems.Single(p => p.Resource == "notes.txt").Message, Does.Contain("cannot be deployed"));
        Assert.That(await Engine.Repository.ListDefinitionsAsync(), Is.Empty);
        Assert.That(await Engine.Repository.ListResourcesAsync(), Is.Empty);
    }

    /// <summary>A file whose first line is its key; an empty file is refused.</summary>
    private sealed class LineResourceKind(string kind, string extension) : IResourceKind
    {
        public string Kind => kind;
        public bool Accepts(string resourceName) => resourceName.EndsWith(extension, StringComparison.Ordinal);
        public ResourceCheck Check(string resourceName, string content) => content.Length == 0
            ? new ResourceCheck([], [new DeploymentProblem(resourceName, null, 1, "empty")])
            : new ResourceCheck([new ResourceKey(content.Split('\n')[0], null)], []);
    }

    /// <summary>Answers the second line of the deployed file it is given.</summary>
    private sealed class FirstLineEvaluator : IDecisionEvaluator
    {
        public ValueTask<DecisionResult> EvaluateAsync(string decisionRef, IReadOnlyDictionary<string, object?> variables, CancellationToken ct) =>
            throw new InvalidOperationException("the engine should hand over the deployed file");

        public ValueTask<DecisionResult> EvaluateAsync(DecisionRequest request, IReadOnlyDictionary<string, object?> variables, CancellationToken ct) =>
            ValueTask.FromResult(new DecisionResult(request.Resource!.Content.Split('\n')[1]));
    }
}

public sealed class InMemoryResourceVersioningTests : ResourceVersioningTests;

public sealed class SqliteResourceVersioningTests : ResourceVersioningTests
{
    protected override ProcessEngineBuilder CreateBuilder() => new ProcessEngineBuilder().UseSqlite(SqliteEngineTestBase.NewDatabasePath());
}
