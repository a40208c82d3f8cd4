using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Vupe.Workflows.Documents;

namespace Vupe.Workflows.Tests;

/// <summary>
/// The triage end to end on a real SQLite file: diagnosis form → decision → ficha única → confirmation
/// (one service dropped, one added) → one child referral case per confirmed service → delivery and follow-up.
/// </summary>
public sealed class TriageFlowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-5));
    private FakeTimeProvider _clock = null!;
    private InMemoryEmployabilityRecord _ficha = null!;
    private InMemoryServiceDocumentIssuer _documents = null!;
    private ProcessEngine _engine = null!;
    private string _databasePath = "";

    [SetUp]
    public async Task StartEngine()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vupe-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        _databasePath = Path.Combine(dir, "vupe.db");
        _clock = new FakeTimeProvider(T0);
        _ficha = new InMemoryEmployabilityRecord();
        _documents = new InMemoryServiceDocumentIssuer(TestCul.Signer);
        _engine = await new ProcessEngineBuilder()
            .UseSqlite(_databasePath)
            .UseTimeProvider(_clock)
            .AddVupeCatalogue(_ficha, TestCul.Services(time: _clock), timeProvider: _clock, documents: _documents)
            .AddTaskHandler("reniec.consultar", _ => null)
            .AddTaskHandler("notificar", _ => null)
            .BuildAsync();
        await VupeCatalogue.Load().DeployAsync(_engine, "admin");
    }

    [TearDown]
    public async Task StopEngine()
    {
        if (_engine is not null) await _engine.DisposeAsync();
    }

    [Test]
    public async Task A_citizen_triage_opens_one_referral_case_per_confirmed_service()
    {
        var triage = await _engine.Runtime.StartProcessAsync(new StartProcessRequest
        {
            ProcessKey = VupeProcesses.CitizenTriage, OfficeCode = "ARE", UserId = "recepcion.arequipa", Title = "Triaje de Rosa Quispe Huamán",
            Variables = new Dictionary<string, object?>
            {
                ["partyId"] = "DNI-45678912", ["edad"] = 19, ["tipoDocumento"] = "Dni", ["numeroDocumento"] = "45678912", ["nombre"] = "Rosa Quispe Huamán",
            },
        });
        Assert.That(triage.CaseNumber, Is.EqualTo("ARE-2026-000001"));

        // 1. The consultant of the office fills in the diagnosis.
        var diagnosis = await TaskAsync(triage.Id, "diagnostico");
        Assert.That(diagnosis.CandidateGroups, Is.EqualTo(new[] { "ARE-consultor" }));
        Assert.That(diagnosis.FormKey, Is.EqualTo("diagnostico-empleabilidad"));
        await _engine.Tasks.ClaimAsync(diagnosis.Id, "ana.consultora");
        var answers = Profiles.Citizen(19, "desempleado", mesesDesempleo: 3, capacitacion: true, cul: true);
        answers["regionesDisponibilidad"] = new List<object?> { "04", "15" };
        answers["observacionesDiagnostico"] = "Busca trabajo en Arequipa o Lima.";
        await _engine.Tasks.CompleteAsync(diagnosis.Id, answers, "ana.consultora");

        // 2. The decision ran and its explanation is in the case history: inputs, matched rules, outputs.
        var history = await _engine.History.ForCaseAsync(triage.CaseId);
        var decided = history.Single(h => h.EventType == HistoryEventTypes.DecisionEvaluated);
        Assert.That(decided.ElementId, Is.EqualTo("recomendar"));
        Assert.That(decided.UserId, Is.EqualTo("ana.consultora"));
        using (var details = JsonDocument.Parse(decided.Details!))
        {
            var root = details.RootElement;
            Assert.That(root.GetProperty("decisionRef").GetString(), Is.EqualTo("triaje-empleabilidad"));
            var table = root.GetProperty("explanation").GetProperty("decisions")[0].GetProperty("tables")[0];
            Assert.That(table.GetProperty("hitPolicy").GetString(), Is.EqualTo("COLLECT"));
            Assert.That(Ints(table.GetProperty("matchedRules")), Is.EqualTo(new[] { 1, 4, 8, 9, 10 }));
            Assert.That(Strings(table.GetProperty("matchedRuleIds")), Is.EqualTo(new[]
                { "bolsa_busca_empleo", "asesoria_primer_empleo", "cul_solicitado", "capacitacion_jovenes", "capacitacion_jovenes_sin_formacion" }));
            var inputs = table.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("input").GetString()!, i => i.GetProperty("value").ToString());
            Assert.That(inputs["Edad"], Is.EqualTo("19"));
            Assert.That(inputs["Situación laboral"], Is.EqualTo("desempleado"));
            Assert.That(inputs, Has.Count.EqualTo(14));
            var outputs = table.GetProperty("output").EnumerateArray().ToList();
            Assert.That(outputs.Select(o => o.GetProperty("servicio").GetString()), Is.EqualTo(new[]
                { "bolsa-trabajo", "asesoria-busqueda-empleo", "cul", "capacitacion-laboral", "capacitacion-laboral" }));
            Assert.That(outputs[1].GetProperty("motivo").GetString(), Is.EqualTo("Busca su primer empleo: cómo preparar la hoja de vida y afrontar entrevistas"));
            Assert.That(root.GetProperty("output").GetArrayLength(), Is.EqualTo(5));
        }

        // 3. The diagnosis is in the ficha única, with the form's answers and the recommendations.
        var recorded = _ficha.Diagnoses.Single();
        Assert.That((recorded.PartyId, recorded.PartyKind, recorded.CaseId, recorded.OfficeCode), Is.EqualTo(("DNI-45678912", PartyKind.Citizen, triage.CaseId, "ARE")));
        Assert.That(recorded.Answers["situacionLaboral"], Is.EqualTo("desempleado"));
        Assert.That(recorded.Answers["regionesDisponibilidad"], Is.EqualTo(new List<object?> { "04", "15" }));
        Assert.That(recorded.Answers, Does.Not.ContainKey("partyId"), "only the form's fields are answers");
        Assert.That(recorded.RecommendedServices.Select(r => r.ServiceCode).Distinct(), Is.EqualTo(new[] { "bolsa-trabajo", "asesoria-busqueda-empleo", "cul", "capacitacion-laboral" }));

        // 4. The confirmation comes with the recommended services ticked; the consultant drops one and adds one.
        var confirm = await TaskAsync(triage.Id, "confirmar");
        Assert.That(confirm.FormKey, Is.EqualTo("confirmar-derivaciones"));
        var offered = await _engine.Tasks.GetVariablesAsync(confirm.Id);
        Assert.That(offered["serviciosConfirmados"], Is.EqualTo(new List<object?> { "bolsa-trabajo", "asesoria-busqueda-empleo", "cul", "capacitacion-laboral" }));
        Assert.That(await _engine.Cases.ChildrenAsync(triage.CaseId), Is.Empty, "nothing is opened before the consultant confirms");
        await _engine.Tasks.CompleteAsync(confirm.Id, new Dictionary<string, object?>
        {
            ["serviciosConfirmados"] = new List<object?> { "bolsa-trabajo", "cul", "capacitacion-laboral", "orientacion-vocacional" },
            ["observacionesDerivacion"] = "Ya tuvo asesoría el mes pasado; pide orientación vocacional.",
        }, "ana.consultora");

        // 5. One child case per confirmed service, at the triage's office, running the referral process.
        Assert.That((await _engine.Runtime.GetInstanceAsync(triage.Id)).Status, Is.EqualTo(InstanceStatus.Completed));
        Assert.That((await _engine.Cases.GetAsync(triage.CaseId)).Status, Is.EqualTo(CaseStatus.Closed));
        var children = await _engine.Cases.ChildrenAsync(triage.CaseId);
        Assert.That(children, Has.Count.EqualTo(4));
        Assert.That(children.Select(c => c.ParentCaseId), Is.All.EqualTo(triage.CaseId));
        Assert.That(children.Select(c => c.OfficeCode), Is.All.EqualTo("ARE"));
        // Each service opens its own procedure, as the decision procedimiento-por-servicio says.
        Assert.That(children.ToDictionary(c => c.Title!, c => c.ProcessKey), Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["Derivación a Bolsa de trabajo"] = VupeProcesses.JobBank,
            ["Derivación a Certificado único laboral"] = VupeProcesses.Cul,
            ["Derivación a Capacitación laboral"] = VupeProcesses.JobTraining,
            ["Derivación a Orientación vocacional e información ocupacional"] = VupeProcesses.VocationalGuidance,
        }));
        var routed = (await _engine.History.ForCaseAsync(triage.CaseId)).Where(h => h.EventType == HistoryEventTypes.DecisionEvaluated).Select(h => h.ElementId);
        Assert.That(routed, Is.EqualTo(new[] { "recomendar", "elegirProcedimientos" }), "the routing is a decision, explained in the case history");
        Assert.That(children.Select(c => c.OpenedBy), Is.All.EqualTo("ana.consultora"));
        Assert.That(children.Select(c => c.Title), Is.EqualTo(new[]
            { "Derivación a Bolsa de trabajo", "Derivación a Certificado único laboral", "Derivación a Capacitación laboral", "Derivación a Orientación vocacional e información ocupacional" }));
        var cul = await _engine.Cases.GetVariablesAsync(children.Single(c => c.ProcessKey == VupeProcesses.Cul).Id);
        Assert.That((cul["tipoDocumento"], cul["numeroDocumento"], cul["nombre"]), Is.EqualTo(((object?)"Dni", (object?)"45678912", (object?)"Rosa Quispe Huamán")),
            "the CUL starts with the identity it needs, copied from the triage");

        var triageVariables = await _engine.Runtime.GetVariablesAsync(triage.Id);
        Assert.That(triageVariables["serviciosDescartados"], Is.EqualTo(new List<object?> { "asesoria-busqueda-empleo" }));
        Assert.That(triageVariables["serviciosAgregados"], Is.EqualTo(new List<object?> { "orientacion-vocacional" }));
        var derivaciones = ((List<object?>)triageVariables["derivaciones"]!).Cast<Dictionary<string, object?>>().ToList();
        Assert.That(derivaciones.Select(d => d["caseNumber"]), Is.EquivalentTo(children.Select(c => c.CaseNumber)));
        var opened = (await _engine.History.ForCaseAsync(triage.CaseId)).Where(h => h.EventType == HistoryEventTypes.ChildCaseOpened).ToList();
        Assert.That(opened.Select(h => h.ElementId), Is.EqualTo(Enumerable.Repeat("abrirDerivaciones", 4)));

        // Each referral waits for its service's consultants, with the reasons and the triage's data.
        var training = children.Single(c => c.Title == "Derivación a Capacitación laboral");
        var enrolment = (await _engine.Tasks.QueryAsync(new TaskFilter { CaseId = training.Id })).Single();
        Assert.That((enrolment.ElementId, enrolment.FormKey), Is.EqualTo(("inscripcion", "cl-inscripcion")));
        Assert.That(enrolment.CandidateGroups, Is.EqualTo(new[] { "ARE-capacitacion-laboral" }));
        Assert.That(enrolment.Priority, Is.EqualTo(80), "one of its reasons has high priority");
        var referral = await _engine.Tasks.GetVariablesAsync(enrolment.Id);
        Assert.That(referral["servicio"], Is.EqualTo("capacitacion-laboral"));
        Assert.That(referral["partyId"], Is.EqualTo("DNI-45678912"));
        Assert.That(referral["edad"], Is.EqualTo(19m));
        Assert.That(referral["casoOrigen"], Is.EqualTo(triage.CaseNumber));
        Assert.That(referral["agregadoPorConsultor"], Is.False);
        Assert.That((List<object?>)referral["motivos"]!, Has.Count.EqualTo(2));
        var added = children.Single(c => c.Title!.EndsWith("Orientación vocacional e información ocupacional", StringComparison.Ordinal));
        var addedVariables = await _engine.Cases.GetVariablesAsync(added.Id);
        Assert.That(addedVariables["agregadoPorConsultor"], Is.True);
        Assert.That(addedVariables["motivos"], Is.EqualTo(new List<object?> { OpenReferralsHandler.AddedByConsultantReason }));

        // 6. Capacitación laboral: enrolment, attendance, a signed constancia, follow-ups at 30 and 90 days, each in the ficha única.
        await CompleteAsync(training.Id, "inscripcion", new()
        {
            ["inscripcion"] = "inscrito", ["nombreCurso"] = "Soldadura básica", ["entidadCapacitadora"] = "SENATI Arequipa", ["modalidad"] = "presencial",
            ["fechaInicio"] = "2026-03-09", ["fechaFin"] = "2026-04-17", ["horasProgramadas"] = 120,
        });
        await CompleteAsync(training.Id, "asistencia", new() { ["horasCursadas"] = 114, ["porcentajeAsistencia"] = 95, ["resultadoCurso"] = "aprobado", ["notaFinal"] = 16 });
        var constancia = _documents.Issued.Single();
        Assert.That((constancia.Request.DocumentKind, constancia.Request.Certificate.HolderName, constancia.Request.Certificate.HolderDocument),
            Is.EqualTo(("constancia", "Rosa Quispe Huamán", "DNI 45678912")));
        Assert.That(constancia.Request.Certificate.Fields, Does.Contain(("Horas lectivas", "114")).And.Contain(("Fecha de término", "17/04/2026")));
        Assert.That(TestCul.Verifier.Verify(constancia.Pdf).Status, Is.EqualTo(Vupe.Documents.Verification.PdfSignatureStatus.Intact));
        var completed = _ficha.Outcomes.Single();
        Assert.That((completed.PartyId, completed.ServiceCode, completed.CaseId, completed.ParentCaseNumber), Is.EqualTo(("DNI-45678912", "capacitacion-laboral", training.Id, triage.CaseNumber)));
        Assert.That(completed.DeliveryResult, Is.EqualTo("curso-completado"));
        Assert.That(completed.Details!["nombreCurso"], Is.EqualTo("Soldadura básica"));
        Assert.That(completed.Details["horasCursadas"], Is.EqualTo(114m));
        Assert.That(((IReadOnlyDictionary<string, object?>)completed.Details["constancia"]!)["numero"], Is.EqualTo(constancia.Receipt.Number));

        Assert.That(await _engine.Tasks.QueryAsync(new TaskFilter { CaseId = training.Id }), Is.Empty, "the follow-ups wait");
        _clock.Advance(TimeSpan.FromDays(30));
        await _engine.Management.ExecuteAllDueJobsAsync();
        await CompleteAsync(training.Id, "seguimiento30", new() { ["resultadoSeguimiento"] = "buscando" });
        _clock.Advance(TimeSpan.FromDays(60));
        await _engine.Management.ExecuteAllDueJobsAsync();
        await CompleteAsync(training.Id, "seguimiento90", new()
            { ["resultadoSeguimiento"] = "insertado-formal", ["empleador"] = "Metalmecánica del Sur S.A.C.", ["ocupacionActual"] = "Soldador", ["relacionadoConServicio"] = true });

        Assert.That(await _engine.Management.ListIncidentsAsync(caseId: training.Id), Is.Empty);
        Assert.That((await _engine.Cases.GetAsync(training.Id)).Status, Is.EqualTo(CaseStatus.Closed));
        var latest = _ficha.Outcomes.Where(o => o.CaseId == training.Id).ToList();
        Assert.That(latest.Select(o => o.FollowUpResult), Is.EqualTo(new string?[] { null, "buscando", "insertado-formal" }));
        var ninety = (IReadOnlyDictionary<string, object?>)latest[^1].Details!["seguimiento90"]!;
        Assert.That((ninety["resultado"], ninety["empleador"], ninety["relacionadoConServicio"]), Is.EqualTo(((object?)"insertado-formal", (object?)"Metalmecánica del Sur S.A.C.", (object?)true)));
    }

    private async Task CompleteAsync(Guid caseId, string elementId, Dictionary<string, object?> data)
    {
        var task = (await _engine.Tasks.QueryAsync(new TaskFilter { CaseId = caseId })).Single(t => t.ElementId == elementId);
        await _engine.Tasks.CompleteAsync(task.Id, data, "luis.capacitacion");
    }

    [Test]
    public async Task A_company_outreach_opens_referrals_for_the_ruc_likewise()
    {
        var outreach = await _engine.Runtime.StartProcessAsync(new StartProcessRequest
        {
            ProcessKey = VupeProcesses.CompanyOutreach, OfficeCode = "LIM",
            Variables = new Dictionary<string, object?> { ["partyId"] = "RUC-20512333797", ["ruc"] = "20512333797", ["razonSocial"] = "Textiles Andinos S.A.C." },
        });
        var form = await TaskAsync(outreach.Id, "acercamiento");
        Assert.That((form.FormKey, form.CandidateGroups.Single()), Is.EqualTo(("acercamiento-empresarial", "LIM-consultor")));
        await _engine.Tasks.CompleteAsync(form.Id, Profiles.Company("grande", 20, vacantes: 25, capacitar: true, extranjeros: true), "jorge.gestor");

        var decided = (await _engine.History.ForCaseAsync(outreach.CaseId)).Single(h => h.EventType == HistoryEventTypes.DecisionEvaluated);
        using (var details = JsonDocument.Parse(decided.Details!))
        {
            var table = details.RootElement.GetProperty("explanation").GetProperty("decisions")[0].GetProperty("tables")[0];
            Assert.That(Strings(table.GetProperty("matchedRuleIds")), Is.EqualTo(new[]
                { "empresa_registro", "empresa_vacantes", "empresa_convocatoria_masiva", "empresa_capacitacion", "empresa_informacion_gran_empleador", "empresa_extranjeros" }));
        }
        var recorded = _ficha.Diagnoses.Single();
        Assert.That((recorded.PartyKind, recorded.FormKey, recorded.Answers["ruc"]), Is.EqualTo((PartyKind.Company, "acercamiento-empresarial", (object?)"20512333797")));

        var confirm = await TaskAsync(outreach.Id, "confirmar");
        Assert.That((await _engine.Tasks.GetVariablesAsync(confirm.Id))["serviciosConfirmados"], Is.EqualTo(new List<object?>
            { "acercamiento-empresarial", "bolsa-trabajo", "capacitacion-laboral", "informacion-mercado-trabajo", "orientacion-migrante" }));
        await _engine.Tasks.CompleteAsync(confirm.Id, new Dictionary<string, object?>
        {
            ["serviciosConfirmados"] = new List<object?> { "acercamiento-empresarial", "bolsa-trabajo", "capacitacion-laboral", "orientacion-migrante", "certificacion-competencias" },
        }, "jorge.gestor");

        var children = await _engine.Cases.ChildrenAsync(outreach.CaseId);
        Assert.That(children, Has.Count.EqualTo(5));
        Assert.That(children.Select(c => (c.ParentCaseId, c.OfficeCode)), Is.All.EqualTo(((Guid?)outreach.CaseId, "LIM")));
        // For a company, what it is offered (its vacancies in the job bank too) is attended and followed up in one procedure.
        Assert.That(children.ToDictionary(c => c.Title!, c => c.ProcessKey), Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["Derivación a Acercamiento empresarial"] = VupeProcesses.BusinessOutreachFollowUp,
            ["Derivación a Bolsa de trabajo"] = VupeProcesses.BusinessOutreachFollowUp,
            ["Derivación a Capacitación laboral"] = VupeProcesses.BusinessOutreachFollowUp,
            ["Derivación a Orientación para el migrante"] = VupeProcesses.BusinessOutreachFollowUp,
            ["Derivación a Certificación de competencias laborales"] = VupeProcesses.BusinessOutreachFollowUp,
        }));
        var jobBank = children.Single(c => c.Title == "Derivación a Bolsa de trabajo");
        var variables = await _engine.Cases.GetVariablesAsync(jobBank.Id);
        Assert.That((variables["ruc"], variables["razonSocial"], variables["prioridad"]), Is.EqualTo(((object?)"20512333797", (object?)"Textiles Andinos S.A.C.", (object?)"alta")));
        var outreachVariables = await _engine.Runtime.GetVariablesAsync(outreach.Id);
        Assert.That(outreachVariables["serviciosDescartados"], Is.EqualTo(new List<object?> { "informacion-mercado-trabajo" }));
        Assert.That(outreachVariables["serviciosAgregados"], Is.EqualTo(new List<object?> { "certificacion-competencias" }));
    }

    [Test]
    public async Task With_no_service_recommended_or_confirmed_the_triage_ends_without_referrals()
    {
        var triage = await _engine.Runtime.StartProcessAsync(new StartProcessRequest
        {
            ProcessKey = VupeProcesses.CitizenTriage, OfficeCode = "CUS",
            Variables = new Dictionary<string, object?> { ["partyId"] = "DNI-10117410", ["edad"] = 40 },
        });
        await _engine.Tasks.CompleteAsync((await TaskAsync(triage.Id, "diagnostico")).Id,
            Profiles.Citizen(40, "empleado", nivel: "tecnica", experiencia: "certificada", anios: 12), "rosa.consultora");

        var confirm = await TaskAsync(triage.Id, "confirmar");
        var offered = await _engine.Tasks.GetVariablesAsync(confirm.Id);
        Assert.That(offered["recomendaciones"], Is.Empty);
        Assert.That(offered["serviciosConfirmados"], Is.Empty);
        await _engine.Tasks.CompleteAsync(confirm.Id, null, "rosa.consultora");

        var instance = await _engine.Runtime.GetInstanceAsync(triage.Id);
        Assert.That(instance.Status, Is.EqualTo(InstanceStatus.Completed));
        Assert.That((await _engine.History.ForInstanceAsync(triage.Id)).Any(h => h.ElementId == "finSinDerivacion"), Is.True);
        Assert.That(await _engine.Cases.ChildrenAsync(triage.CaseId), Is.Empty);
        Assert.That(_ficha.Diagnoses.Single().RecommendedServices, Is.Empty);
    }

    [Test]
    public async Task An_answer_the_decision_does_not_know_stops_the_triage_with_an_incident_that_names_it()
    {
        var triage = await _engine.Runtime.StartProcessAsync(new StartProcessRequest
        {
            ProcessKey = VupeProcesses.CitizenTriage, OfficeCode = "LIM",
            Variables = new Dictionary<string, object?> { ["partyId"] = "DNI-10117410", ["edad"] = 66 },
        });
        await _engine.Tasks.CompleteAsync((await TaskAsync(triage.Id, "diagnostico")).Id, Profiles.Citizen(66, "jubilado"), "rosa.consultora");

        var incident = (await _engine.Management.ListIncidentsAsync(triage.Id)).Single();
        Assert.That(incident.ElementId, Is.EqualTo("recomendar"));
        Assert.That(incident.Message, Does.Contain("'Situación laboral' is \"jubilado\""));
        Assert.That(_ficha.Diagnoses, Is.Empty);
    }

    private async Task<TaskInfo> TaskAsync(Guid instanceId, string elementId)
    {
        var tasks = await _engine.Tasks.QueryAsync(new TaskFilter { InstanceId = instanceId });
        Assert.That(tasks.Select(t => t.ElementId), Is.EqualTo(new[] { elementId }));
        return tasks[0];
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private static string?[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString())];
}
