using Microsoft.Extensions.Time.Testing;
using Vupe.Connectors;
using Vupe.Connectors.Simulation;
using Vupe.Documents.Verification;
using Vupe.Workflows.Cul;

namespace Vupe.Workflows.Tests;

/// <summary>
/// The CUL procedure on a real SQLite file with the simulated back offices and real rendering and signing:
/// identity → five parallel consultations → consolidation → signed PDF in the archive; a back office that is
/// down leaves the case waiting, then with an incident, and never produces a certificate with a section missing.
/// </summary>
public sealed class CulFlowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-5));
    private FakeTimeProvider _clock = null!;
    private SimulatorControl _backOffices = null!;
    private InMemoryCulArchive _archive = null!;
    private ProcessEngine _engine = null!;

    [SetUp]
    public async Task StartEngine()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vupe-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        _clock = new FakeTimeProvider(T0);
        _backOffices = new SimulatorControl();
        _archive = new InMemoryCulArchive();
        _engine = await new ProcessEngineBuilder()
            .UseSqlite(Path.Combine(dir, "vupe.db"))
            .UseTimeProvider(_clock)
            .AddVupeCatalogue(new InMemoryEmployabilityRecord(), TestCul.Services(_backOffices, _archive, _clock), timeProvider: _clock)
            .BuildAsync();
        await VupeCatalogue.Load().DeployAsync(_engine, "admin");
    }

    [TearDown]
    public async Task StopEngine()
    {
        if (_engine is not null) await _engine.DisposeAsync();
    }

    /// <summary>As the server starts it: the ficha's identity in the start variables, by default what RENIEC's simulator holds for the DNI.</summary>
    private Task<ProcessInstanceInfo> RequestAsync(string dni, string documentType = "Dni", CitizenIdentity? ficha = null)
    {
        ficha ??= documentType == "Dni" ? SimulatedPopulation.Find(dni).Identity : null;
        var variables = new Dictionary<string, object?> { ["partyId"] = "party-1", ["tipoDocumento"] = documentType, ["numeroDocumento"] = dni };
        if (ficha is not null)
        {
            variables["nombres"] = ficha.GivenNames;
            variables["apellidoPaterno"] = ficha.PaternalSurname;
            variables["apellidoMaterno"] = ficha.MaternalSurname;
            variables["fechaNacimiento"] = ficha.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }
        return _engine.Runtime.StartProcessAsync(new StartProcessRequest
        {
            ProcessKey = VupeProcesses.Cul, OfficeCode = "LIM", UserId = "consultor.lim", Title = "Certificado Único Laboral",
            SubjectId = "party-1", Variables = variables,
        });
    }

    [Test]
    public async Task A_clean_citizen_gets_a_signed_certificate_with_every_section_and_each_call_in_the_history()
    {
        var instance = await RequestAsync(SimulatedDnis.CleanRecords);

        Assert.That((await _engine.Runtime.GetInstanceAsync(instance.Id)).Status, Is.EqualTo(InstanceStatus.Completed));
        var issued = _archive.Issued.Single();
        Assert.That(issued.CertificateNumber, Is.EqualTo("CUL-LIM-2026-000001"));
        Assert.That(issued.Dni, Is.EqualTo(SimulatedDnis.CleanRecords));
        Assert.That(issued.HasCriminalRecords, Is.False);
        Assert.That(issued.ValidUntil, Is.EqualTo(issued.IssuedAt.AddMonths(3)));
        Assert.That(issued.IssuedAt, Is.EqualTo(_clock.GetUtcNow()));
        var verification = TestCul.Verifier.Verify(issued.Pdf.Span);
        Assert.That(verification.Status, Is.EqualTo(PdfSignatureStatus.Intact), verification.MessageEn);

        var variables = await _engine.Runtime.GetVariablesAsync(instance.Id);
        var cul = (Dictionary<string, object?>)variables["cul"]!;
        Assert.That(cul["numero"], Is.EqualTo("CUL-LIM-2026-000001"));
        Assert.That(cul["codigoVerificacion"], Is.EqualTo(issued.VerificationCode));
        Assert.That(variables["identidadValidada"], Is.EqualTo(true));

        var calls = (await _engine.History.ForInstanceAsync(instance.Id)).Where(h => h.EventType == HistoryEventTypes.ExternalCall).ToList();
        Assert.That(calls.Select(c => c.ElementId), Is.EquivalentTo(new[]
            { "consultarIdentidad", "consultarPoliciales", "consultarJudiciales", "consultarPenales", "consultarEducacion", "consultarPlanilla" }));
        Assert.That(calls.Select(c => c.Details), Is.All.Contain("\"outcome\":\"Succeeded\""));
        Assert.That(calls.Select(c => c.Details), Is.All.Not.Contain(SimulatedDnis.CleanRecords), "no DNI in the history");
    }

    [Test]
    public async Task Criminal_records_reach_the_certificate_but_never_the_variables_or_the_history()
    {
        var instance = await RequestAsync(SimulatedDnis.PenalRecord);

        var issued = _archive.Issued.Single();
        Assert.That(issued.HasCriminalRecords, Is.True);
        var penal = (await _archive.ReadAnswersAsync(instance.CaseId, default)).Single(a => a.Section == CulSections.PenalRecords);
        Assert.That(penal.ValueJson, Does.Contain("\"records\":[{"));
        var everything = string.Join("\n", (await _engine.History.ForCaseAsync(instance.CaseId)).Select(h => h.Details))
            + System.Text.Json.JsonSerializer.Serialize(await _engine.Runtime.GetVariablesAsync(instance.Id));
        var record = System.Text.Json.JsonDocument.Parse(penal.ValueJson).RootElement.GetProperty("records")[0].GetProperty("description").GetString()!;
        Assert.That(everything, Does.Not.Contain(record));
    }

    [Test]
    public async Task A_citizen_RENIEC_does_not_know_gets_no_certificate()
    {
        var instance = await RequestAsync(SimulatedDnis.NotInReniec);

        Assert.That((await _engine.Runtime.GetInstanceAsync(instance.Id)).Status, Is.EqualTo(InstanceStatus.Completed));
        Assert.That(_archive.Issued, Is.Empty);
        var ended = (await _engine.History.ForInstanceAsync(instance.Id)).Last(h => h.EventType == HistoryEventTypes.ElementCompleted);
        Assert.That(ended.ElementId, Is.EqualTo("noEmitido"));
        var call = (await _engine.History.ForInstanceAsync(instance.Id)).Single(h => h.EventType == HistoryEventTypes.ExternalCall);
        Assert.That(call.Details, Does.Contain("\"outcome\":\"NotFound\""));
        Assert.That((await _engine.Runtime.GetVariablesAsync(instance.Id))["observacionIdentidad"], Does.Contain("RENIEC no tiene registrado el DNI"));
    }

    [TestCase(SimulatedDnis.Deceased, "fallecido")]
    [TestCase(SimulatedDnis.Cancelled, "cancelada")]
    public async Task A_DNI_RENIEC_holds_as_not_in_force_gets_no_certificate_and_the_case_says_why(string dni, string reason)
    {
        var instance = await RequestAsync(dni);

        Assert.That(_archive.Issued, Is.Empty);
        var variables = await _engine.Runtime.GetVariablesAsync(instance.Id);
        Assert.That(variables["identidadValidada"], Is.EqualTo(false));
        Assert.That(variables["observacionIdentidad"], Does.Contain(reason));
        Assert.That((await _engine.History.ForInstanceAsync(instance.Id)).Last(h => h.EventType == HistoryEventTypes.ElementCompleted).ElementId,
            Is.EqualTo("noEmitido"));
    }

    [Test]
    public async Task A_ficha_that_names_someone_else_than_RENIEC_stops_before_any_back_office_and_a_consultant_decides()
    {
        // The tester's case: the ficha says Carmen Rosa Huarcaya Ñaupari, 14/05/1990; RENIEC knows the DNI as someone else.
        const string dni = "45871236";
        var reniec = SimulatedPopulation.Find(dni).Identity!;
        var ficha = reniec with { GivenNames = "Carmen Rosa", PaternalSurname = "Huarcaya", MaternalSurname = "Ñaupari", BirthDate = new DateOnly(1990, 5, 14) };
        var instance = await RequestAsync(dni, ficha: ficha);

        Assert.That(_archive.Issued, Is.Empty, "nothing signed");
        Assert.That(_backOffices.IdempotencyKeysSeen(ConnectorNames.PoliceRecords), Is.Empty, "no back office asked about a person not validated");
        var variables = await _engine.Runtime.GetVariablesAsync(instance.Id);
        Assert.That(variables["identidadValidada"], Is.EqualTo(false));
        Assert.That(variables["observacionIdentidad"], Does.Contain("nombres (ficha: «Carmen Rosa»; RENIEC: «" + reniec.GivenNames + "»)")
            .And.Contain("fecha de nacimiento (ficha: 14/05/1990; RENIEC: " + reniec.BirthDate.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) + ")"));
        var task = (await _engine.Tasks.QueryAsync(new Vupe.Engine.Persistence.TaskFilter { CaseId = instance.CaseId })).Single();
        Assert.That(task.ElementId, Is.EqualTo("revisarIdentidad"));

        // RENIEC rectifies its record (or the ficha was corrected): the consultant consults again and the CUL is issued.
        _backOffices.SetIdentity(dni, ficha);
        await _engine.Tasks.ClaimAsync(task.Id, "consultor.lim");
        await _engine.Tasks.CompleteAsync(task.Id, new Dictionary<string, object?> { ["decisionIdentidad"] = "reintentar" }, "consultor.lim");
        Assert.That(_archive.Issued.Single().HolderName, Is.EqualTo("Carmen Rosa Huarcaya Ñaupari"));
        Assert.That((await _engine.Runtime.GetVariablesAsync(instance.Id))["identidadValidada"], Is.EqualTo(true));
    }

    [Test]
    public async Task A_consultant_closes_a_mismatch_without_issuing()
    {
        var reniec = SimulatedPopulation.Find(SimulatedDnis.CleanRecords).Identity!;
        var instance = await RequestAsync(SimulatedDnis.CleanRecords, ficha: reniec with { BirthDate = reniec.BirthDate.AddDays(1) });
        var task = (await _engine.Tasks.QueryAsync(new Vupe.Engine.Persistence.TaskFilter { CaseId = instance.CaseId })).Single();
        await _engine.Tasks.ClaimAsync(task.Id, "consultor.lim");
        await _engine.Tasks.CompleteAsync(task.Id, new Dictionary<string, object?> { ["decisionIdentidad"] = "cerrar" }, "consultor.lim");

        Assert.That((await _engine.Runtime.GetInstanceAsync(instance.Id)).Status, Is.EqualTo(InstanceStatus.Completed));
        Assert.That(_archive.Issued, Is.Empty);
        Assert.That((await _engine.History.ForInstanceAsync(instance.Id)).Last(h => h.EventType == HistoryEventTypes.ElementCompleted).ElementId,
            Is.EqualTo("noCoincidente"));
    }

    [Test]
    public async Task Names_are_compared_without_accents_case_or_extra_spaces()
    {
        var reniec = SimulatedPopulation.Find(SimulatedDnis.CleanRecords).Identity!; // María José Quispe Ñuñez
        await RequestAsync(SimulatedDnis.CleanRecords, ficha: reniec with { GivenNames = "MARIA  JOSE", MaternalSurname = "nunez" });
        Assert.That(_archive.Issued, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_holder_of_another_document_is_not_validated_and_nothing_is_asked_of_RENIEC()
    {
        await RequestAsync("001234567", documentType: "ForeignerCard");
        Assert.That(_archive.Issued, Is.Empty);
        Assert.That(_backOffices.IdempotencyKeysSeen(ConnectorNames.Identity), Is.Empty);
    }

    [Test]
    public async Task A_back_office_that_is_down_leaves_an_incident_and_no_certificate_until_it_is_retried()
    {
        _backOffices.SetDown(ConnectorNames.PoliceRecords);
        var instance = await RequestAsync(SimulatedDnis.CleanRecords);

        // Four attempts with back-off (20 s, 40 s, 80 s), then an incident; the other four sections are in.
        for (var i = 0; i < 4; i++) await AdvanceAsync(TimeSpan.FromMinutes(3));
        var incident = (await _engine.Management.ListIncidentsAsync(caseId: instance.CaseId)).Single();
        Assert.That(incident.ElementId, Is.EqualTo("consultarPoliciales"));
        Assert.That(incident.Message, Does.Contain("unavailable"));
        Assert.That(_archive.Issued, Is.Empty, "never a CUL with a section missing");
        var keys = _backOffices.IdempotencyKeysSeen(ConnectorNames.PoliceRecords);
        Assert.That(keys, Has.Count.EqualTo(4));
        Assert.That(keys.Distinct().Count(), Is.EqualTo(1), "every retry of the step sends the same idempotency key");
        var failed = (await _engine.History.ForCaseAsync(instance.CaseId))
            .Where(h => h.EventType == HistoryEventTypes.ExternalCall && h.ElementId == "consultarPoliciales").ToList();
        Assert.That(failed, Has.Count.EqualTo(4));
        Assert.That(failed.Select(f => f.Details), Is.All.Contain("\"outcome\":\"Failed\""));

        // The PNP is back; the consultant retries the incident and the certificate is issued.
        _backOffices.SetUp(ConnectorNames.PoliceRecords);
        await _engine.Management.ResolveIncidentAsync(incident.Id, retries: 1, userId: "consultor.lim");
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.That(_archive.Issued, Has.Count.EqualTo(1));
        Assert.That((await _engine.Runtime.GetInstanceAsync(instance.Id)).Status, Is.EqualTo(InstanceStatus.Completed));
    }

    [Test]
    public async Task A_citizen_can_ask_again_and_gets_a_new_certificate_in_a_new_case()
    {
        var first = await RequestAsync(SimulatedDnis.CleanRecords);
        _clock.Advance(TimeSpan.FromDays(10));
        var second = await RequestAsync(SimulatedDnis.CleanRecords);

        Assert.That(second.CaseId, Is.Not.EqualTo(first.CaseId));
        Assert.That(_archive.Issued.Select(i => i.CertificateNumber), Is.EqualTo(new[] { "CUL-LIM-2026-000001", "CUL-LIM-2026-000002" }));
        Assert.That(_archive.Issued.Select(i => i.VerificationCode).Distinct().Count(), Is.EqualTo(2));
    }

    private async Task AdvanceAsync(TimeSpan by)
    {
        _clock.Advance(by);
        await _engine.Management.ExecuteAllDueJobsAsync();
    }
}
