namespace Vupe.Engine.Tests;

/// <summary>
/// A service task handler opens child cases (referrals from a triage) through
/// <see cref="ServiceTaskContext.OpenChildCase"/>: the engine opens them after the handler returned,
/// in the transaction that completes the task. Run on the in-memory store and on a SQLite file.
/// </summary>
public abstract class ChildCaseTests : EngineTestBase
{
    private readonly List<(string ProcessKey, string Service, string? Office)> _requests = [];
    private readonly List<Guid> _requestedIds = [];
    private readonly List<int> _attempts = [];
    private int _failuresLeft;
    private bool _businessError;

    protected override void Configure(ProcessEngineBuilder builder) =>
        builder.AddTaskHandler("openChildren", c =>
        {
            _attempts.Add(c.Attempt);
            c.RecordExternalCall(new ExternalCall("RENIEC", "consultarIdentidad", _failuresLeft > 0 ? "Failed" : "Succeeded",
                new Dictionary<string, object?> { ["attempts"] = 1 }));
            foreach (var (key, service, office) in _requests)
            {
                var child = c.OpenChildCase(new StartProcessRequest
                {
                    ProcessKey = key, OfficeCode = office, Title = $"Derivación: {service}",
                    Variables = new Dictionary<string, object?> { ["service"] = service },
                });
                _requestedIds.Add(child.CaseId);
            }
            if (_failuresLeft-- > 0) throw new HttpRequestException("la ficha única no responde");
            if (_businessError) throw new BpmnErrorException("sinServicios", "ningún servicio confirmado");
            return new Dictionary<string, object?> { ["requested"] = c.ChildCaseRequests.Count };
        });

    [SetUp]
    public void Reset()
    {
        _requests.Clear();
        _requestedIds.Clear();
        _attempts.Clear();
        _failuresLeft = 0;
        _businessError = false;
    }

    [Test]
    public async Task Children_are_opened_with_the_task_as_cases_of_the_parent_at_its_office_unless_another_is_given()
    {
        _requests.AddRange([("referral", "bolsa", null), ("referral", "cul", "cus")]);
        await DeployAsync("ServiceTask.ChildCases.bpmn", "ChildCase.Referral.bpmn");
        var parent = await StartAsync("openChildren", office: "ARE");

        await AssertActiveAtAsync(parent.Id, "done");
        var children = await Engine.Cases.ChildrenAsync(parent.CaseId);
        Assert.That(children.Select(c => c.Id), Is.EquivalentTo(_requestedIds), "the ids the handler got are those of the opened cases");
        Assert.That(children.Select(c => c.CaseNumber), Is.EqualTo(new[] { "ARE-2026-000002", "CUS-2026-000001" }), "opened together: by case number");
        var bolsa = children.Single(c => c.Title == "Derivación: bolsa");
        var cul = children.Single(c => c.Title == "Derivación: cul");
        Assert.That(children.Select(c => c.ParentCaseId), Is.All.EqualTo(parent.CaseId));
        Assert.That(children.Select(c => c.ProcessKey), Is.All.EqualTo("referral"));
        Assert.That(children.Select(c => c.Status), Is.All.EqualTo(CaseStatus.Open));
        Assert.That((bolsa.CaseNumber, bolsa.OfficeCode), Is.EqualTo(("ARE-2026-000002", "ARE")));
        Assert.That((cul.CaseNumber, cul.OfficeCode), Is.EqualTo(("CUS-2026-000001", "CUS")));

        // Each child runs its process: the delivery task waits in its office's group, with the child's variables.
        var delivery = (await Engine.Tasks.QueryAsync(new TaskFilter { CandidateGroups = ["CUS-cul"] })).Single();
        Assert.That(delivery.CaseId, Is.EqualTo(cul.Id));
        Assert.That(delivery.ElementId, Is.EqualTo("deliver"));

        // The flow sees what was opened, in request order.
        var variables = await Engine.Runtime.GetVariablesAsync(parent.Id);
        Assert.That(variables["requested"], Is.EqualTo(2m));
        var opened = ((List<object?>)variables[ServiceTaskContext.ChildCasesVariable]!).Cast<Dictionary<string, object?>>().ToList();
        Assert.That(opened.Select(o => o["caseNumber"]), Is.EqualTo(new[] { "ARE-2026-000002", "CUS-2026-000001" }));
        Assert.That(opened.Select(o => o["caseId"]), Is.EqualTo(new[] { bolsa.Id.ToString(), cul.Id.ToString() }));
        Assert.That(opened.Select(o => o["processKey"]), Is.All.EqualTo("referral"));
        Assert.That(opened[0]["processVersion"], Is.EqualTo(1m));
        Assert.That(opened[1]["instanceId"], Is.EqualTo(delivery.InstanceId.ToString()));

        // Both sides of the link are in the history.
        var parentHistory = await Engine.History.ForInstanceAsync(parent.Id);
        var noted = parentHistory.Where(h => h.EventType == HistoryEventTypes.ChildCaseOpened).ToList();
        Assert.That(noted.Select(h => h.ElementId), Is.All.EqualTo("open"));
        Assert.That(noted[0].Details, Does.Contain("\"caseNumber\":\"ARE-2026-000002\""));
        Assert.That(noted[1].Details, Does.Contain("\"caseNumber\":\"CUS-2026-000001\""));
        var childOpened = (await Engine.History.ForCaseAsync(cul.Id)).Single(h => h.EventType == HistoryEventTypes.CaseOpened);
        Assert.That(childOpened.Details, Does.Contain(parent.CaseId.ToString()));
    }

