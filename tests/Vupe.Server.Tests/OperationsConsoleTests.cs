using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vupe.Server.Tests;

/// <summary>
/// The operations console's API: definitions and instances in the user's scope, an operator's interventions (each
/// needing a reason, audited with it in the case's trail, refused on an ended instance), incidents across cases with
/// single and bulk retry, and the job queue in Spanish.
/// </summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class OperationsConsoleTests(TestStore store) : ServerTestBase(store)
{
    private async Task<(Guid CaseId, Guid InstanceId)> OpenAsync(string user = "consultor.lim", string procedure = "orientacion")
    {
        var caseId = (await OpenCaseAsync(user, procedure: procedure)).GetProperty("id").GetGuid();
        var detail = await (await As(user)).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        return (caseId, detail.GetProperty("instances")[0].GetProperty("id").GetGuid());
    }

    private async Task<string> DefinitionIdAsync(HttpClient client, Guid instanceId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/operations/instances/{instanceId}")).GetProperty("instance").GetProperty("definitionId").GetString()!;

    private async Task<List<JsonElement>> TrailAsync(Guid caseId) =>
        [.. (await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit")).EnumerateArray()];

    private static JsonElement DataOf(JsonElement entry) => JsonDocument.Parse(entry.GetProperty("data").GetString()!).RootElement;

    [Test]
    public async Task Definitions_and_instances_are_those_of_the_users_offices_and_filter_by_state_activity_dates_and_variables()
    {
        var (limCase, limInstance) = await OpenAsync();
        var (_, cusInstance) = await OpenAsync("consultor.cus");
        var lim = await As("supervisor.lim");
        var definitionId = await DefinitionIdAsync(lim, limInstance);

        var definitions = await lim.GetFromJsonAsync<JsonElement>("/api/operations/definitions");
        var row = definitions.EnumerateArray().Single(d => d.GetProperty("id").GetString() == definitionId);
        Assert.That(row.GetProperty("running").GetInt32(), Is.GreaterThanOrEqualTo(1));
        var national = (await (await As("admin")).GetFromJsonAsync<JsonElement>("/api/operations/definitions")).EnumerateArray().Single(d => d.GetProperty("id").GetString() == definitionId);
        Assert.That(national.GetProperty("running").GetInt32(), Is.GreaterThan(row.GetProperty("running").GetInt32()), "the admin counts CUS's instance too, LIM's supervisor does not");

        async Task<List<Guid>> Ids(HttpClient client, string query) =>
            [.. (await client.GetFromJsonAsync<JsonElement>($"/api/operations/instances?definitionId={Uri.EscapeDataString(definitionId)}&pageSize=100{query}"))
                .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

        var mine = await Ids(lim, "");
        Assert.That(mine, Does.Contain(limInstance));
        Assert.That(mine, Does.Not.Contain(cusInstance), "another office's instance is not listed");
        Assert.That(await Ids(lim, "&office=CUS"), Is.Empty);
        Assert.That(await Ids(await As("admin"), "&office=CUS"), Does.Contain(cusInstance));
        Assert.That(await Ids(lim, "&activity=entrevista"), Does.Contain(limInstance));
        Assert.That(await Ids(lim, "&activity=seguimiento"), Does.Not.Contain(limInstance));
        Assert.That(await Ids(lim, $"&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}"), Is.Empty, "nothing started in the future");

        var variables = (await lim.GetFromJsonAsync<JsonElement>($"/api/operations/instances/{limInstance}")).GetProperty("variables");
        var document = variables.GetProperty("numeroDocumento").GetString();
        Assert.That(await Ids(lim, $"&variable=numeroDocumento%3D{document}"), Is.EqualTo(new[] { limInstance }));
        var reads = (await TrailAsync(limCase)).Where(e => e.GetProperty("action").GetString() == "case.read").Select(DataOf);
        Assert.That(reads.Any(d => d.GetProperty("fields").GetString() == "operaciones"), "reading an instance's variables is audited");

        (await lim.PostAsJsonAsync($"/api/operations/instances/{limInstance}/suspend", new { reason = "Revisión de datos" })).EnsureSuccessStatusCode();
        Assert.That(await Ids(lim, "&state=suspended"), Does.Contain(limInstance));
        Assert.That(await Ids(lim, "&state=running"), Does.Not.Contain(limInstance));

        var bad = await lim.GetAsync($"/api/operations/instances?definitionId={Uri.EscapeDataString(definitionId)}&state=dormido&variable=sinigual");
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await ProblemOf(bad)).GetProperty("errors");
        Assert.That(errors.GetProperty("state")[0].GetString(), Does.StartWith("Valor no válido"));
        Assert.That(errors.GetProperty("variable")[0].GetString(), Does.Contain("nombre=valor"));
    }

    [Test]
    public async Task Another_office_cannot_see_or_act_on_an_instance_and_a_consultant_is_refused()
    {
        var (_, cusInstance) = await OpenAsync("consultor.cus");
        var lim = await As("supervisor.lim");
        Assert.That((await lim.GetAsync($"/api/operations/instances/{cusInstance}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        foreach (var action in new[] { "suspend", "cancel", "resume" })
            Assert.That((await lim.PostAsJsonAsync($"/api/operations/instances/{cusInstance}/{action}", new { reason = "Prueba" })).StatusCode,
                Is.EqualTo(HttpStatusCode.NotFound), action);
        Assert.That((await lim.PostAsJsonAsync($"/api/operations/instances/{cusInstance}/move-token", new { from = "entrevista", to = "seguimiento", reason = "Prueba" })).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
        var consultant = await As("consultor.cus");
        Assert.That((await consultant.GetAsync($"/api/operations/instances/{cusInstance}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await consultant.PostAsJsonAsync($"/api/operations/instances/{cusInstance}/suspend", new { reason = "Prueba" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await (await As("supervisor.cus")).GetAsync($"/api/operations/instances/{cusInstance}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var admin = await (await As("admin")).GetFromJsonAsync<JsonElement>($"/api/operations/instances/{cusInstance}");
        Assert.That(admin.GetProperty("variables").GetProperty("numeroDocumento").GetString(), Is.EqualTo("(oculto)"), "administrators read no personal data");
        var search = await (await As("admin")).GetAsync($"/api/operations/instances?definitionId={Uri.EscapeDataString(admin.GetProperty("instance").GetProperty("definitionId").GetString()!)}&variable=numeroDocumento%3D1");
        Assert.That(search.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "nor search by it");
    }

    [Test]
    public async Task Every_intervention_needs_a_reason_in_Spanish()
    {
        var (_, instance) = await OpenAsync();
        var lim = await As("supervisor.lim");
        foreach (var (path, body) in new (string, object)[]
        {
            ("suspend", new { reason = "  " }), ("cancel", new { }), ("resume", new { reason = "" }),
            ("move-token", new { from = "entrevista", to = "seguimiento" }), ("variables", new { variables = new { nota = "x" } }),
        })
        {
            var response = await lim.PostAsJsonAsync($"/api/operations/instances/{instance}/{path}", body);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), path);
            Assert.That((await ProblemOf(response)).GetProperty("errors").GetProperty("reason")[0].GetString(), Does.StartWith("Indique el motivo"), path);
        }
        var detail = await lim.GetFromJsonAsync<JsonElement>($"/api/operations/instances/{instance}");
        Assert.That(detail.GetProperty("instance").GetProperty("state").GetString(), Is.EqualTo("Running"), "nothing was done");
    }

    [Test]
    public async Task Suspend_and_resume_hold_the_case_and_are_audited_with_their_reasons()
    {
        var (caseId, instance) = await OpenAsync();
        var lim = await As("supervisor.lim");
        var suspended = await lim.PostAsJsonAsync($"/api/operations/instances/{instance}/suspend", new { reason = "Documento en revisión" });
        Assert.That(suspended.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await suspended.Content.ReadAsStringAsync());
        var again = await lim.PostAsJsonAsync($"/api/operations/instances/{instance}/suspend", new { reason = "Otra vez" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await ProblemOf(again)).GetProperty("title").GetString(), Is.EqualTo("El proceso ya está suspendido."));

        // While suspended, the consultant cannot complete the task.
        var consultant = await As("consultor.lim");
        var taskId = (await FirstTaskOfCaseAsync(caseId)).GetProperty("id").GetGuid();
        (await consultant.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        var complete = await consultant.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { interes = "Gastronomía" } });
        Assert.That(complete.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await complete.Content.ReadAsStringAsync());

        var resumed = await lim.PostAsJsonAsync($"/api/operations/instances/{instance}/resume", new { reason = "Documento validado" });
        Assert.That(resumed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await resumed.Content.ReadAsStringAsync());
        complete = await consultant.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { interes = "Gastronomía" } });
        Assert.That(complete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await complete.Content.ReadAsStringAsync());

        var trail = await TrailAsync(caseId);
        var suspendEntry = trail.Single(e => e.GetProperty("action").GetString() == "process.suspended");
        Assert.That(DataOf(suspendEntry).GetProperty("reason").GetString(), Is.EqualTo("Documento en revisión"));
        Assert.That(suspendEntry.GetProperty("actorName").GetString(), Is.EqualTo("supervisor.lim"));
        Assert.That(DataOf(trail.Single(e => e.GetProperty("action").GetString() == "process.resumed")).GetProperty("reason").GetString(), Is.EqualTo("Documento validado"));
    }

    [Test]
    public async Task Move_a_token_set_variables_and_cancel_are_audited_and_an_ended_instance_refuses_them()
    {
        var (caseId, instance) = await OpenAsync();
        var lim = await As("supervisor.lim");
        var moved = await lim.PostAsJsonAsync($"/api/operations/instances/{instance}/move-token", new { from = "entrevista", to = "seguimiento", reason = "La entrevista se hizo en papel" });
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await moved.Content.ReadAsStringAsync());
        var detail = await lim.GetFromJsonAsync<JsonElement>($"/api/operations/instances/{instance}");
        Assert.That(detail.GetProperty("instance").GetProperty("activeElementIds").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "seguimiento" }));
        var noToken = await lim.PostAsJsonAsync($"/api/operations/instances/{instance}/move-token", new { from = "entrevista", to = "fin", reason = "Prueba" });
        Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(noToken)).GetProperty("errors").GetProperty("from")[0].GetString(), Does.Contain("No hay un token"));

        var set = await lim.PostAsJsonAsync($"/api/operations/instances/{instance}/variables", new { variables = new { nota = "Corregida", intentos = 2 }, reason = "Dato mal digitado" });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await set.Content.ReadAsStringAsync());
        detail = await lim.GetFromJsonAsync<JsonElement>($"/api/operations/instances/{instance}");
        Assert.That(detail.GetProperty("variables").GetProperty("nota").GetString(), Is.EqualTo("Corregida"));
        var reserved = await lim.PostAsJsonAsync($"/api/operations/instances/{instance}/variables", new { variables = new { officeCode = "CUS" }, reason = "Mover de oficina" });
        Assert.That(reserved.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a variable the system assigns is refused");

        var cancelled = await lim.PostAsJsonAsync($"/api/operations/instances/{instance}/cancel", new { reason = "Trámite duplicado" });
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await cancelled.Content.ReadAsStringAsync());
        foreach (var (path, body) in new (string, object)[]
        {
            ("cancel", new { reason = "Otra vez" }), ("suspend", new { reason = "Tarde" }),
            ("variables", new { variables = new { nota = "x" }, reason = "Tarde" }), ("move-token", new { from = "seguimiento", to = "entrevista", reason = "Tarde" }),
        })
        {
            var refused = await lim.PostAsJsonAsync($"/api/operations/instances/{instance}/{path}", body);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), path);
            Assert.That((await ProblemOf(refused)).GetProperty("title").GetString(), Does.StartWith("No se puede").And.Contain("ya terminó"), path);
        }

        var trail = await TrailAsync(caseId);
        string ReasonOf(string action) => DataOf(trail.Single(e => e.GetProperty("action").GetString() == action)).GetProperty("reason").GetString()!;
        Assert.That(ReasonOf("token.moved"), Is.EqualTo("La entrevista se hizo en papel"));
        Assert.That(ReasonOf("variables.changed"), Is.EqualTo("Dato mal digitado"));
        // The engine records the cancellation and the instance's end as two rows: each entry carries the reason.
        Assert.That(trail.Where(e => e.GetProperty("action").GetString() == "process.cancelled").Select(e => DataOf(e).GetProperty("reason").GetString()),
            Is.Not.Empty.And.All.EqualTo("Trámite duplicado"));
        var changed = DataOf(trail.Single(e => e.GetProperty("action").GetString() == "variables.changed")).GetProperty("variables");
        Assert.That(changed.GetProperty("nota").GetProperty("new").GetString(), Is.EqualTo("Corregida"));
    }

    private async Task<(Guid CaseId, Guid IncidentId)> IncidentAsync(string user = "consultor.lim")
    {
        var client = await As(user);
        var caseId = (await OpenCaseAsync(user, procedure: "incidencia")).GetProperty("id").GetGuid();
        var taskId = (await FirstTaskOfCaseAsync(caseId, user)).GetProperty("id").GetGuid();
        (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { horas = "muchas" } })).EnsureSuccessStatusCode();
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        return (caseId, detail.GetProperty("incidents")[0].GetProperty("id").GetGuid());
    }

    [Test]
    public async Task Incidents_of_every_case_in_scope_are_listed_and_retried_one_or_many_with_the_reason_in_each_trail()
    {
        var (caseA, incidentA) = await IncidentAsync();
        var (caseB, incidentB) = await IncidentAsync();
        var (_, incidentCus) = await IncidentAsync("consultor.cus");
        var lim = await As("supervisor.lim");
        var listed = (await lim.GetFromJsonAsync<JsonElement>("/api/operations/incidents?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        var ids = listed.Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.That(ids, Does.Contain(incidentA).And.Contain(incidentB));
        Assert.That(ids, Does.Not.Contain(incidentCus), "another office's incidents are not listed");
        var a = listed.Single(i => i.GetProperty("id").GetGuid() == incidentA);
        Assert.That(a.GetProperty("elementId").GetString(), Is.EqualTo("decidir"));
        Assert.That(a.GetProperty("message").GetString(), Is.Not.Empty);
        Assert.That(a.GetProperty("caseNumber").GetString(), Does.StartWith("LIM-"));

        Assert.That((await lim.PostAsJsonAsync($"/api/operations/incidents/{incidentCus}/retry", new { reason = "Prueba" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await (await As("consultor.lim")).PostAsJsonAsync($"/api/operations/incidents/{incidentA}/retry", new { })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var one = await lim.PostAsJsonAsync($"/api/operations/incidents/{incidentA}/retry", new { reason = "Sistema de horas corregido" });
        Assert.That(one.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await one.Content.ReadAsStringAsync());
        var bulk = await lim.PostAsJsonAsync("/api/operations/incidents/retry", new { incidentIds = new[] { incidentA, incidentB, incidentCus }, reason = "Reintento masivo" });
        Assert.That(bulk.StatusCode, Is.EqualTo(HttpStatusCode.OK), await bulk.Content.ReadAsStringAsync());
        var outcomes = (await bulk.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToDictionary(o => o.GetProperty("incidentId").GetGuid());
        Assert.That(outcomes[incidentB].GetProperty("retried").GetBoolean(), Is.True);
        Assert.That(outcomes[incidentA].GetProperty("retried").GetBoolean(), Is.False, "already retried");
        Assert.That(outcomes[incidentCus].GetProperty("retried").GetBoolean(), Is.False, "out of scope");
        Assert.That(outcomes[incidentCus].GetProperty("problem").GetString(), Does.Contain("no existe"));

        string RetryReason(List<JsonElement> trail) => DataOf(trail.Single(e => e.GetProperty("action").GetString() == "incident.retried")).GetProperty("reason").GetString()!;
        Assert.That(RetryReason(await TrailAsync(caseA)), Is.EqualTo("Sistema de horas corregido"));
        Assert.That(RetryReason(await TrailAsync(caseB)), Is.EqualTo("Reintento masivo"));

        var empty = await lim.PostAsJsonAsync("/api/operations/incidents/retry", new { incidentIds = Array.Empty<Guid>() });
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(empty)).GetProperty("errors").GetProperty("incidentIds")[0].GetString(), Is.EqualTo("Seleccione al menos una incidencia."));
    }

    [Test]
    public async Task The_incident_list_is_filtered_by_office_and_paged_in_the_query_and_a_supervisor_never_sees_another_office()
    {
        var mine = new List<Guid>();
        for (var n = 0; n < 3; n++) mine.Add((await IncidentAsync()).IncidentId);
        var (_, cusco) = await IncidentAsync("consultor.cus");

        async Task<List<JsonElement>> AllPagesAsync(HttpClient client, string query)
        {
            var rows = new List<JsonElement>();
            for (var page = 1; ; page++)
            {
                var body = await client.GetFromJsonAsync<JsonElement>($"/api/operations/incidents?pageSize=2&page={page}{query}");
                var items = body.GetProperty("items").EnumerateArray().ToList();
                Assert.That(items.Count, Is.LessThanOrEqualTo(2), "a page holds at most its size");
                rows.AddRange(items);
                if (page * 2 >= body.GetProperty("total").GetInt32()) break;
                Assert.That(items, Has.Count.EqualTo(2), "a page before the last is full");
            }
            return rows;
        }

        var lim = await As("supervisor.lim");
        var first = await lim.GetFromJsonAsync<JsonElement>("/api/operations/incidents?pageSize=2");
        Assert.That(first.GetProperty("total").GetInt32(), Is.GreaterThanOrEqualTo(3));
        Assert.That(first.GetProperty("items").GetArrayLength(), Is.EqualTo(2), "three incidents do not fit one page of two");
        var limRows = await AllPagesAsync(lim, "");
        var limIds = limRows.Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.That(limIds, Is.Unique, "no incident on two pages");
        Assert.That(limIds, Is.SupersetOf(mine), "paging reaches every incident of the office");
        Assert.That(limIds, Does.Not.Contain(cusco));
        Assert.That(limRows.Select(r => r.GetProperty("officeCode").GetString()), Is.All.EqualTo("LIM"));
        Assert.That(limRows.Select(r => r.GetProperty("since").GetDateTimeOffset()), Is.Ordered, "oldest first, across pages");

        // Asking for another office by name shows nothing rather than its incidents.
        var asked = await lim.GetFromJsonAsync<JsonElement>("/api/operations/incidents?office=cus");
        Assert.That(asked.GetProperty("total").GetInt32(), Is.Zero);
        Assert.That(asked.GetProperty("items").GetArrayLength(), Is.Zero);
        var cus = await As("supervisor.cus");
        var cusIds = (await AllPagesAsync(cus, "")).Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.That(cusIds, Does.Contain(cusco).And.No.AnyOf(mine));

        // Nationally every office's, and one office when asked.
        var admin = await As("admin");
        Assert.That((await AllPagesAsync(admin, "")).Select(r => r.GetProperty("id").GetGuid()), Is.SupersetOf(mine.Append(cusco)));
        var onlyCus = await AllPagesAsync(admin, "&office=CUS");
        Assert.That(onlyCus.Select(r => r.GetProperty("id").GetGuid()), Does.Contain(cusco).And.No.AnyOf(mine));
        Assert.That(onlyCus.Select(r => r.GetProperty("officeCode").GetString()), Is.All.EqualTo("CUS"));

        var badPage = await lim.GetAsync("/api/operations/incidents?pageSize=1000");
        Assert.That(badPage.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        // The page: the supervisor's office only, paged by 25 with the office filter kept in its links.
        var html = await lim.GetStringAsync("/operaciones/incidencias?oficina=CUS");
        Assert.That(html, Does.Contain("No hay incidencias abiertas.").And.Not.Contain("CUS-"));
        html = await lim.GetStringAsync("/operaciones/incidencias");
        Assert.That(html, Does.Contain("LIM-").And.Not.Contain("CUS-"));

        // A row's "Reintentar" on the page retries it and comes back to the same list (office and page kept).
        var listPage = await lim.GetAsync("/operaciones/incidencias?oficina=LIM&pagina=1");
        html = await listPage.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.That(token, Is.Not.Empty, "the retry form carries an antiforgery token");
        Assert.That(html, Does.Contain("name=\"pagina\" value=\"1\"").And.Contain("name=\"oficina\" value=\"LIM\""));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/operaciones/incidencias")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["oficina"] = "LIM", ["pagina"] = "1", ["Una"] = mine[0].ToString(), ["Motivo"] = "Reintento desde la página",
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", listPage.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var retried = await lim.SendAsync(post);
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await retried.Content.ReadAsStringAsync());
        Assert.That(retried.Headers.Location?.OriginalString, Is.EqualTo("/operaciones/incidencias?oficina=LIM&pagina=1"));
        Assert.That((await AllPagesAsync(lim, "")).Select(r => r.GetProperty("id").GetGuid()), Does.Not.Contain(mine[0]), "retried: no longer open");
    }

    [TestCase("process.suspended", "suspendió el proceso")]
    [TestCase("process.resumed", "reanudó el proceso")]
    [TestCase("variables.changed", "corrigió datos del caso")]
    [TestCase("token.moved", "movió el caso a otro paso")]
    public void The_console_acts_read_as_Spanish_sentences_in_the_case_page(string action, string sentence) =>
        Assert.That(Cases.CaseNarrative.Action(action), Is.EqualTo(sentence));

    [Test]
    public async Task The_job_queue_is_counted_with_Spanish_labels()
    {
        await OpenAsync(); // its task has a due date; the SLA and sweep jobs are Hangfire's recurring ones
        var jobs = await (await As("admin")).GetFromJsonAsync<JsonElement>("/api/operations/jobs");
        var engine = jobs.GetProperty("engine").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!);
        Assert.That(engine.Keys, Is.EquivalentTo(new[] { "timers", "timersDue", "timerStarts", "asyncContinuations", "serviceTasks", "retrying", "failed" }));
        Assert.That(engine["timers"].GetProperty("label").GetString(), Is.EqualTo("Temporizadores en espera"));
        var hangfire = jobs.GetProperty("hangfire").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!);
        Assert.That(hangfire["recurring"].GetProperty("count").GetInt64(), Is.GreaterThan(0), "the due-jobs sweep and the SLA scan are recurring jobs");
        Assert.That(hangfire["enqueued"].GetProperty("label").GetString(), Is.EqualTo("En cola"));
    }
}
