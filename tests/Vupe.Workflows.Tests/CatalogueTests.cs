using System.Text.Json;
using System.Xml.Linq;
using Vupe.Dmn;

namespace Vupe.Workflows.Tests;

/// <summary>The catalogue's files load, validate and deploy, and agree with each other (forms, decisions, services).</summary>
public sealed class CatalogueTests
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Vupe = "http://vupecases.pe/schema/bpmn/1.0";
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    private readonly VupeCatalogue _catalogue = VupeCatalogue.Load();

    private static readonly string[] ProcessKeys =
    [
        VupeProcesses.CitizenTriage, VupeProcesses.CompanyOutreach, VupeProcesses.Referral, VupeProcesses.Cul,
        VupeProcesses.VocationalGuidance, VupeProcesses.JobTraining, VupeProcesses.EntrepreneurshipTraining, VupeProcesses.EntrepreneurshipGuidance,
        VupeProcesses.JobSearchCounselling, VupeProcesses.TemporaryEmployment, VupeProcesses.CompetencyCertification, VupeProcesses.MigrantGuidance,
        VupeProcesses.BusinessOutreachFollowUp, VupeProcesses.JobBank, VupeProcesses.LabourMarketInformation, VupeProcesses.TaskEscalation, VupeProcesses.ArcoRequest,
    ];

    private static ProcessEngineBuilder Builder() => new ProcessEngineBuilder()
        .UseInMemoryStore()
        .AddVupeCatalogue(new InMemoryEmployabilityRecord(), TestCul.Services());

    [Test]
    public void The_catalogue_holds_the_vupe_processes_decisions_and_forms()
    {
        Assert.That(_catalogue.Processes.Select(p => p.Key), Is.EquivalentTo(ProcessKeys));
        Assert.That(_catalogue.Files.Where(f => f.Kind == CatalogueFileKind.Decision).Select(f => f.Name),
            Is.EquivalentTo(new[] { "acercamiento-empresarial.dmn", "elegibilidad-empleo-temporal.dmn", "procedimiento-por-servicio.dmn", "triaje-empleabilidad.dmn" }));
        Assert.That(_catalogue.Forms.Select(f => f.Key), Is.SupersetOf(new[]
            { "acercamiento-empresarial", "confirmar-derivaciones", "diagnostico-empleabilidad", "prestacion-servicio", "seguimiento-derivacion",
              "cl-inscripcion", "cl-asistencia", "cc-evaluacion", "et-requisitos", "seguimiento-insercion",
              "bolsa-completar-perfil", "bolsa-elegir-vacantes", "bolsa-respuesta-empresa", "bolsa-seguimiento", "mercado-consulta", "mercado-orientacion", "revisar-identidad-cul", "escalacion-tarea" }));
        Assert.That(_catalogue.TaskTypes, Is.EquivalentTo(VupeTaskTypes.All));
    }

    [Test]
    public async Task Every_process_validates_and_the_catalogue_deploys_once()
    {
        await using var engine = await Builder().BuildAsync();
        Assert.That(engine.Repository.Validate(_catalogue.ProcessResources()), Is.Empty);

        var first = await _catalogue.DeployAsync(engine, "admin");
        Assert.That(first.Definitions.Select(d => (d.Key, d.Version)), Is.EquivalentTo(ProcessKeys.Select(k => (k, 1))));
        var again = await _catalogue.DeployAsync(engine);
        Assert.That(again.Definitions, Is.Empty, "deploying at every start adds no versions");
        Assert.That(again.Unchanged, Has.Count.EqualTo(ProcessKeys.Length));
    }

    [Test]
    public async Task Every_catalogue_task_type_is_registered_by_AddVupeCatalogue()
    {
        await using var engine = await new ProcessEngineBuilder().UseInMemoryStore().AddVupeCatalogue(new InMemoryEmployabilityRecord(), TestCul.Services()).BuildAsync();
        Assert.That(engine.Repository.Validate(_catalogue.ProcessResources()), Is.Empty, "the catalogue needs no handler the server must add");
    }

    [Test]
    public void Every_process_has_a_diagram_for_each_element_and_refers_only_to_catalogue_forms_and_decisions()
    {
        var decisionIds = _catalogue.Decisions.SelectMany(d => d.Decisions).Select(d => d.Id).ToHashSet();
        foreach (var process in _catalogue.Processes)
        {
            var xml = XDocument.Parse(process.Content);
            var elements = xml.Descendants(Bpmn + "process").Single().Elements()
                .Where(e => e.Name.LocalName is not ("documentation" or "extensionElements")).Select(e => (string)e.Attribute("id")!).ToList();
            var drawn = xml.Descendants().Where(e => e.Name == BpmnDi + "BPMNShape" || e.Name == BpmnDi + "BPMNEdge").Select(e => (string)e.Attribute("bpmnElement")!).ToHashSet();
            Assert.That(elements.Where(id => !drawn.Contains(id)), Is.Empty, $"{process.Name}: elements without a shape or edge");
            foreach (var formKey in xml.Descendants().Select(e => (string?)e.Attribute(Vupe + "formKey")).OfType<string>())
                Assert.That(_catalogue.FindForm(formKey), Is.Not.Null, $"{process.Name}: form '{formKey}'");
            foreach (var decisionRef in xml.Descendants().Select(e => (string?)e.Attribute(Vupe + "decisionRef")).OfType<string>())
                Assert.That(decisionIds, Does.Contain(decisionRef), $"{process.Name}: decision '{decisionRef}'");
        }
    }

    [Test]
    public void The_triage_table_collects_over_thirty_rules_each_with_a_service_a_reason_and_a_basis()
    {
        var decision = _catalogue.Decisions.SelectMany(d => d.Decisions).Single(d => d.Id == "triaje-empleabilidad");
        var table = (DmnDecisionTable)decision.Expression!;
        Assert.That(table.HitPolicy, Is.EqualTo(DmnHitPolicy.Collect));
        Assert.That(table.Rules, Has.Count.GreaterThanOrEqualTo(30));
        Assert.That(table.Inputs, Has.Count.GreaterThanOrEqualTo(10));
        Assert.That(table.Outputs.Select(o => o.Name), Is.EqualTo(new[] { "servicio", "motivo", "prioridad" }));
        Assert.That(table.Rules.Select(r => r.Id), Is.Unique.And.All.Not.Null);
        Assert.That(table.Rules.Select(r => r.Description), Is.All.Not.Null.And.All.Not.Empty);
        Assert.That(table.Outputs[0].OutputValues!.Source.Replace(" ", "", StringComparison.Ordinal),
            Is.EqualTo(string.Join(",", VupeServices.All.Select(s => $"\"{s.Code}\""))), "the decision's service codes are the 12 services'");
        var recommended = table.Rules.Select(r => r.OutputEntries[0]!.Source.Trim('"')).ToHashSet();
        Assert.That(recommended, Is.EquivalentTo(VupeServices.All.Select(s => s.Code)), "every service can be recommended");
    }

    [Test]
    public void The_forms_ask_for_every_input_of_their_decision()
    {
        foreach (var (form, decisionId) in new[] { ("diagnostico-empleabilidad", "triaje-empleabilidad"), ("acercamiento-empresarial", "acercamiento-empresarial"), ("et-requisitos", "elegibilidad-empleo-temporal") })
        {
            var decision = _catalogue.Decisions.SelectMany(d => d.Decisions).Single(d => d.Id == decisionId);
            Assert.That(_catalogue.FormFields(form), Is.SupersetOf(decision.RequiredInputs.Select(i => i.Name)), form);
        }
    }

    [Test]
    public void The_confirmation_form_offers_the_12_services_by_their_names()
    {
        using var form = JsonDocument.Parse(_catalogue.FindForm("confirmar-derivaciones")!.Content);
        var checklist = form.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "checklist");
        Assert.That(checklist.GetProperty("key").GetString(), Is.EqualTo(OpenReferralsHandler.ConfirmedServicesVariable));
        var offered = checklist.GetProperty("values").EnumerateArray().Select(v => new VupeService(v.GetProperty("value").GetString()!, v.GetProperty("label").GetString()!));
        // Code and name: whether a service starts online is not the form's business.
        Assert.That(offered, Is.EqualTo(VupeServices.All.Select(s => new VupeService(s.Code, s.Name))));
        Assert.That(form.RootElement.GetProperty("schemaVersion").GetInt32(), Is.GreaterThan(0));
        Assert.That(form.RootElement.GetProperty("exporter").GetProperty("name").GetString(), Is.Not.Empty);
    }

    [Test]
    public void A_broken_decision_is_refused_naming_its_file()
    {
        var files = _catalogue.Files.Select(f => (f.Name, f.Kind == CatalogueFileKind.Decision && f.Name == "triaje-empleabilidad.dmn"
            ? f.Content.Replace("<text>&gt;= 18</text>", "<text>&gt;= </text>", StringComparison.Ordinal) : f.Content));
        var e = Assert.Throws<DmnModelException>(() => VupeCatalogue.FromFiles(files));
        Assert.That(e!.Errors, Is.All.StartsWith("triaje-empleabilidad.dmn: Decision 'triaje-empleabilidad', rule "));
        Assert.That(e.Errors[0], Does.Contain("rule 1, input entry 1: FEEL syntax error"));
    }

    [Test]
    public void A_form_that_is_not_a_form_js_schema_is_refused_naming_its_file()
    {
        var e = Assert.Throws<InvalidDataException>(() => VupeCatalogue.FromFiles([("ficha.form.json", """{ "id": "ficha" }""")]));
        Assert.That(e!.Message, Does.Contain("ficha.form.json is not a form-js schema"));
        Assert.Throws<InvalidDataException>(() => VupeCatalogue.FromFiles([("notas.txt", "")]));
    }

    [Test]
    public void The_12_services_have_stable_codes_and_spanish_names()
    {
        Assert.That(VupeServices.All, Has.Count.EqualTo(12));
        Assert.That(VupeServices.All.Select(s => s.Code), Is.Unique);
        Assert.That(VupeServices.Get("cul").Name, Is.EqualTo("Certificado único laboral"));
        Assert.That(() => VupeServices.Get("cafeteria"), Throws.ArgumentException.With.Message.Contain("'cafeteria' is not a VUPE service code"));
    }

    [Test]
    public async Task The_in_memory_ficha_records_a_key_once()
    {
        var record = new InMemoryEmployabilityRecord();
        var diagnosis = new EmployabilityDiagnosis("k1", "DNI-10117410", PartyKind.Citizen, Guid.NewGuid(), "LIM-2026-000001", "LIM", "diagnostico-empleabilidad",
            new Dictionary<string, object?> { ["edad"] = 30m }, []);
        await record.RecordDiagnosisAsync(diagnosis, CancellationToken.None);
        await record.RecordDiagnosisAsync(diagnosis with { Answers = new Dictionary<string, object?>() }, CancellationToken.None);
        Assert.That(record.Diagnoses.Single().Answers, Has.Count.EqualTo(1));
        Assert.That(record.HistoryOf("DNI-10117410"), Has.Count.EqualTo(1));
    }
}