    [Test]
    public async Task Calls_a_handler_records_are_in_the_history_whether_it_failed_or_succeeded()
    {
        _failuresLeft = 1;
        await DeployAsync("ServiceTask.ChildCases.bpmn", "ChildCase.Referral.bpmn");
        var parent = await StartAsync("openChildren", office: "LIM");
        await AdvanceAsync(TimeSpan.FromSeconds(10));
        await AssertActiveAtAsync(parent.Id, "done");

        var calls = (await Engine.History.ForCaseAsync(parent.CaseId)).Where(h => h.EventType == HistoryEventTypes.ExternalCall).ToList();
        Assert.That(calls, Has.Count.EqualTo(2));
        Assert.That(calls.Select(h => h.ElementId), Is.All.EqualTo("open"));
        Assert.That(calls[0].Details, Does.Contain("\"system\":\"RENIEC\"").And.Contain("\"outcome\":\"Failed\"").And.Contain("\"attempt\":1"));
        Assert.That(calls[1].Details, Does.Contain("\"outcome\":\"Succeeded\"").And.Contain("\"attempt\":2").And.Contain("\"attempts\":1"));
    }

    [Test]
    public async Task A_handler_that_fails_after_asking_leaves_no_child_and_its_retry_opens_them_once()
    {
        _requests.AddRange([("referral", "bolsa", null), ("referral", "cul", null)]);
        _failuresLeft = 1;
        await DeployAsync("ServiceTask.ChildCases.bpmn", "ChildCase.Referral.bpmn");
        var parent = await StartAsync("openChildren", office: "LIM");

        await AssertActiveAtAsync(parent.Id, "open");
        Assert.That(await Engine.Cases.ChildrenAsync(parent.CaseId), Is.Empty);
        Assert.That(await Engine.Tasks.QueryAsync(new TaskFilter { ProcessKey = "referral" }), Is.Empty);

        await AdvanceAsync(TimeSpan.FromSeconds(10));

        await AssertActiveAtAsync(parent.Id, "done");
        Assert.That(_attempts, Is.EqualTo(new[] { 1, 2 }));
        var children = await Engine.Cases.ChildrenAsync(parent.CaseId);
        Assert.That(children, Has.Count.EqualTo(2), "the retry opens its own two, the failed attempt none");
        Assert.That(children.Select(c => c.Id), Is.EquivalentTo(_requestedIds.Skip(2)));
        Assert.That(await Engine.Tasks.QueryAsync(new TaskFilter { ProcessKey = "referral" }), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_business_error_after_asking_opens_no_child()
    {
        _requests.Add(("referral", "bolsa", null));
        _businessError = true;
        await DeployAsync("ServiceTask.ChildCases.bpmn", "ChildCase.Referral.bpmn");
        var parent = await StartAsync("openChildren");

        Assert.That((await Engine.Management.ListIncidentsAsync(parent.Id)).Single().Message, Does.Contain("sinServicios"));
        Assert.That(await Engine.Cases.ChildrenAsync(parent.CaseId), Is.Empty);
    }

    [Test]
    public async Task If_a_requested_process_is_not_deployed_none_is_opened_until_an_operator_retries()
    {
        _requests.AddRange([("referral", "bolsa", null), ("referral", "cul", null)]);
        await DeployAsync("ServiceTask.ChildCases.bpmn");
        var parent = await StartAsync("openChildren");

        var incident = (await Engine.Management.ListIncidentsAsync(parent.Id)).Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKind.FailedJob));
        Assert.That(incident.Message, Does.Contain("Child case 1 of 2: process 'referral' is not deployed"));
        Assert.That(await Engine.Cases.ChildrenAsync(parent.CaseId), Is.Empty);

        await DeployAsync("ChildCase.Referral.bpmn");
        await Engine.Management.ResolveIncidentAsync(incident.Id, retries: 1, userId: "operador");
        await Engine.Management.ExecuteAllDueJobsAsync();

        await AssertActiveAtAsync(parent.Id, "done");
        Assert.That(await Engine.Cases.ChildrenAsync(parent.CaseId), Has.Count.EqualTo(2));
        Assert.That(_attempts, Is.EqualTo(new[] { 1, 2 }), "the operator's retry runs the handler again, with the same idempotency key");
    }

