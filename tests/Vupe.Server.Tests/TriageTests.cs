using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vupe.Server.Tests;

/// <summary>The VUPE triage through the API: diagnosis form → COLLECT decision → confirmed referrals as child cases → ficha.</summary>
public sealed class TriageTests : ServerTestBase
{
    private async Task CompleteAsync(HttpClient client, Guid caseId, string elementId, object data)
    {
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var task = detail.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("elementId").GetString() == elementId);
        var taskId = task.GetProperty("id").GetGuid();
        (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        var response = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_triage_recommends_services_with_reasons_opens_the_confirmed_referrals_and_writes_the_ficha()
    {
        var client = await As("consultor.lim");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var partyId = (await CreatePersonAsync(who: c => Cases.CaseOpener.AgeOn(c.BirthDate, today) == 31)).GetProperty("id").GetGuid();
        var opened = await client.PostAsJsonAsync("/api/cases", new { partyId, procedure = "triaje-ciudadano" });
        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.Created), await opened.Content.ReadAsStringAsync());
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await CompleteAsync(client, caseId, "diagnostico", new
        {
            edad = 31, situacionLaboral = "desempleado", mesesDesempleo = 8, nivelEducativo = "secundaria", experienciaLaboral = "sin-certificar",
            aniosExperiencia = 3, condicionMigratoria = "ninguna", necesitaCul = true, quiereEmprender = false, interesCapacitacion = false,
        });
        var afterDiagnosis = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var recommended = afterDiagnosis.GetProperty("variables").GetProperty("recomendaciones").EnumerateArray()
            .Select(r => r.GetProperty("servicio").GetString()!).ToList();
        Assert.That(recommended, Does.Contain("cul").And.Contain("asesoria-busqueda-empleo"));
        var decision = afterDiagnosis.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("eventType").GetString() == "DecisionEvaluated");
        Assert.That(decision.GetProperty("details").GetString(), Does.Contain("matchedRules").IgnoreCase.Or.Contain("MatchedRules"), "the case history explains the decision");

        // The consultant drops one recommendation and adds a service.
        var confirmed = recommended.Where(s => s != "asesoria-busqueda-empleo").Append("orientacion-vocacional").Distinct().ToArray();
        await CompleteAsync(client, caseId, "confirmar", new { serviciosConfirmados = confirmed });

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var children = detail.GetProperty("children").EnumerateArray().ToList();
        Assert.That(children, Has.Count.EqualTo(confirmed.Length));
        // Each service opens its own procedure (decision procedimiento-por-servicio); none the generic one any more.
        var procedures = children.Select(c => c.GetProperty("procedure").GetString()).ToList();
        Assert.That(procedures, Does.Contain("certificado-unico-laboral").And.Contain("orientacion-vocacional"));
        Assert.That(procedures, Does.Not.Contain("derivacion-servicio"));
        Assert.That(children.Select(c => c.GetProperty("officeCode").GetString()), Has.All.EqualTo("LIM"));

        var history = await client.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/history");
        Assert.That(history.GetArrayLength(), Is.EqualTo(1 + confirmed.Length), "the triage and each referral, all with the party as subject");
        Assert.That(history[0].GetProperty("recommendedServices").EnumerateArray().Select(s => s.GetString()), Is.EquivalentTo(recommended));
        var partyTrail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/audit");
        Assert.That(partyTrail.EnumerateArray().Select(e => e.GetProperty("action").GetString()), Does.Contain("ficha.diagnosis.recorded"));
    }

    [Test]
    public async Task Decision_testing_uses_the_runtime_evaluator_and_shows_the_matched_rules()
    {
        var supervisor = await As("supervisor.lim");
        var list = await supervisor.GetFromJsonAsync<JsonElement>("/api/decisions");
        var triage = list.EnumerateArray().Single(d => d.GetProperty("id").GetString() == "triaje-empleabilidad");
        Assert.That(triage.GetProperty("hitPolicy").GetString(), Is.EqualTo("Collect"));
        Assert.That(triage.GetProperty("rules").GetInt32(), Is.GreaterThanOrEqualTo(30));

        var response = await supervisor.PostAsJsonAsync("/api/decisions/triaje-empleabilidad/evaluate", new
        {
            inputs = new
            {
                edad = 22, situacionLaboral = "desempleado", mesesDesempleo = 2, nivelEducativo = "secundaria", experienciaLaboral = "ninguna",
                aniosExperiencia = 0, quiereEmprender = false, condicionMigratoria = "extranjero", tieneDiscapacidad = false,
                interesCapacitacion = true, necesitaCul = false, buscaEmpleoTemporal = false, objetivoOcupacionalDefinido = false,
            },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var services = result.GetProperty("output").EnumerateArray().Select(o => o.GetProperty("servicio").GetString()).ToList();
        Assert.That(services, Does.Contain("orientacion-migrante"));
        Assert.That(result.GetProperty("output").EnumerateArray().All(o => o.GetProperty("motivo").GetString()!.Length > 0), "every recommendation has its reason");
        var matched = result.GetProperty("explanation").GetProperty("matchedRules").EnumerateArray().Select(r => r.GetInt32()).ToList();
        Assert.That(matched, Has.Count.EqualTo(result.GetProperty("output").GetArrayLength()));

        var wrongType = await supervisor.PostAsJsonAsync("/api/decisions/triaje-empleabilidad/evaluate", new { inputs = new { edad = "treinta", situacionLaboral = "desempleado" } });
        TestContext.Out.WriteLine(await wrongType.Content.ReadAsStringAsync());
        Assert.That(wrongType.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "an input of the wrong type is an error, not a silent null");
        Assert.That((await wrongType.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Does.Contain("edad").IgnoreCase.Or.Contain("Edad"));

        Assert.That((await (await As("consultor.lim")).PostAsJsonAsync("/api/decisions/triaje-empleabilidad/evaluate", new { inputs = new { } })).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await supervisor.PostAsJsonAsync("/api/decisions/no-existe/evaluate", new { inputs = new { } })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
