using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Server.Auth;

namespace Vupe.Server.Tests;

[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class ConcurrencyAndAuditTests(TestStore store) : ServerTestBase(store)
{
    [Test]
    public async Task Of_fifty_parallel_claims_of_one_task_exactly_one_gets_200_and_the_rest_409()
    {
        var users = Factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<VupeUser>>();
        var clients = new List<HttpClient>();
        for (var i = 0; i < 50; i++)
        {
            var name = $"claimer{i:D2}.lim";
            if (await users.FindByNameAsync(name) is null)
            {
                var user = new VupeUser { UserName = name, FullName = $"Consultor {i}", OfficeCode = "LIM" };
                Assert.That((await users.CreateAsync(user, VupeServerFactory.Password)).Succeeded);
                await users.AddToRoleAsync(user, Roles.Consultant);
            }
            clients.Add(await As(name));
        }
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var taskId = (await FirstTaskOfCaseAsync(caseId)).GetProperty("id").GetGuid();

        using var start = new ManualResetEventSlim();
        var claims = clients.Select(c => Task.Run(async () =>
        {
            start.Wait();
            using var response = await c.PostAsync($"/api/tasks/{taskId}/claim", null);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(claims);

        Assert.That(outcomes.Count(o => o.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(outcomes.Count(o => o.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(49), string.Join("\n", outcomes.Where(o => o.StatusCode != HttpStatusCode.Conflict && o.StatusCode != HttpStatusCode.OK)));
        var problem = JsonDocument.Parse(outcomes.First(o => o.StatusCode == HttpStatusCode.Conflict).Body).RootElement;
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(409), "a ProblemDetails body");
        var task = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");
        Assert.That(task.GetProperty("task").GetProperty("assignee").GetString(), Does.StartWith("claimer"));
    }

    [Test]
    public async Task Completing_with_a_stale_version_answers_409_and_changes_nothing()
    {
        var client = await As("consultor.lim");
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var task = await FirstTaskOfCaseAsync(caseId);
        var taskId = task.GetProperty("id").GetGuid();
        var staleVersion = task.GetProperty("version").GetInt64();
        (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode(); // bumps the version

        var response = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { interes = "x" }, version = staleVersion });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(detail.GetProperty("tasks")[0].GetProperty("elementId").GetString(), Is.EqualTo("entrevista"), "still at the first task");
        Assert.That(detail.GetProperty("variables").TryGetProperty("interes", out _), Is.False);
    }

    [Test]
    public async Task A_claim_answers_the_task_version_that_completing_it_needs()
    {
        var client = await As("consultor.lim");
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var taskId = (await FirstTaskOfCaseAsync(caseId)).GetProperty("id").GetGuid();

        var claimed = await (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).Content.ReadFromJsonAsync<JsonElement>();
        var version = claimed.GetProperty("version").GetInt64();
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");
        Assert.That(stored.GetProperty("task").GetProperty("version").GetInt64(), Is.EqualTo(version));

        var response = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { interes = "Programación" }, version });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_inbox_lists_one_case_s_tasks_and_nothing_of_a_case_of_another_office()
    {
        var lima = await As("consultor.lim");
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        await OpenCaseAsync(); // another case of the same office, not listed
        var cusco = (await OpenCaseAsync("consultor.cus")).GetProperty("id").GetGuid();

        var page = await lima.GetFromJsonAsync<JsonElement>($"/api/tasks?view=office&caseId={caseId}");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(t => t.GetProperty("caseId").GetGuid()), Is.EqualTo(new[] { caseId }));
        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(1));

        var available = await lima.GetFromJsonAsync<JsonElement>($"/api/tasks?view=available&caseId={caseId}");
        Assert.That(available.GetProperty("items").GetArrayLength(), Is.EqualTo(1), "the case's task is offered to the consultant's groups");
        var foreign = await lima.GetFromJsonAsync<JsonElement>($"/api/tasks?view=office&caseId={cusco}");
        Assert.That(foreign.GetProperty("total").GetInt32(), Is.Zero, "a case of Cusco shows nothing to Lima");

        var wrong = await lima.GetAsync("/api/tasks?view=everything");
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(wrong)).GetProperty("errors").GetProperty("view")[0].GetString(), Does.Contain("mine, available, office"));
    }

    [Test]
    public async Task The_inbox_finds_a_citizen_s_tasks_by_their_document_number()
    {
        var lima = await As("consultor.lim");
        var dni = NewDni();
        var partyId = (await CreatePersonAsync(dni: dni)).GetProperty("id").GetGuid();
        var caseId = (await OpenCaseAsync(partyId: partyId)).GetProperty("id").GetGuid();

        // Party ids are stored as text by one provider and compared with case subjects written by another: any spelling must match.
        var page = await lima.GetFromJsonAsync<JsonElement>($"/api/tasks?view=office&document={dni}");
        Assert.That(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("caseId").GetGuid()), Is.EqualTo(new[] { caseId }));
        var none = await lima.GetFromJsonAsync<JsonElement>("/api/tasks?view=office&document=00000000");
        Assert.That(none.GetProperty("total").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task Many_consultants_reading_one_citizen_at_once_chain_without_a_gap()
    {
        // On SQLite the one writer orders the appends; on PostgreSQL each transaction takes the trail's advisory lock.
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var users = new[] { "consultor.lim", "consultor2.lim", "supervisor.lim" };
        var clients = await Task.WhenAll(users.Select(As));
        var reads = Enumerable.Range(0, 60).Select(i => clients[i % clients.Length].GetAsync($"/api/parties/{partyId}"));
        var answers = await Task.WhenAll(reads);
        Assert.That(answers.Select(a => a.StatusCode), Has.All.EqualTo(HttpStatusCode.OK));
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/audit");
        Assert.That(trail.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()), Is.EqualTo(Enumerable.Range(1, 61).Select(i => (long)i)));
        await AnchorAuditAsync();
        var verdict = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/audit/verify");
        Assert.That(verdict.GetProperty("valid").GetBoolean(), Is.True);
    }

    [Test]
    public async Task The_audit_chain_records_reads_and_changes_and_detects_a_row_edited_in_the_database()
    {
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var consultant = await As("consultor.lim");
        var taskId = (await FirstTaskOfCaseAsync(caseId)).GetProperty("id").GetGuid(); // case.read
        (await consultant.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        var auditor = await As("auditor");
        var trail = await auditor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        var actions = trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(actions, Is.EqualTo(new[] { "case.opened", "case.read", "task.claimed" }));
        Assert.That(trail[1].GetProperty("actorName").GetString(), Is.EqualTo("consultor.lim"));
        await AnchorAuditAsync();
        var verdict = await auditor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit/verify");
        Assert.That(verdict.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(verdict.GetProperty("entries").GetInt32(), Is.EqualTo(3));

        // Someone with database access rewrites who claimed the task.
        Assert.That(await Factory.ExecuteSqlAsync("""UPDATE "AuditEntries" SET "ActorName" = 'otro' WHERE "Trail" = @trail AND "Sequence" = 2""", ("trail", $"case:{caseId}")),
            Is.EqualTo(1));
        verdict = await auditor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit/verify");
        Assert.That(verdict.GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(verdict.GetProperty("firstBrokenSequence").GetInt64(), Is.EqualTo(2));
        Assert.That(verdict.GetProperty("problem").GetString(), Does.Contain("modificado"));
    }

    [Test]
    public async Task A_deleted_audit_row_is_reported_as_a_gap()
    {
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        await FirstTaskOfCaseAsync(caseId);
        await FirstTaskOfCaseAsync(caseId);
        Assert.That(await Factory.ExecuteSqlAsync("""DELETE FROM "AuditEntries" WHERE "Trail" = @trail AND "Sequence" = 2""", ("trail", $"case:{caseId}")), Is.EqualTo(1));
        var verdict = await (await As("supervisor.lim")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit/verify");
        Assert.That(verdict.GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(verdict.GetProperty("firstBrokenSequence").GetInt64(), Is.EqualTo(3));
        Assert.That(verdict.GetProperty("problem").GetString(), Does.Contain("falta la entrada 2"));
    }

    [Test]
    public async Task Reading_a_ficha_from_another_region_is_allowed_and_logged_in_its_trail()
    {
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var cusco = await As("consultor.cus");
        (await cusco.GetAsync($"/api/parties/{partyId}")).EnsureSuccessStatusCode();
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/audit");
        var read = trail.EnumerateArray().Last();
        Assert.That(read.GetProperty("action").GetString(), Is.EqualTo("party.read"));
        Assert.That(read.GetProperty("actorName").GetString(), Is.EqualTo("consultor.cus"));
        Assert.That(read.GetProperty("actorOffice").GetString(), Is.EqualTo("CUS"));
        Assert.That(trail[0].GetProperty("action").GetString(), Is.EqualTo("party.created"));
    }
}
