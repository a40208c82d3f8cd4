using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Vupe.Server.Tests;

/// <summary>
/// The DMN editor's API: a deployed decision's file by version, and "probar decisión" on a file being edited — the
/// engine's evaluator on the edited rules, Spanish problems for a broken file, and nothing deployed or stored.
/// </summary>
public sealed class DecisionDesignerTests : ServerTestBase
{
    private const string Decision = "elegibilidad-empleo-temporal";
    private const string OldReason = "18 años a más, desempleado o subempleado y en pobreza según el SISFOH";

    private static object Inputs => new { edad = 30, situacionLaboral = "desempleado", clasificacionSisfoh = "pobre", condicionVulnerable = false, interesFormacion = false };

    private async Task<(int Deployments, int Versions)> StoredAsync()
    {
        var national = await As("supervisor.nacional");
        var deployments = await national.GetFromJsonAsync<JsonElement>("/api/deployments");
        var decision = (await national.GetFromJsonAsync<JsonElement>("/api/decisions")).EnumerateArray().Single(d => d.GetProperty("id").GetString() == Decision);
        return (deployments.GetArrayLength(), decision.GetProperty("versions").GetArrayLength());
    }

    [Test]
    public async Task Testing_an_edited_catalogue_decision_gives_the_edited_output_and_its_rule_and_stores_nothing()
    {
        var office = await As("supervisor.lim");
        // Version 1: another test of this fixture deploys a version 2.
        var xml = await office.GetStringAsync($"/api/decisions/{Decision}/xml?version=1");
        Assert.That(xml, Does.Contain(OldReason));
        var edited = xml.Replace(OldReason, "Motivo cambiado en el editor", StringComparison.Ordinal);
        var before = await StoredAsync();

        var response = await office.PostAsJsonAsync("/api/decisions/test", new { xml = edited, decisionId = Decision, inputs = Inputs });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var lurawi = body.GetProperty("output").EnumerateArray().Single(row => row.GetProperty("programa").GetString() == "lurawi-peru");
        Assert.That(lurawi.GetProperty("motivo").GetString(), Is.EqualTo("Motivo cambiado en el editor"));
        Assert.That(lurawi.GetProperty("elegible").GetBoolean(), Is.True);
        var rule = body.GetProperty("matchedRules").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "lurawi_pobreza");
        Assert.That(rule.GetProperty("number").GetInt32(), Is.EqualTo(1));
        Assert.That(rule.GetProperty("annotation").GetString(), Does.StartWith("Lurawi Perú"), "the rule's annotation is its reason");
        Assert.That(body.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("input").GetString()), Does.Contain("Edad"));

        var deployed = await (await As("supervisor.nacional")).PostAsJsonAsync($"/api/decisions/{Decision}/evaluate", new { inputs = Inputs, version = 1 });
        var deployedOutput = (await deployed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("output").EnumerateArray()
            .Single(row => row.GetProperty("programa").GetString() == "lurawi-peru");
        Assert.That(deployedOutput.GetProperty("motivo").GetString(), Is.EqualTo(OldReason), "the deployed decision is untouched");
        Assert.That(await StoredAsync(), Is.EqualTo(before), "no deployment, no new version");
    }

    [Test]
    public async Task A_broken_file_an_unknown_decision_or_inputs_that_cannot_be_evaluated_are_refused_in_Spanish_and_nothing_is_stored()
    {
        var office = await As("supervisor.lim");
        var xml = await office.GetStringAsync($"/api/decisions/{Decision}/xml?version=1");
        var before = await StoredAsync();

        var malformed = await office.PostAsJsonAsync("/api/decisions/test", new { xml = xml.Replace("</decisionTable>", "", StringComparison.Ordinal), decisionId = Decision, inputs = Inputs });
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ProblemOf(malformed);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("El archivo DMN no es XML válido."));
        Assert.That(problem.GetProperty("errors").GetProperty("xml")[0].GetString(), Does.StartWith("El XML no está bien formado (línea "));

        var brokenRule = xml.Replace("<text>&gt;= 18</text>", "<text>&gt;= </text>", StringComparison.Ordinal);
        var invalid = await office.PostAsJsonAsync("/api/decisions/test", new { xml = brokenRule, decisionId = Decision, inputs = Inputs });
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        problem = await ProblemOf(invalid);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("El archivo DMN tiene 4 problemas."));
        Assert.That(problem.GetProperty("errors").GetProperty("xml").EnumerateArray().Select(e => e.GetString()), Has.Some.Contain("rule 1, input entry 1"),
            "the problem names the rule");

        var unknown = await office.PostAsJsonAsync("/api/decisions/test", new { xml, decisionId = "no-existe", inputs = Inputs });
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(unknown)).GetProperty("errors").GetProperty("decisionId")[0].GetString(), Does.Contain("«no-existe»").And.Contain(Decision));

        var wrongType = await office.PostAsJsonAsync("/api/decisions/test", new { xml, decisionId = Decision, inputs = new { edad = "treinta" } });
        Assert.That(wrongType.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), await wrongType.Content.ReadAsStringAsync());
        Assert.That((await ProblemOf(wrongType)).GetProperty("title").GetString(), Is.EqualTo("La decisión no se pudo evaluar con esos datos."));

        var empty = await office.PostAsJsonAsync("/api/decisions/test", new { xml = "", inputs = Inputs });
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(empty)).GetProperty("title").GetString(), Is.EqualTo("Falta el archivo DMN."));

        Assert.That(await StoredAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task The_xml_endpoint_returns_the_deployed_file_of_each_version()
    {
        var national = await As("supervisor.nacional");
        var original = await national.GetStringAsync($"/api/decisions/{Decision}/xml");
        var changed = original.Replace(OldReason, "Motivo de la versión nueva", StringComparison.Ordinal);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(changed, Encoding.UTF8, "application/xml"), "files", "elegibilidad-empleo-temporal.dmn");
        var deployed = await national.PostAsync("/api/deployments", form);
        Assert.That(deployed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await deployed.Content.ReadAsStringAsync());
        var version = (await deployed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisions").EnumerateArray()
            .Single(d => d.GetProperty("key").GetString() == Decision).GetProperty("version").GetInt32();
        Assert.That(version, Is.GreaterThan(1));

        Assert.That(await national.GetStringAsync($"/api/decisions/{Decision}/xml"), Is.EqualTo(changed), "the latest version by default");
        Assert.That(await national.GetStringAsync($"/api/decisions/{Decision}/xml?version={version}"), Is.EqualTo(changed));
        Assert.That(await national.GetStringAsync($"/api/decisions/{Decision}/xml?version={version - 1}"), Is.EqualTo(original));
        Assert.That((await national.GetAsync($"/api/decisions/{Decision}/xml?version=99")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await national.GetAsync("/api/decisions/no-existe/xml")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("consultor.lim", HttpStatusCode.Forbidden)]
    [TestCase("auditor", HttpStatusCode.Forbidden)]
    [TestCase("supervisor.cus", HttpStatusCode.OK)]
    [TestCase("admin", HttpStatusCode.OK)]
    public async Task The_editor_API_is_for_supervisors_and_admins(string user, HttpStatusCode expected)
    {
        var client = await As(user);
        var xml = await client.GetAsync($"/api/decisions/{Decision}/xml");
        Assert.That(xml.StatusCode, Is.EqualTo(expected));
        var test = await client.PostAsJsonAsync("/api/decisions/test", new { xml = "<definitions/>", inputs = new { } });
        Assert.That(test.StatusCode, Is.EqualTo(expected == HttpStatusCode.OK ? HttpStatusCode.BadRequest : expected), "a bad file, once allowed in");
    }

    [Test]
    public async Task The_designer_lists_the_deployed_decisions_with_a_link_to_the_editor()
    {
        var office = await As("supervisor.lim");
        var page = await office.GetStringAsync("/disenador");
        Assert.That(page, Does.Contain("data-decision-key=\"triaje-empleabilidad\""));
        Assert.That(page, Does.Contain("/disenador/decision?clave=triaje-empleabilidad"));
        var editor = await office.GetStringAsync("/disenador/decision?clave=triaje-empleabilidad");
        Assert.That(editor, Does.Contain("data-xml-url=\"/api/decisions/triaje-empleabilidad/xml?version=1\""));
        Assert.That(editor, Does.Contain("data-can-deploy=\"false\""));
        Assert.That((await office.GetAsync("/disenador/decision?clave=no-existe")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
