using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vupe.Server.Tests;

[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class SmokeTests(TestStore store) : ServerTestBase(store)
{
    [Test]
    public async Task A_consultant_registers_a_citizen_opens_a_case_claims_and_completes_its_task()
    {
        var client = await As("consultor.lim");
        var opened = await OpenCaseAsync();
        Assert.That(opened.GetProperty("caseNumber").GetString(), Does.Match(@"^LIM-\d{4}-\d{6}$"));
        var caseId = opened.GetProperty("id").GetGuid();
        var task = await FirstTaskOfCaseAsync(caseId);
        var taskId = task.GetProperty("id").GetGuid();
        Assert.That(task.GetProperty("sla").GetString(), Is.EqualTo("OnTime"));

        var claim = await client.PostAsync($"/api/tasks/{taskId}/claim", null);
        Assert.That(claim.StatusCode, Is.EqualTo(HttpStatusCode.OK), await claim.Content.ReadAsStringAsync());
        var mine = await client.GetFromJsonAsync<JsonElement>("/api/tasks?view=Mine");
        Assert.That(mine.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()), Does.Contain(taskId));
        Assert.That(mine.GetProperty("total").GetInt32(), Is.Positive);
        Assert.That(mine.GetProperty("totalIsCapped").GetBoolean(), Is.False, "a handful of tasks is counted exactly");

        var complete = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { interes = "Electricidad", horas = 20 } });
        Assert.That(complete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await complete.Content.ReadAsStringAsync());
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(detail.GetProperty("tasks")[0].GetProperty("elementId").GetString(), Is.EqualTo("seguimiento"));
        Assert.That(detail.GetProperty("variables").GetProperty("interes").GetString(), Is.EqualTo("Electricidad"));
    }

    [Test]
    public async Task The_27_offices_are_seeded()
    {
        var client = await As("consultor.lim");
        var offices = await client.GetFromJsonAsync<JsonElement>("/api/offices");
        Assert.That(offices.GetArrayLength(), Is.EqualTo(27));
    }

    [Test]
    public async Task Without_credentials_the_api_answers_401()
    {
        var response = await Factory.AnonymousClient().GetAsync("/api/cases");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
