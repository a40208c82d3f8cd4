using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Server.Data;

namespace Vupe.Server.Tests;

/// <summary>
/// The case search (GET /api/cases) as auditors and office staff use it: by document and by name words (accents and
/// case ignored), office, procedure, status, opened window, order and paging; the regional scope enforced on the
/// server; Spanish validation errors; one audit entry per search; a citizen's history across offices; and a task
/// delegated by the consultant who holds it.
/// </summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class CaseSearchTests(TestStore store) : ServerTestBase(store)
{
    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    private static List<string> Numbers(JsonElement page) => [.. Items(page).Select(c => c.GetProperty("caseNumber").GetString()!)];

    private async Task<JsonElement> SearchAsync(string user, string query) =>
        await (await As(user)).GetFromJsonAsync<JsonElement>("/api/cases?" + query);

    [Test]
    public async Task An_auditor_finds_a_citizens_cases_in_every_office_by_DNI_and_a_Lima_supervisor_never_a_Cusco_case()
    {
        var person = await CreatePersonAsync();
        var partyId = person.GetProperty("id").GetGuid();
        var dni = person.GetProperty("documentNumber").GetString()!;
        var lima = (await OpenCaseAsync("consultor.lim", partyId: partyId)).GetProperty("caseNumber").GetString()!;
        var cusco = (await OpenCaseAsync("consultor.cus", partyId: partyId)).GetProperty("caseNumber").GetString()!;

        var national = await SearchAsync("auditor", $"document={dni}");
        Assert.That(Numbers(national), Is.EquivalentTo(new[] { lima, cusco }));
        Assert.That(national.GetProperty("total").GetInt32(), Is.EqualTo(2));
        var first = Items(national)[0];
        Assert.That(first.GetProperty("partyName").GetString(), Is.EqualTo(person.GetProperty("displayName").GetString()));
        Assert.That(first.GetProperty("partyDocument").GetString(), Is.EqualTo(dni));

        // The regional scope holds whatever the request names: Lima's supervisor sees Lima's case only, and asking for
        // Cusco's office, or Cusco's case by its citizen, yields nothing rather than another region's case.
        Assert.That(Numbers(await SearchAsync("supervisor.lim", $"document={dni}")), Is.EqualTo(new[] { lima }));
        Assert.That(Numbers(await SearchAsync("supervisor.lim", $"document={dni}&office=CUS")), Is.Empty);
        Assert.That(Numbers(await SearchAsync("supervisor.lim", $"partyId={partyId}")), Is.EqualTo(new[] { lima }));
        Assert.That(Numbers(await SearchAsync("supervisor.cus", $"document={dni}")), Is.EqualTo(new[] { cusco }));
        Assert.That(Numbers(await SearchAsync("auditor", $"document={dni}&office=cus")), Is.EqualTo(new[] { cusco }));
        // The DNI typed with its check character finds the same.
        Assert.That(Numbers(await SearchAsync("auditor", $"document={dni}-1")), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_name_is_found_by_part_of_it_ignoring_accents_and_case()
    {
        var consultant = await As("consultor.lim");
        var token = "zq" + Guid.NewGuid().ToString("N")[..8];
        var company = await JobBankRequests.CreateCompanyAsync(consultant, $"Panadería Ñahui {token} S.A.C.");
        var opened = (await OpenCaseAsync(partyId: company)).GetProperty("caseNumber").GetString()!;

        Assert.That(Numbers(await SearchAsync("auditor", $"name=PANADERIA%20nahui%20{token.ToUpperInvariant()}")), Is.EqualTo(new[] { opened }));
        Assert.That(Numbers(await SearchAsync("auditor", $"name=ñahu%20{token[..6]}")), Is.EqualTo(new[] { opened }), "parts of words");
        Assert.That(Numbers(await SearchAsync("auditor", $"name=panaderia%20{token}%20inexistente")), Is.Empty, "every word must match");
        Assert.That(Numbers(await SearchAsync("consultor.cus", $"name={token}")), Is.Empty, "another office's staff do not see it");
    }

    [Test]
    public async Task A_name_word_is_looked_up_in_the_trigram_index_not_by_reading_every_ficha()
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<VupeDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        if (Store == TestStore.Sqlite)
        {
            // The shape PartyNameQuery sends on SQLite (FromSql narrowing by the trigram table, then the LIKE on each word).
            var sql = "SELECT p.Id FROM (SELECT * FROM Parties WHERE rowid IN (SELECT rowid FROM PartyNameSearch WHERE PartyNameSearch MATCH '\"quispe\"')) AS p"
                + " WHERE p.SearchName LIKE '%quispe%' ESCAPE '\\' AND p.SearchName LIKE '%ma%' ESCAPE '\\'";
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        }
        else
        {
            // Without rows the planner would read the table anyway: forbid that, so the plan shows whether the index can serve the LIKE at all.
            command.CommandText = "SET enable_seqscan = off; EXPLAIN SELECT \"Id\" FROM \"Parties\" WHERE \"SearchName\" LIKE '%quispe%' ESCAPE '\\'";
        }
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(Store == TestStore.Sqlite ? 3 : 0));

        var text2 = string.Join("\n", plan);
        if (Store == TestStore.Sqlite)
        {
            Assert.That(text2, Does.Contain("SCAN PartyNameSearch VIRTUAL TABLE INDEX"), text2);
            Assert.That(text2, Does.Not.Match(@"SCAN (Parties|p)\b"), text2);
        }
        else
        {
            Assert.That(text2, Does.Contain("IX_Parties_SearchName_Trigram"), text2);
        }
    }

    [Test]
    public async Task Procedure_status_opened_window_order_and_paging_narrow_the_search()
    {
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++) numbers.Add((await OpenCaseAsync(partyId: partyId)).GetProperty("caseNumber").GetString()!);
        var other = (await OpenCaseAsync(partyId: partyId, procedure: "certificado-unico-laboral")).GetProperty("caseNumber").GetString()!;

        var byProcedure = await SearchAsync("auditor", $"partyId={partyId}&procedure=orientacion&pageSize=2");
        Assert.That(byProcedure.GetProperty("total").GetInt32(), Is.EqualTo(3));
        Assert.That(Numbers(byProcedure), Is.EqualTo(new[] { numbers[2], numbers[1] }), "newest first, two a page");
        Assert.That(Numbers(await SearchAsync("auditor", $"partyId={partyId}&procedure=orientacion&pageSize=2&page=2")), Is.EqualTo(new[] { numbers[0] }));
        Assert.That(Numbers(await SearchAsync("auditor", $"partyId={partyId}&procedure=orientacion&sort=oldest&pageSize=2")), Is.EqualTo(new[] { numbers[0], numbers[1] }));

        // The CUL case closes when issued; the orientation cases stay open.
        Assert.That(Numbers(await SearchAsync("auditor", $"partyId={partyId}&status=closed")), Is.EqualTo(new[] { other }));
        Assert.That(Numbers(await SearchAsync("auditor", $"partyId={partyId}&status=open")), Has.Count.EqualTo(3));

        var now = DateTimeOffset.UtcNow;
        Assert.That(Numbers(await SearchAsync("auditor", $"partyId={partyId}&from={Uri.EscapeDataString(now.AddHours(-1).ToString("O"))}")), Has.Count.EqualTo(4));
        Assert.That(Numbers(await SearchAsync("auditor", $"partyId={partyId}&to={Uri.EscapeDataString(now.AddHours(-1).ToString("O"))}")), Is.Empty);
    }

    [Test]
    public async Task Bad_criteria_are_400s_naming_the_field_in_Spanish()
    {
        var client = await As("auditor");
        foreach (var (query, field, words) in new[]
        {
            ("name=ab", "name", "tres letras"),
            ("document=12", "document", "DNI"),
            ("document=1234567%27%3B", "document", "DNI"),
            ("sort=alfabetico", "sort", "newest"),
            ("status=abierto", "status", "open"),
            ("from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z", "to", "anterior"),
            ("pageSize=500", "pageSize", "Entre"),
        })
        {
            var response = await client.GetAsync("/api/cases?" + query);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), query);
            var problem = await ProblemOf(response);
            Assert.That(problem.GetProperty("errors").GetProperty(field)[0].GetString(), Does.Contain(words), query);
        }
    }

    [Test]
    public async Task A_search_is_audited_once_with_its_criteria_and_the_cases_it_listed()
    {
        var person = await CreatePersonAsync();
        var dni = person.GetProperty("documentNumber").GetString()!;
        var cases = new List<Guid>();
        for (var i = 0; i < 3; i++) cases.Add((await OpenCaseAsync(partyId: person.GetProperty("id").GetGuid())).GetProperty("id").GetGuid());
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<VupeDbContext>>().CreateDbContextAsync();
        var before = await db.AuditEntries.MaxAsync(e => e.Id);

        var found = await SearchAsync("auditor", $"document={dni}");
        Assert.That(found.GetProperty("total").GetInt32(), Is.EqualTo(3));

        var written = await db.AuditEntries.AsNoTracking().Where(e => e.Id > before).OrderBy(e => e.Id).ToListAsync();
        Assert.That(written.Select(e => (e.Trail, e.Action, e.ActorName)), Is.EqualTo(new[] { ("case-searches", "case.searched", "auditor") }), "one entry, not one per case");
        Assert.That(written[0].Data, Does.Contain(dni));
        foreach (var id in cases) Assert.That(written[0].Data, Does.Contain(id.ToString()));
    }

    [Test]
    public async Task A_citizens_history_lists_every_office_for_an_auditor_and_only_their_own_for_office_staff()
    {
        var person = await CreatePersonAsync();
        var partyId = person.GetProperty("id").GetGuid();
        var lima = (await OpenCaseAsync("consultor.lim", partyId: partyId)).GetProperty("caseNumber").GetString()!;
        var cusco = (await OpenCaseAsync("consultor.cus", partyId: partyId)).GetProperty("caseNumber").GetString()!;

        var auditorPage = await (await As("auditor")).GetStringAsync($"/expedientes/ciudadano/{partyId}");
        Assert.That(auditorPage, Does.Contain(lima).And.Contain(cusco).And.Contain("2 expediente(s)"));
        var limaPage = await (await As("supervisor.lim")).GetStringAsync($"/expedientes/ciudadano/{partyId}");
        Assert.That(limaPage, Does.Contain(lima).And.Not.Contain(cusco));
        Assert.That((await (await As("auditor")).GetAsync($"/expedientes/ciudadano/{Guid.NewGuid()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<VupeDbContext>>().CreateDbContextAsync();
        var reads = await db.AuditEntries.AsNoTracking().Where(e => e.Trail == $"party:{partyId}" && e.Action == "party.cases.read").ToListAsync();
        Assert.That(reads.Select(r => r.ActorName), Is.EquivalentTo(new[] { "auditor", "supervisor.lim" }), "each view of the history once in the ficha's trail");
    }

    [Test]
    public async Task A_consultant_delegates_the_task_they_hold_to_a_colleague_of_the_office_and_no_other()
    {
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var taskId = (await FirstTaskOfCaseAsync(caseId)).GetProperty("id").GetGuid();
        var consultant = await As("consultor.lim");

        var notHeld = await consultant.PostAsJsonAsync($"/api/tasks/{taskId}/assign", new { assignee = "consultor2.lim" });
        Assert.That(notHeld.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "only the task they hold");
        (await consultant.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        var elsewhere = await consultant.PostAsJsonAsync($"/api/tasks/{taskId}/assign", new { assignee = "consultor.cus" });
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(elsewhere)).GetProperty("errors").GetProperty("assignee")[0].GetString(), Does.Contain("oficina"));
        var delegated = await consultant.PostAsJsonAsync($"/api/tasks/{taskId}/assign", new { assignee = "consultor2.lim" });
        Assert.That(delegated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await delegated.Content.ReadAsStringAsync());
        Assert.That((await delegated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignee").GetString(), Is.EqualTo("consultor2.lim"));
        // Now someone else's: the first consultant can no longer give it away.
        Assert.That((await consultant.PostAsJsonAsync($"/api/tasks/{taskId}/assign", new { assignee = "consultor.lim" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        Assert.That(trail.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "task.assigned"), Is.EqualTo(1));
    }
}
