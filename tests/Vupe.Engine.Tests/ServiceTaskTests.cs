namespace Vupe.Engine.Tests;

public sealed class ServiceTaskTests : EngineTestBase
{
    private int _failuresLeft;
    private readonly List<(int Attempt, string Key, string System)> _attempts = [];

    protected override void Configure(ProcessEngineBuilder builder) =>
        builder.AddTaskHandler("flaky", c =>
        {
            _attempts.Add((c.Attempt, c.IdempotencyKey, c.Headers["system"]));
            if (_failuresLeft-- > 0) throw new HttpRequestException("RENIEC no responde");
            return new Dictionary<string, object?> { ["answer"] = "vigente" };
        });

    [SetUp]
    public void Reset()
    {
        _failuresLeft = 0;
        _attempts.Clear();
    }

    [Test]
    public async Task A_failing_call_is_retried_with_back_off_and_the_steps_before_it_are_kept()
    {
        _failuresLeft = 2;
        await DeployAsync("ServiceTask.Retry.bpmn");
        var instance = await StartAsync("flakyCall");

        // The start committed: the instance waits at the task for its retry job.
        await AssertActiveAtAsync(instance.Id, "call");
        var job = (await Engine.Management.ListJobsAsync(instance.Id)).Single();
        Assert.That(job.DueAt, Is.EqualTo(T0.AddSeconds(10)));
        Assert.That(job.LastError, Does.Contain("RENIEC no responde"));

        await AdvanceAsync(TimeSpan.FromSeconds(10));   // 2nd attempt fails, next in 20 s
        await AssertActiveAtAsync(instance.Id, "call");
        await AdvanceAsync(TimeSpan.FromSeconds(19));
        Assert.That(_attempts, Has.Count.EqualTo(2));
        await AdvanceAsync(TimeSpan.FromSeconds(1));    // 3rd attempt succeeds

        await AssertActiveAtAsync(instance.Id, "done");
        Assert.That(_attempts.Select(a => a.Attempt), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(_attempts.Select(a => a.Key).Distinct().Count(), Is.EqualTo(1), "one idempotency key for all attempts");
        Assert.That(_attempts[0].System, Is.EqualTo("RENIEC"));
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["reniecAnswer"], Is.EqualTo("vigente"));
        Assert.That(await Engine.Management.ListIncidentsAsync(instance.Id), Is.Empty);
    }

    [Test]
    public async Task When_the_attempts_are_spent_an_incident_waits_for_an_operator_to_retry()
    {
        _failuresLeft = 5;
        await DeployAsync("ServiceTask.Retry.bpmn");
        var instance = await StartAsync("flakyCall");
        await AdvanceAsync(TimeSpan.FromSeconds(10));
        await AdvanceAsync(TimeSpan.FromSeconds(20));
        await AdvanceAsync(TimeSpan.FromHours(1));

        Assert.That(_attempts, Has.Count.EqualTo(3), "vupe:retries=3 means three attempts");
        var incident = (await Engine.Management.ListIncidentsAsync(instance.Id)).Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKind.FailedJob));
        Assert.That(incident.Message, Does.Contain("flaky").And.Contain("RENIEC no responde"));

        _failuresLeft = 0;
        await Engine.Management.ResolveIncidentAsync(incident.Id, retries: 1, userId: "operador");
        await Engine.Management.ExecuteAllDueJobsAsync();

        await AssertActiveAtAsync(instance.Id, "done");
        Assert.That(await Engine.Management.ListIncidentsAsync(instance.Id), Is.Empty);
        var resolved = (await Engine.Management.ListIncidentsAsync(instance.Id, openOnly: false)).Single();
        Assert.That(resolved.ResolvedBy, Is.EqualTo("operador"));
    }

    [Test]
    public async Task Async_continuation_commits_first_and_the_job_executor_continues()
    {
        await DeployAsync("Async.Continuation.bpmn");
        var instance = await StartAsync("asyncWork");
        await AssertActiveAtAsync(instance.Id, "work");
        Assert.That(HandlerCalls, Is.Empty);
        Assert.That(await Engine.Management.ExecuteAllDueJobsAsync(), Is.EqualTo(1));
        Assert.That(HandlerCalls, Is.EqualTo(new[] { "work" }));
        await AssertCompletedAsync(instance.Id);
    }
}

public sealed class BusinessRuleTaskTests : EngineTestBase
{
    private sealed class FakeTriage : IDecisionEvaluator
    {
        public ValueTask<DecisionResult> EvaluateAsync(string decisionRef, IReadOnlyDictionary<string, object?> variables, CancellationToken ct) =>
            ValueTask.FromResult(new DecisionResult((bool)variables["needsCertificate"]! ? "CUL" : "bolsa", new { matchedRules = new[] { 3 } }));
    }

    protected override void Configure(ProcessEngineBuilder builder) => builder.UseDecisionEvaluator(new FakeTriage());

    [Test]
    public async Task The_decision_result_is_stored_and_explained_in_the_history()
    {
        await DeployAsync("BusinessRule.Task.bpmn");
        var instance = await StartAsync("decide", new { needsCertificate = true });
        await AssertActiveAtAsync(instance.Id, "cul");
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["recommendation"], Is.EqualTo("CUL"));
        var evaluated = (await Engine.History.ForInstanceAsync(instance.Id)).Single(h => h.EventType == HistoryEventTypes.DecisionEvaluated);
        Assert.That(evaluated.Details, Does.Contain("\"decisionRef\":\"triage\"").And.Contain("matchedRules"));
    }
}

public sealed class BusinessRuleTaskWithoutEvaluatorTests : EngineTestBase
{
    [Test]
    public async Task Without_an_evaluator_the_task_stops_with_a_decision_incident()
    {
        await DeployAsync("BusinessRule.Task.bpmn");
        var instance = await StartAsync("decide", new { needsCertificate = true });
        var incident = (await Engine.Management.ListIncidentsAsync(instance.Id)).Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKind.DecisionError));
        Assert.That(incident.ElementId, Is.EqualTo("rule"));
    }
}
