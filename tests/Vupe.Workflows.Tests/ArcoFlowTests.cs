using Microsoft.Extensions.Time.Testing;
using Vupe.Workflows.Arco;

namespace Vupe.Workflows.Tests;

/// <summary>
/// The ARCO request (derechos-arco) on a real SQLite file with a controlled clock: the legal deadline in Lima business
/// days, the hold placed at filing and lifted at the answer, and the escalation when the deadline passes unanswered.
/// </summary>
public sealed class ArcoFlowTests
{
    // Monday 2 March 2026, 09:00 in Lima.
    private static readonly DateTimeOffset Filed = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-5));
    private FakeTimeProvider _clock = null!;
    private InMemoryArcoHolds _holds = null!;
    private ProcessEngine _engine = null!;

    [SetUp]
    public async Task StartEngine()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vupe-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        _clock = new FakeTimeProvider(Filed);
        _holds = new InMemoryArcoHolds();
        _engine = await new ProcessEngineBuilder()
            .UseSqlite(Path.Combine(dir, "vupe.db"))
            .UseTimeProvider(_clock)
            .AddVupeCatalogue(new InMemoryEmployabilityRecord(), TestCul.Services(time: _clock), timeProvider: _clock, arcoHolds: _holds)
            .BuildAsync();
        await VupeCatalogue.Load().DeployAsync(_engine, "admin");
    }

    [TearDown]
    public async Task StopEngine()
    {
        if (_engine is not null) await _engine.DisposeAsync();
    }

    private async Task<CaseFileInfo> FileAsync(string right) => await _engine.Cases.GetAsync((await StartAsync(right)).CaseId);

    private async Task<ProcessInstanceInfo> StartAsync(string right) => await _engine.Runtime.StartProcessAsync(new StartProcessRequest
    {
        ProcessKey = VupeProcesses.ArcoRequest, OfficeCode = "LIM", UserId = "ciudadano", Title = "Solicitud de derechos ARCO",
        Variables = new Dictionary<string, object?>
        {
            ["partyId"] = "party-1", ["tipoDerecho"] = right, ["detalleSolicitud"] = "Quiero saber qué datos míos tienen.", ["nombre"] = "Rosa Quispe Huamán",
        },
    });

    private async Task<TaskInfo> OnlyTaskAsync(Guid caseId)
    {
        var tasks = await _engine.Tasks.QueryAsync(new TaskFilter { CaseId = caseId });
        Assert.That(tasks, Has.Count.EqualTo(1), string.Join(", ", tasks.Select(t => t.ElementId)));
        return tasks[0];
    }

    [Test]
    public async Task An_access_request_waits_20_business_days_for_the_data_protection_team_and_holds_the_ficha_until_answered()
    {
        var arco = await FileAsync(ArcoRights.Access);
        var task = await OnlyTaskAsync(arco.Id);
        Assert.That(task.ElementId, Is.EqualTo("atender"));
        Assert.That(task.CandidateGroups, Is.EqualTo(new[] { "LIM-proteccion-datos" }));
        // Counted from the day after filing: 3-6 March (4), 9-13 (9), 16-20 (14), 23-27 (19), Monday 30 March (20), end of day in Lima.
        var variables = await _engine.Cases.GetVariablesAsync(arco.Id);
        Assert.That(variables["plazoLegal"], Is.EqualTo("2026-03-30T23:59:59-05:00"));
        Assert.That(variables["plazoDiasHabiles"], Is.EqualTo(20));
        Assert.That(task.DueAt, Is.EqualTo(new DateTimeOffset(2026, 3, 30, 23, 59, 59, TimeSpan.FromHours(-5))));
        Assert.That(_holds.IsHeld(arco.Id), Is.True, "the ficha is held while the request is open");

        await _engine.Tasks.ClaimAsync(task.Id, "proteccion.lim");
        await _engine.Tasks.CompleteAsync(task.Id, new Dictionary<string, object?>
        {
            ["decisionArco"] = "procedente", ["respuestaArco"] = "Le enviamos la relación de sus datos personales.",
        }, "proteccion.lim");

        Assert.That((await _engine.Cases.GetAsync(arco.Id)).Status, Is.EqualTo(CaseStatus.Closed));
        Assert.That(_holds.WasPlaced(arco.Id) && !_holds.IsHeld(arco.Id), Is.True, "answered: the hold is lifted");
        Assert.That(await _engine.Management.ListIncidentsAsync(caseId: arco.Id), Is.Empty);
        // Answered in time: the deadline's timer was cancelled with the task, nothing fires later.
        _clock.Advance(TimeSpan.FromDays(60));
        await _engine.Management.ExecuteAllDueJobsAsync();
        Assert.That(await _engine.Tasks.QueryAsync(new TaskFilter { CaseId = arco.Id }), Is.Empty);
    }

    [Test]
    public async Task A_rectification_unanswered_after_10_business_days_escalates_to_the_supervisors_with_top_priority()
    {
        var arco = await FileAsync(ArcoRights.Rectification);
        // 10 business days from Tuesday 3 March: Monday 16 March, end of day (Lima).
        Assert.That((await _engine.Cases.GetVariablesAsync(arco.Id))["plazoLegal"], Is.EqualTo("2026-03-16T23:59:59-05:00"));

        // One second before the deadline nothing has moved.
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 23, 59, 58, TimeSpan.FromHours(-5)));
        await _engine.Management.ExecuteAllDueJobsAsync();
        Assert.That((await OnlyTaskAsync(arco.Id)).ElementId, Is.EqualTo("atender"));

        _clock.Advance(TimeSpan.FromSeconds(2));
        await _engine.Management.ExecuteAllDueJobsAsync();
        var escalated = await OnlyTaskAsync(arco.Id);
        Assert.That(escalated.ElementId, Is.EqualTo("atenderVencida"));
        Assert.That(escalated.CandidateGroups, Is.EquivalentTo(new[] { "LIM-proteccion-datos", "LIM-supervisor" }));
        Assert.That(escalated.Priority, Is.EqualTo(95));
        Assert.That(_holds.IsHeld(arco.Id), Is.True, "still open: still held");

        await _engine.Tasks.ClaimAsync(escalated.Id, "supervisor.lim");
        await _engine.Tasks.CompleteAsync(escalated.Id, new Dictionary<string, object?>
        {
            ["decisionArco"] = "procedente", ["respuestaArco"] = "Corregimos su dirección en la ficha.",
        }, "supervisor.lim");
        var variables = await _engine.Cases.GetVariablesAsync(arco.Id);
        Assert.That((variables["plazoVencido"], variables["respuestaArco"]), Is.EqualTo(((object?)true, (object?)"Corregimos su dirección en la ficha.")));
        Assert.That((await _engine.Cases.GetAsync(arco.Id)).Status, Is.EqualTo(CaseStatus.Closed));
        Assert.That(_holds.IsHeld(arco.Id), Is.False);
    }

    [Test]
    public async Task An_unknown_right_stops_at_the_deadline_with_an_incident()
    {
        var instance = await StartAsync("portabilidad");
        var incidents = await _engine.Management.ListIncidentsAsync(caseId: instance.CaseId);
        Assert.That(incidents.Single().Message, Does.Contain("'portabilidad' is not an ARCO right"));
        Assert.That(_holds.WasPlaced(instance.CaseId), Is.False);
    }

    [TestCase("2026-04-01", 1, "2026-04-06")] // Holy Thursday and Good Friday 2026 are 2 and 3 April
    [TestCase("2026-07-27", 1, "2026-07-30")] // Fiestas Patrias, 28 and 29 July
    [TestCase("2026-12-04", 3, "2026-12-11")] // 8 and 9 December
    [TestCase("2026-03-06", 1, "2026-03-09")] // Friday to Monday
    public void Business_days_skip_weekends_and_national_holidays(string filed, int days, string expected)
    {
        var at = new DateTimeOffset(DateOnly.Parse(filed, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(-5));
        Assert.That(LimaBusinessDays.Deadline(at, days),
            Is.EqualTo(new DateTimeOffset(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.FromHours(-5))));
    }
}
