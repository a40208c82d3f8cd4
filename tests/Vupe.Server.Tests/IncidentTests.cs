using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vupe.Server.Tests;

public sealed class IncidentTests : ServerTestBase
{
    [Test]
    public async Task A_step_that_fails_shows_as_an_incident_on_the_case_and_a_consultant_can_retry_it()
    {
        var client = await As("consultor.lim");
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var opened = await client.PostAsJsonAsync("/api/cases", new { partyId, procedure = "incidencia" });
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var taskId = (await FirstTaskOfCaseAsync(caseId)).GetProperty("id").GetGuid();
        (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        // No form on this task: the text reaches the gateway, whose condition cannot compare it with a number.
        var complete = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { horas = "muchas" } });
        Assert.That(complete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "the consultant's step is saved; the flow stops after it");

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var incident = detail.GetProperty("incidents").EnumerateArray().Single();
        Assert.That(incident.GetProperty("elementId").GetString(), Is.EqualTo("decidir"));
        Assert.That(incident.GetProperty("message").GetString(), Is.Not.Empty);

        var retry = await client.PostAsync($"/api/cases/{caseId}/incidents/{incident.GetProperty("id").GetGuid()}/retry", null);
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await retry.Content.ReadAsStringAsync());
        var again = await client.PostAsync($"/api/cases/{caseId}/incidents/{incident.GetProperty("id").GetGuid()}/retry", null);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a resolved incident is not retried twice");
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        Assert.That(trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()), Does.Contain("incident.retried"));
        Assert.That((await (await As("consultor.cus")).PostAsync($"/api/cases/{caseId}/incidents/{incident.GetProperty("id").GetGuid()}/retry", null)).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound), "another region cannot touch it");
    }
}