    [Test]
    public async Task An_invalid_office_in_one_request_opens_none_of_them()
    {
        _requests.AddRange([("referral", "bolsa", null), ("referral", "cul", "C1S")]);
        await DeployAsync("ServiceTask.ChildCases.bpmn", "ChildCase.Referral.bpmn");
        var parent = await StartAsync("openChildren", office: "LIM");

        var incident = (await Engine.Management.ListIncidentsAsync(parent.Id)).Single();
        Assert.That(incident.Message, Does.Contain("Child case 2 of 2: office code 'C1S' is invalid"));
        Assert.That(await Engine.Cases.ChildrenAsync(parent.CaseId), Is.Empty);
        Assert.That(await Engine.Tasks.QueryAsync(new TaskFilter { ProcessKey = "referral" }), Is.Empty);
    }

    [Test]
    public void A_child_case_request_cannot_name_an_existing_case_or_another_parent()
    {
        var context = new ServiceTaskContext
        {
            TaskType = "openChildren", InstanceId = Guid.NewGuid(), CaseId = Guid.NewGuid(), CaseNumber = "LIM-2026-000001", ProcessKey = "p",
            ElementId = "open", IdempotencyKey = "k", Attempt = 1, Variables = new Dictionary<string, object?>(), Headers = new Dictionary<string, string>(),
            OfficeCode = "LIM",
        };
        Assert.That(() => context.OpenChildCase(new StartProcessRequest { ProcessKey = "referral", CaseId = Guid.NewGuid() }),
            Throws.ArgumentException.With.Message.Contain("leave StartProcessRequest.CaseId empty"));
        Assert.That(() => context.OpenChildCase(new StartProcessRequest { ProcessKey = "referral", ParentCaseId = Guid.NewGuid() }),
            Throws.ArgumentException.With.Message.Contain("belongs to the task's case LIM-2026-000001"));
        Assert.That(() => context.OpenChildCase(new StartProcessRequest { ProcessKey = " " }), Throws.ArgumentException);
        Assert.That(context.ChildCaseRequests, Is.Empty);
        var accepted = context.OpenChildCase(new StartProcessRequest { ProcessKey = "referral", ParentCaseId = context.CaseId });
        Assert.That(context.ChildCaseRequests.Single(), Is.SameAs(accepted));
    }
}

public sealed class InMemoryChildCaseTests : ChildCaseTests;

public sealed class SqliteChildCaseTests : ChildCaseTests
{
    protected override ProcessEngineBuilder CreateBuilder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vupe-tests", Guid.NewGuid().ToString("N"));
        return new ProcessEngineBuilder().UseSqlite(Path.Combine(dir, "engine.db"));
    }
}
