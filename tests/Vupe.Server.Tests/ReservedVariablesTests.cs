using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vupe.Server.Procedures;

namespace Vupe.Server.Tests;

/// <summary>Variables the system sets cannot come from a client, and a task with a form is not completed without its answers.</summary>
public sealed partial class ReservedVariablesTests : ServerTestBase
{
    [Test]
    public async Task Opening_a_case_with_a_reserved_variable_is_a_400_naming_it_and_opens_nothing()
    {
        var client = await As("consultor.lim");
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        foreach (var name in new[] { "officeCode", "OfficeCode", "partyId", "caseNumber", "servicio" })
        {
            var response = await client.PostAsJsonAsync("/api/cases", new { partyId, procedure = "orientacion", variables = new Dictionary<string, object> { [name] = "CUS" } });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), name);
            var problem = await ProblemOf(response);
            Assert.That(problem.GetProperty("title").GetString(), Does.Contain($"«{name}»").And.Contain("asigna el sistema"));
            Assert.That(problem.GetProperty("errors").TryGetProperty($"variables.{name}", out _), Is.True, problem.ToString());
        }
        var cases = await client.GetFromJsonAsync<JsonElement>($"/api/cases?partyId={partyId}");
        Assert.That(cases.GetProperty("total").GetInt32(), Is.Zero, "no case was opened by a refused request");

        var allowed = await client.PostAsJsonAsync("/api/cases", new { partyId, procedure = "orientacion", variables = new { interes = "Electricidad" } });
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await allowed.Content.ReadAsStringAsync());
        var caseId = (await allowed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var task = await FirstTaskOfCaseAsync(caseId);
        Assert.That(task.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()), Has.All.StartWith("LIM-"));
    }

    [Test]
    public async Task Confirming_referrals_without_data_or_with_a_reserved_variable_is_a_400_and_the_task_stays_open()
    {
        var client = await As("consultor.lim");
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var caseId = (await (await client.PostAsJsonAsync("/api/cases", new { partyId, procedure = "triaje-ciudadano" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetGuid();
        await CompleteStepAsync(client, caseId, "diagnostico", new
        {
            edad = 31, situacionLaboral = "desempleado", mesesDesempleo = 8, nivelEducativo = "secundaria", experienciaLaboral = "sin-certificar",
            aniosExperiencia = 3, condicionMigratoria = "ninguna", necesitaCul = true, quiereEmprender = false, interesCapacitacion = false,
        });
        var confirm = (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("tasks").EnumerateArray()
            .Single(t => t.GetProperty("elementId").GetString() == "confirmar").GetProperty("id").GetGuid();
        (await client.PostAsync($"/api/tasks/{confirm}/claim", null)).EnsureSuccessStatusCode();

        var withoutData = await client.PostAsJsonAsync($"/api/tasks/{confirm}/complete", new { });
        Assert.That(withoutData.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(withoutData)).GetProperty("errors").TryGetProperty("data", out _), Is.True);

        var steering = await client.PostAsJsonAsync($"/api/tasks/{confirm}/complete",
            new { data = new Dictionary<string, object> { ["serviciosConfirmados"] = new[] { "cul" }, ["officeCode"] = "CUS" } });
        Assert.That(steering.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(steering)).GetProperty("title").GetString(), Does.Contain("«officeCode»"));

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(detail.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("elementId").GetString()), Does.Contain("confirmar"), "still open");
        Assert.That(detail.GetProperty("children").GetArrayLength(), Is.Zero, "no referral opened");

        // The diagnosis form asks the age on purpose: a reserved name the task's own form defines is an answer, not a steer (see above).
        var done = await client.PostAsJsonAsync($"/api/tasks/{confirm}/complete", new { data = new { serviciosConfirmados = new[] { "cul" } } });
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await done.Content.ReadAsStringAsync());
    }

    [Test]
    public void Every_result_variable_of_the_catalogue_processes_is_reserved()
    {
        var folder = Path.Combine(Ui.BrowserTestBase.RepositoryRoot(), "workflows", "processes");
        var written = Directory.GetFiles(folder, "*.bpmn").SelectMany(f => ResultVariable().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.That(written, Is.Not.Empty);
        Assert.That(written.Where(n => !ReservedVariables.IsReserved(n)), Is.Empty, "a decision or service task writes a variable clients could overwrite");
    }

    [GeneratedRegex("resultVariable=\"([^\"]+)\"")]
    private static partial Regex ResultVariable();
}
