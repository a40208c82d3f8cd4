using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Vupe.Server.Tests;

/// <summary>
/// Deployments as data through the API: a national supervisor deploys a new process with its form, consultants open
/// cases of it and see the form; a new form version reaches new cases only; a broken set is refused whole with
/// located errors; office supervisors and consultants cannot deploy.
/// </summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class DeploymentTests(TestStore store) : ServerTestBase(store)
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="http://vupecases.pe/test">
          <bpmn:process id="charla-informativa" name="Charla informativa" isExecutable="true">
            <bpmn:startEvent id="inicio" />
            <bpmn:sequenceFlow id="f1" sourceRef="inicio" targetRef="registrar" />
            <bpmn:userTask id="registrar" name="Registrar asistencia" vupe:formKey="asistencia-charla" vupe:candidateGroups="=officeCode + &quot;-consultor&quot;" />
            <bpmn:sequenceFlow id="f2" sourceRef="registrar" targetRef="fin" />
            <bpmn:endEvent id="fin" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Form(string label) =>
        $$"""{ "id": "asistencia-charla", "type": "default", "schemaVersion": 16, "components": [ { "id": "f_asistio", "type": "checkbox", "key": "asistio", "label": "{{label}}" } ] }""";

    private static MultipartFormDataContent Files(params (string Name, string Content)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent("prueba de despliegue"), "name" } };
        foreach (var (name, content) in files)
        {
            var part = new StringContent(content, Encoding.UTF8);
            part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/xml");
            form.Add(part, "files", name);
        }
        return form;
    }

    [Test]
    public async Task A_national_supervisor_deploys_a_process_and_its_form_and_new_form_versions_reach_new_cases_only()
    {
        var national = await As("supervisor.nacional");
        var first = await national.PostAsync("/api/deployments", Files(("charla.bpmn", Process), ("asistencia-charla.form.json", Form("¿Asistió?"))));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(created.GetProperty("processes")[0].GetProperty("key").GetString(), Is.EqualTo("charla-informativa"));
        Assert.That(created.GetProperty("forms")[0].GetProperty("version").GetInt32(), Is.EqualTo(1));

        var early = (await OpenCaseAsync(procedure: "charla-informativa")).GetProperty("id").GetGuid();
        var second = await national.PostAsync("/api/deployments", Files(("asistencia-charla.form.json", Form("¿Asistió a la charla completa?"))));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var forms = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("forms");
        Assert.That(forms[0].GetProperty("version").GetInt32(), Is.EqualTo(2));
        var late = (await OpenCaseAsync(procedure: "charla-informativa")).GetProperty("id").GetGuid();

        Assert.That(await LabelOfTaskFormAsync(early), Is.EqualTo("¿Asistió?"), "a running case keeps the form it started with");
        Assert.That(await LabelOfTaskFormAsync(late), Is.EqualTo("¿Asistió a la charla completa?"));

        var definitions = await national.GetFromJsonAsync<JsonElement>("/api/process-definitions?key=charla-informativa");
        Assert.That(definitions.GetArrayLength(), Is.EqualTo(1));
        Assert.That(definitions[0].GetProperty("runningInstances").GetInt32(), Is.EqualTo(2));
        Assert.That(definitions[0].GetProperty("deployedBy").GetString(), Is.EqualTo("supervisor.nacional"));
        var deploymentId = created.GetProperty("id").GetGuid();
        var file = await national.GetStringAsync($"/api/deployments/{deploymentId}/files/charla.bpmn");
        Assert.That(file, Is.EqualTo(Process));
        var again = await national.PostAsync("/api/deployments", Files(("charla.bpmn", Process)));
        Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unchanged")[0].GetString(), Is.EqualTo("charla-informativa:1"),
            "an unchanged file makes no new version");
    }

    [Test]
    public async Task A_broken_set_is_refused_whole_with_located_errors_and_nothing_is_stored()
    {
        var national = await As("supervisor.nacional");
        var broken = Process.Replace("charla-informativa", "charla-rota").Replace("targetRef=\"fin\"", "targetRef=\"nowhere\"");
        var response = await national.PostAsync("/api/deployments", Files(("rota.bpmn", broken), ("otra.form.json", "{ not json")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var errors = (await ProblemOf(response)).GetProperty("errors").EnumerateArray().ToList();
        Assert.That(errors.Select(e => e.GetProperty("file").GetString()), Is.SupersetOf(new[] { "rota.bpmn", "otra.form.json" }));
        var flow = errors.First(e => e.GetProperty("file").GetString() == "rota.bpmn");
        Assert.That(flow.GetProperty("elementId").GetString(), Is.EqualTo("f2"));
        Assert.That(flow.GetProperty("line").GetInt32(), Is.GreaterThan(0));
        Assert.That(flow.GetProperty("message").GetString(), Is.EqualTo("«targetRef» («nowhere») no nombra ningún elemento de flujo del mismo ámbito."),
            "the engine's problems reach the supervisor in Spanish");
        var form = errors.First(e => e.GetProperty("file").GetString() == "otra.form.json");
        Assert.That(form.GetProperty("message").GetString(), Does.StartWith("El esquema del formulario no es un JSON válido (línea 1, columna 3)"));
        var check = await national.PostAsync("/api/deployments/validate", Files(("rota.bpmn", broken)));
        var checkedFlow = (await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Single();
        Assert.That(checkedFlow.GetProperty("message").GetString(), Is.EqualTo(flow.GetProperty("message").GetString()), "the designer's check says the same");
        var definitions = await national.GetFromJsonAsync<JsonElement>("/api/process-definitions?key=charla-rota");
        Assert.That(definitions.GetArrayLength(), Is.Zero);
    }

    private static string Threshold(int minimum) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="umbral" name="Umbral" namespace="http://vupecases.pe/test">
          <inputData id="edad" name="edad"><variable id="v" name="edad" typeRef="number" /></inputData>
          <decision id="prueba-umbral" name="Prueba de umbral">
            <informationRequirement id="ir"><requiredInput href="#edad" /></informationRequirement>
            <decisionTable id="t" hitPolicy="FIRST">
              <input id="i" label="Edad"><inputExpression id="ie" typeRef="number"><text>edad</text></inputExpression></input>
              <output id="o" name="apto" typeRef="boolean" />
              <rule id="r1"><inputEntry id="e1"><text>&gt;= {{minimum}}</text></inputEntry><outputEntry id="x1"><text>true</text></outputEntry></rule>
              <rule id="r2"><inputEntry id="e2"><text>-</text></inputEntry><outputEntry id="x2"><text>false</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """;

    [Test]
    public async Task A_decision_is_evaluated_at_its_latest_version_or_at_the_one_asked_for()
    {
        var national = await As("supervisor.nacional");
        (await national.PostAsync("/api/deployments", Files(("umbral.dmn", Threshold(18))))).EnsureSuccessStatusCode();
        var second = await national.PostAsync("/api/deployments", Files(("umbral.dmn", Threshold(25))));
        Assert.That((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisions")[0].GetProperty("version").GetInt32(), Is.EqualTo(2));

        async Task<(int Version, bool Output)> Evaluate(int? version)
        {
            var response = await national.PostAsJsonAsync("/api/decisions/prueba-umbral/evaluate", new { inputs = new { edad = 20 }, version });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (body.GetProperty("version").GetInt32(), body.GetProperty("output").GetBoolean());
        }
        Assert.That(await Evaluate(null), Is.EqualTo((2, false)), "20 is under the new threshold");
        Assert.That(await Evaluate(1), Is.EqualTo((1, true)));
        var listed = (await national.GetFromJsonAsync<JsonElement>("/api/decisions")).EnumerateArray().Single(d => d.GetProperty("id").GetString() == "prueba-umbral");
        Assert.That(listed.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        Assert.That((await national.PostAsJsonAsync("/api/decisions/prueba-umbral/evaluate", new { inputs = new { edad = 20 }, version = 9 })).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task An_office_supervisor_keeps_a_draft_that_changes_nothing_until_a_national_supervisor_deploys_it()
    {
        var office = await As("supervisor.lim");
        var bpmn = Process.Replace("charla-informativa", "charla-borrador");
        var saved = await office.PutAsJsonAsync("/api/drafts/charla-borrador", new { fileName = "charla-borrador.bpmn", content = bpmn });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
        var version = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
        var stale = await office.PutAsJsonAsync("/api/drafts/charla-borrador", new { fileName = "charla-borrador.bpmn", content = bpmn, version = version - 1 });
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await office.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray().Select(d => d.GetProperty("key").GetString()), Does.Contain("charla-borrador"));
        Assert.That((await (await As("supervisor.cus")).GetAsync("/api/drafts/charla-borrador")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another office's draft");
        var national = await As("supervisor.nacional");
        Assert.That((await national.GetFromJsonAsync<JsonElement>("/api/process-definitions?key=charla-borrador")).GetArrayLength(), Is.Zero, "a draft never runs");
        Assert.That((await office.PostAsync("/api/drafts/charla-borrador/deploy", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var deployed = await national.PostAsync("/api/drafts/charla-borrador/deploy", null);

        Assert.That(deployed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await deployed.Content.ReadAsStringAsync());
        Assert.That((await national.GetFromJsonAsync<JsonElement>("/api/process-definitions?key=charla-borrador")).GetArrayLength(), Is.EqualTo(1));
        Assert.That((await national.GetAsync("/api/drafts/charla-borrador")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "published drafts are removed");
    }

    [Test]
    public async Task The_designer_catalog_offers_task_types_offices_forms_and_decisions()
    {
        var catalog = await (await As("supervisor.lim")).GetFromJsonAsync<JsonElement>("/api/designer/catalog");
        Assert.That(catalog.GetProperty("taskTypes").EnumerateArray().Select(t => t.GetString()), Does.Contain("vupe.cul.emitir"));
        Assert.That(catalog.GetProperty("offices").GetArrayLength(), Is.EqualTo(27));
        Assert.That(catalog.GetProperty("forms").EnumerateArray().Select(f => f.GetProperty("key").GetString()), Does.Contain("entrevista").And.Contain("diagnostico-empleabilidad"));
        Assert.That(catalog.GetProperty("decisions").EnumerateArray().Select(f => f.GetProperty("key").GetString()), Does.Contain("triaje-empleabilidad"));
        Assert.That(catalog.GetProperty("groupPatterns").EnumerateArray().Select(g => g.GetString()), Does.Contain("{oficina}-consultor"));
    }

    [TestCase("supervisor.lim", HttpStatusCode.Forbidden)]
    [TestCase("consultor.lim", HttpStatusCode.Forbidden)]
    [TestCase("auditor", HttpStatusCode.Forbidden)]
    public async Task Only_national_supervisors_and_admins_deploy(string user, HttpStatusCode expected)
    {
        var response = await (await As(user)).PostAsync("/api/deployments", Files(("charla.bpmn", Process.Replace("charla-informativa", "charla-" + user.Replace(".", "-", StringComparison.Ordinal)))));
        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    private async Task<string?> LabelOfTaskFormAsync(Guid caseId)
    {
        var client = await As("consultor.lim");
        var taskId = (await FirstTaskOfCaseAsync(caseId)).GetProperty("id").GetGuid();
        var task = await client.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");
        return task.GetProperty("form").GetProperty("components")[0].GetProperty("label").GetString();
    }
}

/// <summary>Migrating running cases through the API: a dry run, then a background run with progress; a case that cannot move stays as it was.</summary>
public sealed class MigrationApiTests : ServerTestBase
{
    private static string TwoSteps(string second) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="http://vupecases.pe/test">
          <bpmn:process id="dos-pasos" name="Dos pasos" isExecutable="true">
            <bpmn:startEvent id="inicio" />
            <bpmn:sequenceFlow id="f1" sourceRef="inicio" targetRef="primero" />
            <bpmn:userTask id="primero" name="Primero" vupe:candidateGroups="=officeCode + &quot;-consultor&quot;" />
            <bpmn:sequenceFlow id="f2" sourceRef="primero" targetRef="{{second}}" />
            <bpmn:userTask id="{{second}}" name="Segundo" vupe:candidateGroups="=officeCode + &quot;-consultor&quot;" />
            <bpmn:sequenceFlow id="f3" sourceRef="{{second}}" targetRef="fin" />
            <bpmn:endEvent id="fin" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task DeployAsync(string bpmn)
    {
        var form = new MultipartFormDataContent();
        form.Add(new StringContent(bpmn, Encoding.UTF8), "files", "dos-pasos.bpmn");
        (await (await As("supervisor.nacional")).PostAsync("/api/deployments", form)).EnsureSuccessStatusCode();
    }

    [Test]
    public async Task Cases_that_can_move_are_migrated_in_the_background_and_one_that_cannot_stays_untouched()
    {
        await DeployAsync(TwoSteps("segundo"));
        var consultant = await As("consultor.lim");
        var atFirst = new[] { (await OpenCaseAsync(procedure: "dos-pasos")).GetProperty("id").GetGuid(), (await OpenCaseAsync(procedure: "dos-pasos")).GetProperty("id").GetGuid() };
        var atSecond = (await OpenCaseAsync(procedure: "dos-pasos")).GetProperty("id").GetGuid();
        var first = (await FirstTaskOfCaseAsync(atSecond)).GetProperty("id").GetGuid();
        (await consultant.PostAsync($"/api/tasks/{first}/claim", null)).EnsureSuccessStatusCode();
        (await consultant.PostAsJsonAsync($"/api/tasks/{first}/complete", new { data = new { } })).EnsureSuccessStatusCode();
        await DeployAsync(TwoSteps("segundo-revisado"));

        var supervisor = await As("supervisor.nacional");
        var request = new { sourceDefinitionId = "dos-pasos:1", targetDefinitionId = "dos-pasos:2" };
        var plan = await (await supervisor.PostAsJsonAsync("/api/migrations/plan", request)).Content.ReadFromJsonAsync<JsonElement>();
        var checks = plan.GetProperty("instances").EnumerateArray().ToList();
        Assert.That(checks, Has.Count.EqualTo(3));
        Assert.That(checks.Count(c => c.GetProperty("canMigrate").GetBoolean()), Is.EqualTo(2), "the dry run changes nothing and says who can move");
        Assert.That(checks.Single(c => !c.GetProperty("canMigrate").GetBoolean()).GetProperty("caseId").GetGuid(), Is.EqualTo(atSecond));

        var started = await supervisor.PostAsJsonAsync("/api/migrations", request);
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await started.Content.ReadAsStringAsync());
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        JsonElement run = default;
        for (var i = 0; i < 100; i++)
        {
            run = await supervisor.GetFromJsonAsync<JsonElement>($"/api/migrations/{runId}");
            if (run.GetProperty("status").GetString() is "Completed" or "Failed") break;
            await Task.Delay(200);
        }
        Assert.That((run.GetProperty("status").GetString(), run.GetProperty("migrated").GetInt32(), run.GetProperty("failed").GetInt32()), Is.EqualTo(("Completed", 2, 1)));
        Assert.That(run.GetProperty("failures")[0].GetProperty("reasons")[0].GetString(), Does.Contain("segundo"));

        foreach (var id in atFirst)
        {
            var detail = await consultant.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
            Assert.That(detail.GetProperty("instances")[0].GetProperty("version").GetInt32(), Is.EqualTo(2));
        }
        var untouched = await consultant.GetFromJsonAsync<JsonElement>($"/api/cases/{atSecond}");
        Assert.That(untouched.GetProperty("instances")[0].GetProperty("version").GetInt32(), Is.EqualTo(1));
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{atFirst[0]}/audit");
        Assert.That(trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()), Does.Contain("process.migrated"));
        Assert.That((await (await As("consultor.lim")).PostAsJsonAsync("/api/migrations/plan", request)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_migration_onto_another_procedure_or_onto_the_same_version_is_refused_and_starts_nothing()
    {
        await DeployAsync(TwoSteps("segundo"));
        var supervisor = await As("supervisor.nacional");
        var other = (await supervisor.GetFromJsonAsync<JsonElement>("/api/process-definitions")).EnumerateArray()
            .Select(d => d.GetProperty("id").GetString()!).First(id => !id.StartsWith("dos-pasos:", StringComparison.Ordinal));
        foreach (var target in new[] { other, "dos-pasos:1" })
        {
            var request = new { sourceDefinitionId = "dos-pasos:1", targetDefinitionId = target };
            foreach (var path in new[] { "/api/migrations/plan", "/api/migrations" })
            {
                var answer = await supervisor.PostAsJsonAsync(path, request);
                Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"{path} → {target}");
                Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("targetDefinitionId"));
            }
        }
        Assert.That((await supervisor.PostAsJsonAsync("/api/migrations", new { sourceDefinitionId = "dos-pasos:1", targetDefinitionId = "no-existe:9" })).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
    }
}
