using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Vupe.Server.Tests;

/// <summary>
/// Every endpoint as every role, from the office that owns the resource (LIM) and from another
/// (CUS), plus national roles and no credentials (for pages outside /api: a redirect to sign-in). Out-of-scope case resources answer 404 so their
/// existence does not leak; role refusals answer 403.
/// </summary>
public sealed class AuthorizationMatrixTests : ServerTestBase
{
    private static readonly string[] Users = ["anonymous", "consultor.lim", "consultor.cus", "supervisor.lim", "supervisor.cus", "auditor", "admin"];

    private sealed record Row(string Route, Func<string, Task<HttpRequestMessage>> Request, int[] Expected);

    private Guid _partyId;
    private Guid _caseId;
    private string _caseNumber = "";
    private Guid _taskId;
    private Guid _documentId;
    private Guid _vacancyId;
    private Guid _instanceId;

    // The citizen's CUL request allows 5 a minute per address; the matrix calls it once per user.
    protected override void Configure(Dictionary<string, string?> settings) => settings["Vupe:CitizenRequestsPerMinute"] = "100";

    private static MultipartFormDataContent PdfForm(params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        var file = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "nota.pdf");
        return form;
    }

    [OneTimeSetUp]
    public async Task CreateResources()
    {
        _partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var opened = await OpenCaseAsync(partyId: _partyId);
        _caseId = opened.GetProperty("id").GetGuid();
        _caseNumber = opened.GetProperty("caseNumber").GetString()!;
        _taskId = (await FirstTaskOfCaseAsync(_caseId)).GetProperty("id").GetGuid();
        var consultant = await As("consultor.lim");
        _instanceId = (await consultant.GetFromJsonAsync<JsonElement>($"/api/cases/{_caseId}")).GetProperty("instances")[0].GetProperty("id").GetGuid();
        var uploaded = await consultant.PostAsync($"/api/cases/{_caseId}/documents", PdfForm(("kind", "otro")));
        Assert.That(uploaded.StatusCode, Is.EqualTo(HttpStatusCode.Created), await uploaded.Content.ReadAsStringAsync());
        _documentId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var company = await JobBankRequests.CreateCompanyAsync(consultant, "Hoteles Matriz S.A.C.");
        _vacancyId = (await JobBankRequests.PostVacancyAsync(consultant, company, "Cocinero", "5120", "150122")).GetProperty("id").GetGuid();
    }

    private static Task<HttpRequestMessage> Get(string url) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, url));

    private static HttpRequestMessage Post(string url, object? body = null) =>
        new(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };

    /// <summary>A new LIM task for each write, so that one user's claim does not change what the next user meets.</summary>
    private async Task<Guid> FreshTaskAsync(bool claimedByConsultant = false)
    {
        var caseId = (await OpenCaseAsync(partyId: _partyId)).GetProperty("id").GetGuid();
        var taskId = (await FirstTaskOfCaseAsync(caseId)).GetProperty("id").GetGuid();
        if (claimedByConsultant) (await (await As("consultor.lim")).PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        return taskId;
    }

    /// <summary>A running LIM process instance for each call, so each cancel or suspend meets one still running.</summary>
    private async Task<Guid> FreshInstanceAsync()
    {
        var caseId = (await OpenCaseAsync(partyId: _partyId)).GetProperty("id").GetGuid();
        return (await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("instances")[0].GetProperty("id").GetGuid();
    }

    /// <summary>A new PIU consultant for each call, so each lock, reset or change meets an account as created.</summary>
    private async Task<string> FreshUserAsync(params string[] services)
    {
        var userName = $"matriz{Guid.NewGuid():N}"[..20];
        var created = await (await As("admin")).PostAsJsonAsync("/api/admin/users", new
        {
            userName, fullName = "Cuenta de la Matriz", roles = new[] { "consultant" }, officeCode = "PIU", services,
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return userName;
    }

    /// <summary>A CUL issued at LIM for each call, so each revocation meets a certificate still standing.</summary>
    private async Task<Guid> FreshCertificateAsync()
    {
        var caseId = (await OpenCaseAsync(partyId: _partyId, procedure: "certificado-unico-laboral")).GetProperty("id").GetGuid();
        var certificates = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/certificates");
        return certificates[0].GetProperty("id").GetGuid();
    }

    /// <summary>A hold placed by the auditor for each call, so each lift meets one still standing.</summary>
    private async Task<Guid> FreshHoldAsync(string url)
    {
        var placed = await (await As("auditor")).PostAsJsonAsync(url, new { kind = "legal", reason = "Para la matriz" });
        Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await placed.Content.ReadAsStringAsync());
        return (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private IEnumerable<Row> Rows()
    {
        //                                                        anon  c.lim c.cus s.lim s.cus audit admin
        yield return new("GET /api/offices", _ => Get("/api/offices"), [401, 200, 200, 200, 200, 200, 200]);
        yield return new("GET /api/procedures", _ => Get("/api/procedures"), [401, 200, 200, 200, 200, 200, 200]);
        yield return new("GET /api/auth/me", _ => Get("/api/auth/me"), [401, 200, 200, 200, 200, 200, 200]);
        // Outside /api a browser is sent to the sign-in page (302) instead of a bare 401.
        yield return new("GET /openapi/{documentName}.json", _ => Get("/openapi/v1.json"), [302, 200, 200, 200, 200, 200, 200]);
        yield return new("GET /api/parties", _ => Get("/api/parties?q=nahui"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("GET /api/parties/{id:guid}", _ => Get($"/api/parties/{_partyId}"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("GET /api/parties/{id:guid}/history", _ => Get($"/api/parties/{_partyId}/history"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("POST /api/parties/persons", _ => Task.FromResult(Post("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = NewDni(), // names and birth date from RENIEC
        })), [401, 201, 201, 201, 201, 403, 403]);
        yield return new("PUT /api/parties/{id:guid}/ficha", async _ =>
        {
            var current = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/parties/{_partyId}");
            return new HttpRequestMessage(HttpMethod.Put, $"/api/parties/{_partyId}/ficha")
            {
                Content = JsonContent.Create(new { version = current.GetProperty("version").GetInt64(), phone = "912345678" }),
            };
        }, [401, 200, 200, 200, 200, 403, 403]);
        yield return new("POST /api/parties/{id:guid}/consents", _ => Task.FromResult(Post($"/api/parties/{_partyId}/consents",
            new { purpose = "comunicaciones", granted = true, channel = "digital" })), [401, 201, 201, 201, 201, 403, 403]);
        yield return new("GET /api/parties/{id:guid}/audit", _ => Get($"/api/parties/{_partyId}/audit"), [401, 403, 403, 200, 200, 200, 403]);
        yield return new("GET /api/parties/{id:guid}/audit/verify", _ => Get($"/api/parties/{_partyId}/audit/verify"), [401, 403, 403, 200, 200, 200, 403]);
        yield return new("GET /api/cases", _ => Get("/api/cases"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("GET /api/cases/{id:guid}", _ => Get($"/api/cases/{_caseId}"), [401, 200, 404, 200, 404, 200, 403]);
        yield return new("GET /api/cases/{id:guid}/history", _ => Get($"/api/cases/{_caseId}/history"), [401, 200, 404, 200, 404, 200, 403]);
        yield return new("GET /api/cases/{id:guid}/audit", _ => Get($"/api/cases/{_caseId}/audit"), [401, 403, 403, 200, 404, 200, 403]);
        yield return new("GET /api/cases/{id:guid}/audit/verify", _ => Get($"/api/cases/{_caseId}/audit/verify"), [401, 403, 403, 200, 404, 200, 403]);
        yield return new("POST /api/cases", _ => Task.FromResult(Post("/api/cases", new { partyId = _partyId, procedure = "orientacion", officeCode = "LIM" })),
            [401, 201, 403, 201, 403, 403, 403]);
        yield return new("GET /api/tasks", _ => Get("/api/tasks?view=Office"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("GET /api/tasks/{id:guid}", _ => Get($"/api/tasks/{_taskId}"), [401, 200, 404, 200, 404, 200, 403]);
        yield return new("POST /api/tasks/{id:guid}/claim", async _ => Post($"/api/tasks/{await FreshTaskAsync()}/claim"), [401, 200, 404, 200, 404, 403, 403]);
        yield return new("POST /api/tasks/{id:guid}/unclaim", async _ => Post($"/api/tasks/{await FreshTaskAsync(claimedByConsultant: true)}/unclaim"),
            [401, 200, 404, 200, 404, 403, 403]);
        // A supervisor reassigns any task of the office; a consultant delegates only the task they hold (another office's: 404).
        yield return new("POST /api/tasks/{id:guid}/assign", async _ => Post($"/api/tasks/{await FreshTaskAsync()}/assign", new { assignee = "consultor2.lim" }),
            [401, 403, 404, 200, 404, 403, 403]);
        yield return new("POST /api/tasks/{id:guid}/assign", async _ => Post($"/api/tasks/{await FreshTaskAsync(claimedByConsultant: true)}/assign", new { assignee = "consultor2.lim" }),
            [401, 200, 404, 200, 404, 403, 403]);
        yield return new("POST /api/tasks/{id:guid}/complete", async user =>
        {
            var task = await FreshTaskAsync();
            // A consultant completes what they hold; a supervisor may complete an unclaimed task of their office.
            if (user == "consultor.lim") (await (await As(user)).PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            return Post($"/api/tasks/{task}/complete", new { data = new { interes = "Gastronomía" } });
        }, [401, 204, 404, 204, 404, 403, 403]);
        yield return new("GET /api/decisions", _ => Get("/api/decisions"), [401, 403, 403, 200, 200, 200, 403]);
        yield return new("POST /api/decisions/{id}/evaluate", _ => Task.FromResult(Post("/api/decisions/acercamiento-empresarial/evaluate", new { inputs = new { } })),
            [401, 403, 403, 200, 200, 200, 403]);
        yield return new("GET /api/admin/users", _ => Get("/api/admin/users"), [401, 403, 403, 403, 403, 403, 200]);
        yield return new("POST /api/admin/users", _ => Task.FromResult(Post("/api/admin/users", new
        {
            userName = $"nuevo{Guid.NewGuid():N}", fullName = "Nuevo Consultor", role = "consultant", officeCode = "PIU", password = "Clave.Segura.2026",
        })), [401, 403, 403, 403, 403, 403, 201]);
        yield return new("GET /api/document-kinds", _ => Get("/api/document-kinds"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("GET /api/cases/{id:guid}/documents", _ => Get($"/api/cases/{_caseId}/documents"), [401, 200, 404, 200, 404, 200, 403]);
        yield return new("POST /api/cases/{id:guid}/documents", _ =>
        {
            var form = new MultipartFormDataContent { { new StringContent("otro"), "kind" } };
            var file = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "nota.pdf");
            return Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{_caseId}/documents") { Content = form });
        }, [401, 201, 404, 201, 404, 403, 403]);
        yield return new("GET /api/parties/{partyId:guid}/documents", _ => Get($"/api/parties/{_partyId}/documents"), [401, 200, 200, 200, 200, 200, 403]);
        // Holds: supervisors (their office's cases, any ficha) and auditors; a fresh hold for each lift.
        yield return new("GET /api/cases/{id:guid}/holds", _ => Get($"/api/cases/{_caseId}/holds"), [401, 403, 403, 200, 404, 200, 403]);
        yield return new("POST /api/cases/{id:guid}/holds", _ => Task.FromResult(Post($"/api/cases/{_caseId}/holds", new { kind = "legal", reason = "Oficio del juzgado" })),
            [401, 403, 403, 201, 404, 201, 403]);
        yield return new("POST /api/cases/{id:guid}/holds/{holdId:guid}/lift", async _ =>
            Post($"/api/cases/{_caseId}/holds/{await FreshHoldAsync($"/api/cases/{_caseId}/holds")}/lift", new { reason = "Archivo del proceso" }),
            [401, 403, 403, 200, 404, 200, 403]);
        yield return new("GET /api/parties/{id:guid}/holds", _ => Get($"/api/parties/{_partyId}/holds"), [401, 403, 403, 200, 200, 200, 403]);
        yield return new("POST /api/parties/{id:guid}/holds", _ => Task.FromResult(Post($"/api/parties/{_partyId}/holds", new { kind = "arco", reason = "Solicitud de acceso" })),
            [401, 403, 403, 201, 201, 201, 403]);
        yield return new("POST /api/parties/{id:guid}/holds/{holdId:guid}/lift", async _ =>
            Post($"/api/parties/{_partyId}/holds/{await FreshHoldAsync($"/api/parties/{_partyId}/holds")}/lift", new { reason = "Solicitud atendida" }),
            [401, 403, 403, 200, 200, 200, 403]);
        // Contact verification: those who register fichas (the PUT row above leaves the ficha a phone, no email); a wrong code is a 400 naming why.
        yield return new("POST /api/parties/{id:guid}/contacts/{channel}/code", _ => Task.FromResult(Post($"/api/parties/{_partyId}/contacts/phone/code")),
            [401, 202, 202, 202, 202, 403, 403]);
        yield return new("POST /api/parties/{id:guid}/contacts/{channel}/verify", _ => Task.FromResult(Post($"/api/parties/{_partyId}/contacts/phone/verify", new { code = "000000" })),
            [401, 400, 400, 400, 400, 403, 403]);
        yield return new("GET /api/figures", _ => Get("/api/figures"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("GET /api/figures", _ => Get("/api/figures?format=csv"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("PAGE /tablero", _ => Get("/tablero"), [302, 403, 403, 200, 200, 403, 200]);
        yield return new("GET /api/cases/{id:guid}/certificates", _ => Get($"/api/cases/{_caseId}/certificates"), [401, 200, 404, 200, 404, 200, 403]);
        yield return new("GET /api/cases/{id:guid}/cul/sections", _ => Get($"/api/cases/{_caseId}/cul/sections"), [401, 200, 404, 200, 404, 200, 403]);
        yield return new("POST /api/certificates/{certificateId:guid}/revoke", async _ => Post($"/api/certificates/{await FreshCertificateAsync()}/revoke", new { reason = "Emitido por error en la oficina" }),
            [401, 403, 403, 200, 404, 403, 403]);
        // The one open door: anyone may verify a certificate, page or API.
        yield return new("GET /api/public/certificates/{code}", _ => Get("/api/public/certificates/0000-0000-0000"), [200, 200, 200, 200, 200, 200, 200]);
        yield return new("PAGE /verificar/{codigo?}", _ => Get("/verificar"), [200, 200, 200, 200, 200, 200, 200]);
        yield return new("MIDDLEWARE /hangfire", _ => Get("/hangfire"), [302, 403, 403, 403, 403, 403, 200]);

        // ---- Rows for every other route (issue 17): expected outcomes reasoned from each route's policy and scope, not recorded. ----
        //                                                        anon  c.lim c.cus s.lim s.cus audit admin
        var none = Guid.NewGuid();
        yield return new("GET /", _ => Get("/"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("GET /api/auth/antiforgery", _ => Get("/api/auth/antiforgery"), [401, 200, 200, 200, 200, 200, 200]);
        yield return new("POST /api/auth/login", _ => Task.FromResult(Post("/api/auth/login", new { userName = "nadie", password = "incorrecta" })), [401, 401, 401, 401, 401, 401, 401]);
        yield return new("POST /api/auth/token", _ => Task.FromResult(Post("/api/auth/token", new { userName = "nadie", password = "incorrecta" })), [401, 401, 401, 401, 401, 401, 401]);
        yield return new("GET /api/cases/{id:guid}/diagram", _ => Get($"/api/cases/{_caseId}/diagram"), [401, 200, 404, 200, 404, 200, 403]);
        // An incident that does not exist: who may retry meets 404, whoever may not work cases 403.
        yield return new("POST /api/cases/{id:guid}/incidents/{incidentId:guid}/retry", _ => Task.FromResult(Post($"/api/cases/{_caseId}/incidents/{none}/retry")),
            [401, 404, 404, 404, 404, 403, 403]);
        yield return new("GET /api/cases/{id:guid}/audit/export.json", _ => Get($"/api/cases/{_caseId}/audit/export.json"), [401, 403, 403, 200, 404, 200, 403]);
        yield return new("GET /api/cases/{id:guid}/audit/export.pdf", _ => Get($"/api/cases/{_caseId}/audit/export.pdf"), [401, 403, 403, 200, 404, 200, 403]);
        yield return new("GET /api/cases/{id:guid}/documents/{documentId:guid}", _ => Get($"/api/cases/{_caseId}/documents/{_documentId}"), [401, 200, 404, 200, 404, 200, 403]);
        yield return new("GET /api/cases/{id:guid}/documents/{documentId:guid}/content", _ => Get($"/api/cases/{_caseId}/documents/{_documentId}/content"),
            [401, 200, 404, 200, 404, 200, 403]);
        yield return new("POST /api/cases/{id:guid}/documents/{documentId:guid}/versions", async _ =>
        {
            var current = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/cases/{_caseId}/documents/{_documentId}");
            return new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{_caseId}/documents/{_documentId}/versions")
            {
                Content = PdfForm(("version", current.GetProperty("version").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture))),
            };
        }, [401, 201, 404, 201, 404, 403, 403]);
        yield return new("GET /api/decisions/{id}/xml", _ => Get("/api/decisions/acercamiento-empresarial/xml"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("POST /api/decisions/test", _ => Task.FromResult(Post("/api/decisions/test", new { })), [401, 403, 403, 400, 400, 403, 400]);
        yield return new("GET /api/deployments", _ => Get("/api/deployments"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("GET /api/deployments/{id:guid}", _ => Get($"/api/deployments/{none}"), [401, 403, 403, 404, 404, 403, 404]);
        yield return new("GET /api/deployments/{id:guid}/files/{name}", _ => Get($"/api/deployments/{none}/files/a.bpmn"), [401, 403, 403, 404, 404, 403, 404]);
        // Deploying is for national supervisors and admins; office supervisors draft and validate.
        yield return new("POST /api/deployments", _ => Task.FromResult(Post("/api/deployments")), [401, 403, 403, 403, 403, 403, 400]);
        yield return new("POST /api/deployments/validate", _ => Task.FromResult(Post("/api/deployments/validate")), [401, 403, 403, 400, 400, 403, 400]);
        yield return new("GET /api/designer/catalog", _ => Get("/api/designer/catalog"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("GET /api/drafts", _ => Get("/api/drafts"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("GET /api/drafts/{key}", _ => Get("/api/drafts/no-existe"), [401, 403, 403, 404, 404, 403, 404]);
        yield return new("PUT /api/drafts/{key}", _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Put, "/api/drafts/no-existe") { Content = JsonContent.Create(new { }) }),
            [401, 403, 403, 400, 400, 403, 400]);
        yield return new("DELETE /api/drafts/{key}", _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Delete, "/api/drafts/no-existe")), [401, 403, 403, 404, 404, 403, 404]);
        // A draft that does not exist is not found for any designer (a draft of another office is as invisible).
        yield return new("POST /api/drafts/{key}/deploy", _ => Task.FromResult(Post("/api/drafts/no-existe/deploy")), [401, 403, 403, 404, 404, 403, 404]);
        yield return new("GET /api/forms", _ => Get("/api/forms"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("GET /api/forms/{key}", _ => Get("/api/forms/diagnostico-empleabilidad"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("GET /api/process-definitions", _ => Get("/api/process-definitions"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("GET /api/process-definitions/{id}/xml", _ => Get("/api/process-definitions/no-existe/xml"), [401, 403, 403, 404, 404, 403, 404]);
        yield return new("GET /api/migrations/{id:guid}", _ => Get($"/api/migrations/{none}"), [401, 403, 403, 404, 404, 403, 404]);
        yield return new("POST /api/migrations/plan", _ => Task.FromResult(Post("/api/migrations/plan", new { })), [401, 403, 403, 400, 400, 403, 400]);
        // Office supervisors migrate their office's cases: an empty request is a 400 for every designer.
        yield return new("POST /api/migrations", _ => Task.FromResult(Post("/api/migrations", new { })), [401, 403, 403, 400, 400, 403, 400]);
        yield return new("GET /api/labour-market", _ => Get("/api/labour-market"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("GET /api/occupations", _ => Get("/api/occupations"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("GET /api/vacancies", _ => Get("/api/vacancies"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("POST /api/vacancies", _ => Task.FromResult(Post("/api/vacancies", new { })), [401, 400, 400, 400, 400, 403, 403]);
        // The job bank is national: every office's consultants see and work every vacancy.
        yield return new("GET /api/vacancies/{id:guid}", _ => Get($"/api/vacancies/{_vacancyId}"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("PUT /api/vacancies/{id:guid}", _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Put, $"/api/vacancies/{none}") { Content = JsonContent.Create(new { }) }),
            [401, 404, 404, 404, 404, 403, 403]);
        yield return new("POST /api/vacancies/{id:guid}/close", _ => Task.FromResult(Post($"/api/vacancies/{none}/close?version=1")), [401, 404, 404, 404, 404, 403, 403]);
        yield return new("GET /api/vacancies/{id:guid}/candidates", _ => Get($"/api/vacancies/{_vacancyId}/candidates"), [401, 200, 200, 200, 200, 403, 403]);
        // The ficha has no search profile yet: whoever may read it is told so (409); the auditor reads, the admin does not.
        yield return new("GET /api/vacancies/{id:guid}/match/{partyId:guid}", _ => Get($"/api/vacancies/{_vacancyId}/match/{_partyId}"), [401, 409, 409, 409, 409, 409, 403]);
        yield return new("GET /api/vacancies/{id:guid}/referrals", _ => Get($"/api/vacancies/{_vacancyId}/referrals"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("POST /api/vacancies/{id:guid}/referrals", _ => Task.FromResult(Post($"/api/vacancies/{none}/referrals", new { partyId = _partyId })),
            [401, 404, 404, 404, 404, 403, 403]);
        yield return new("POST /api/referrals/{id:guid}/answer", _ => Task.FromResult(Post($"/api/referrals/{none}/answer", new { outcome = "contratado" })),
            [401, 404, 404, 404, 404, 403, 403]);
        yield return new("GET /api/parties/{partyId:guid}/jobseeker", _ => Get($"/api/parties/{_partyId}/jobseeker"), [401, 404, 404, 404, 404, 404, 403]);
        yield return new("PUT /api/parties/{partyId:guid}/jobseeker", _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Put, $"/api/parties/{_partyId}/jobseeker")
            { Content = JsonContent.Create(new { }) }), [401, 400, 400, 400, 400, 403, 403]);
        yield return new("GET /api/parties/{partyId:guid}/matches", _ => Get($"/api/parties/{_partyId}/matches"), [401, 409, 409, 409, 409, 409, 403]);
        yield return new("GET /api/parties/{partyId:guid}/referrals", _ => Get($"/api/parties/{_partyId}/referrals"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("POST /api/parties/companies", _ => Task.FromResult(Post("/api/parties/companies", new { })), [401, 400, 400, 400, 400, 403, 403]);
        yield return new("POST /api/parties/{id:guid}/identity/verify", async _ =>
        {
            var current = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/parties/{_partyId}");
            return Post($"/api/parties/{_partyId}/identity/verify", new { version = current.GetProperty("version").GetInt64() });
        }, [401, 200, 200, 200, 200, 403, 403]);
        // The open doors: a certificate's verification and the citizen's own CUL request, with or without credentials (a bad body is still a 400).
        yield return new("POST /api/public/certificates/verify", _ => Task.FromResult(Post("/api/public/certificates/verify")), [400, 400, 400, 400, 400, 400, 400]);
        yield return new("POST /api/public/cul-requests", _ => Task.FromResult(Post("/api/public/cul-requests", new { })), [400, 400, 400, 400, 400, 400, 400]);
        yield return new("POST /api/public/cul-requests/code", _ => Task.FromResult(Post("/api/public/cul-requests/code", new { })), [400, 400, 400, 400, 400, 400, 400]);
        yield return new("POST /api/admin/users/{userName}/unlock", _ => Task.FromResult(Post("/api/admin/users/consultor2.lim/unlock")), [401, 403, 403, 403, 403, 403, 200]);
        // Administration: the admin role only (national); every other role is refused whatever the office.
        yield return new("GET /api/admin/users/{userName}", _ => Get("/api/admin/users/consultor2.lim"), [401, 403, 403, 403, 403, 403, 200]);
        yield return new("PUT /api/admin/users/{userName}", async _ => new HttpRequestMessage(HttpMethod.Put, $"/api/admin/users/{await FreshUserAsync()}")
        {
            Content = JsonContent.Create(new { fullName = "Cuenta Cambiada", roles = new[] { "consultant" }, officeCode = "PIU", services = new[] { "cul" }, reason = "Matriz" }),
        }, [401, 403, 403, 403, 403, 403, 200]);
        yield return new("POST /api/admin/users/{userName}/lock", async _ => Post($"/api/admin/users/{await FreshUserAsync()}/lock", new { reason = "Matriz" }),
            [401, 403, 403, 403, 403, 403, 200]);
        yield return new("POST /api/admin/users/{userName}/reset-password", async _ => Post($"/api/admin/users/{await FreshUserAsync()}/reset-password", new { reason = "Matriz" }),
            [401, 403, 403, 403, 403, 403, 200]);
        yield return new("GET /api/admin/offices", _ => Get("/api/admin/offices"), [401, 403, 403, 403, 403, 403, 200]);
        yield return new("PUT /api/admin/offices/{code}", _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Put, "/api/admin/offices/PIU")
        {
            Content = JsonContent.Create(new { address = "Av. Grau 123, Piura", phone = "073 123456", reason = "Matriz" }),
        }), [401, 403, 403, 403, 403, 403, 200]);
        yield return new("GET /api/admin/groups", _ => Get("/api/admin/groups?office=LIM"), [401, 403, 403, 403, 403, 403, 200]);
        yield return new("POST /api/admin/groups/{group}/members", async _ => Post("/api/admin/groups/PIU-bolsa-trabajo/members", new { userName = await FreshUserAsync(), reason = "Matriz" }),
            [401, 403, 403, 403, 403, 403, 200]);
        yield return new("POST /api/admin/groups/{group}/members/{userName}/remove", async _ =>
            Post($"/api/admin/groups/PIU-bolsa-trabajo/members/{await FreshUserAsync("bolsa-trabajo")}/remove", new { reason = "Matriz" }), [401, 403, 403, 403, 403, 403, 200]);
        yield return new("PAGE /administracion/usuarios/nuevo", _ => Get("/administracion/usuarios/nuevo"), [302, 403, 403, 403, 403, 403, 200]);
        yield return new("PAGE /administracion/usuarios/{nombre}", _ => Get("/administracion/usuarios/consultor2.lim"), [302, 403, 403, 403, 403, 403, 200]);
        yield return new("PAGE /administracion/oficinas", _ => Get("/administracion/oficinas"), [302, 403, 403, 403, 403, 403, 200]);
        yield return new("PAGE /administracion/oficinas/{codigo}", _ => Get("/administracion/oficinas/LIM"), [302, 403, 403, 403, 403, 403, 200]);
        yield return new("PAGE /administracion/grupos", _ => Get("/administracion/grupos?oficina=LIM"), [302, 403, 403, 403, 403, 403, 200]);
        // The API reference: for signed-in users (the sign-in page for a browser without a session).
        yield return new("GET /scalar/{documentName?}", _ => Get("/scalar/v1"), [302, 200, 200, 200, 200, 200, 200]);
        // Its script and icon are public files (no data in them).
        yield return new("GET /scalar/scalar.js", _ => Get("/scalar/scalar.js"), [200, 200, 200, 200, 200, 200, 200]);
        yield return new("GET /scalar/scalar.aspnetcore.js", _ => Get("/scalar/scalar.aspnetcore.js"), [200, 200, 200, 200, 200, 200, 200]);
        yield return new("GET /scalar/favicon.svg", _ => Get("/scalar/favicon.svg"), [200, 200, 200, 200, 200, 200, 200]);
        // Pages: a browser without a session is sent to sign in (302); a role the page is not for gets 403; a case of another office 404.
        yield return new("PAGE /administracion", _ => Get("/administracion"), [302, 403, 403, 403, 403, 403, 200]);
        yield return new("PAGE /atender", _ => Get("/atender"), [302, 200, 200, 200, 200, 403, 403]);
        yield return new("PAGE /atender/ficha/{id:guid}", _ => Get($"/atender/ficha/{_partyId}"), [302, 200, 200, 200, 200, 403, 403]);
        yield return new("PAGE /bandeja", _ => Get("/bandeja"), [302, 200, 200, 200, 200, 200, 403]);
        // Appointments: the day's list for those who work cases (their office; national users choose), calendars for supervisors and administrators.
        yield return new("PAGE /citas", _ => Get("/citas"), [302, 200, 200, 200, 200, 403, 403]);
        yield return new("PAGE /citas/calendario", _ => Get("/citas/calendario"), [302, 403, 403, 200, 200, 403, 200]);
        yield return new("PAGE /bolsa", _ => Get("/bolsa"), [302, 200, 200, 200, 200, 200, 403]);
        yield return new("PAGE /bolsa/mercado", _ => Get("/bolsa/mercado"), [302, 200, 200, 200, 200, 200, 403]);
        yield return new("PAGE /bolsa/vacante/{id:guid}", _ => Get($"/bolsa/vacante/{_vacancyId}"), [302, 200, 200, 200, 200, 200, 403]);
        yield return new("PAGE /bolsa/buscador/{id:guid}", _ => Get($"/bolsa/buscador/{_partyId}"), [302, 200, 200, 200, 200, 403, 403]);
        yield return new("PAGE /bolsa/nueva", _ => Get("/bolsa/nueva"), [302, 200, 200, 200, 200, 403, 403]);
        // Validating companies that signed up online with an email the VUPE did not know: supervisors only (any office).
        yield return new("PAGE /bolsa/empresas", _ => Get("/bolsa/empresas"), [302, 403, 403, 200, 200, 403, 403]);
        yield return new("PAGE /disenador", _ => Get("/disenador"), [302, 403, 403, 200, 200, 403, 200]);
        yield return new("PAGE /disenador/borradores", _ => Get("/disenador/borradores"), [302, 403, 403, 200, 200, 403, 200]);
        yield return new("PAGE /disenador/decision", _ => Get("/disenador/decision?id=acercamiento-empresarial"), [302, 403, 403, 200, 200, 403, 200]);
        yield return new("PAGE /disenador/formulario", _ => Get("/disenador/formulario?key=diagnostico-empleabilidad"), [302, 403, 403, 200, 200, 403, 200]);
        yield return new("PAGE /disenador/proceso", _ => Get("/disenador/proceso"), [302, 403, 403, 200, 200, 403, 200]);
        yield return new("PAGE /disenador/versiones", _ => Get("/disenador/versiones?clave=orientacion"), [302, 403, 403, 200, 200, 403, 200]);
        yield return new("PAGE /disenador/migracion", _ => Get("/disenador/migracion?clave=orientacion"), [302, 403, 403, 200, 200, 403, 200]);
        yield return new("PAGE /disenador/migraciones/{id:guid}", _ => Get($"/disenador/migraciones/{none}"), [302, 403, 403, 404, 404, 403, 404]);
        yield return new("PAGE /expedientes", _ => Get("/expedientes"), [302, 200, 200, 200, 200, 200, 403]);
        yield return new("PAGE /expedientes/{id:guid}", _ => Get($"/expedientes/{_caseId}"), [302, 200, 404, 200, 404, 200, 403]);
        // A ficha is national: every office's staff read the history page, each seeing the cases of their scope; an unknown ficha is a 404.
        yield return new("PAGE /expedientes/ciudadano/{id:guid}", _ => Get($"/expedientes/ciudadano/{_partyId}"), [302, 200, 200, 200, 200, 200, 403]);
        yield return new("PAGE /expedientes/ciudadano/{id:guid}", _ => Get($"/expedientes/ciudadano/{none}"), [302, 404, 404, 404, 404, 404, 403]);
        yield return new("PAGE /tareas/{id:guid}", _ => Get($"/tareas/{_taskId}"), [302, 200, 404, 200, 404, 200, 403]);
        // The operations console: supervisors in their office (another office's instance is a 404), administrators nationally.
        yield return new("GET /api/operations/definitions", _ => Get("/api/operations/definitions"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("GET /api/operations/instances", _ => Get("/api/operations/instances?definitionId=no-existe"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("GET /api/operations/instances/{id:guid}", _ => Get($"/api/operations/instances/{_instanceId}"), [401, 403, 403, 200, 404, 403, 200]);
        yield return new("POST /api/operations/instances/{id:guid}/cancel", async _ => Post($"/api/operations/instances/{await FreshInstanceAsync()}/cancel", new { reason = "Duplicado" }),
            [401, 403, 403, 204, 404, 403, 204]);
        yield return new("POST /api/operations/instances/{id:guid}/suspend", async _ => Post($"/api/operations/instances/{await FreshInstanceAsync()}/suspend", new { reason = "Revisión" }),
            [401, 403, 403, 204, 404, 403, 204]);
        // The instance runs, it is not suspended: whoever may act on it is told so (409).
        yield return new("POST /api/operations/instances/{id:guid}/resume", _ => Task.FromResult(Post($"/api/operations/instances/{_instanceId}/resume", new { reason = "Revisado" })),
            [401, 403, 403, 409, 404, 403, 409]);
        // No token waits at "nada": a 400 for whoever may act on the instance.
        yield return new("POST /api/operations/instances/{id:guid}/move-token", _ => Task.FromResult(Post($"/api/operations/instances/{_instanceId}/move-token",
            new { from = "nada", to = "seguimiento", reason = "Corrección" })), [401, 403, 403, 400, 404, 403, 400]);
        yield return new("POST /api/operations/instances/{id:guid}/variables", _ => Task.FromResult(Post($"/api/operations/instances/{_instanceId}/variables",
            new { variables = new { notaOperador = "revisado" }, reason = "Corrección" })), [401, 403, 403, 204, 404, 403, 204]);
        yield return new("GET /api/operations/incidents", _ => Get("/api/operations/incidents"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("POST /api/operations/incidents/{incidentId:guid}/retry", _ => Task.FromResult(Post($"/api/operations/incidents/{none}/retry", new { })),
            [401, 403, 403, 404, 404, 403, 404]);
        // A bulk retry reports each incident's outcome (here: one that does not exist) in a 200.
        yield return new("POST /api/operations/incidents/retry", _ => Task.FromResult(Post("/api/operations/incidents/retry", new { incidentIds = new[] { none } })),
            [401, 403, 403, 200, 200, 403, 200]);
        yield return new("GET /api/operations/jobs", _ => Get("/api/operations/jobs"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("PAGE /operaciones", _ => Get("/operaciones"), [302, 403, 403, 200, 200, 403, 200]);
        yield return new("PAGE /operaciones/instancias", _ => Get("/operaciones/instancias?definicion=no-existe"), [302, 403, 403, 200, 200, 403, 200]);
        yield return new("PAGE /operaciones/instancias/{id:guid}", _ => Get($"/operaciones/instancias/{_instanceId}"), [302, 403, 403, 200, 404, 403, 200]);
        yield return new("PAGE /operaciones/incidencias", _ => Get("/operaciones/incidencias"), [302, 403, 403, 200, 200, 403, 200]);
        // The error page itself, asked for directly, is a page like any other.
        yield return new("PAGE /error/{codigo:int}", _ => Get("/error/404"), [200, 200, 200, 200, 200, 200, 200]);
        yield return new("PAGE /ingresar", _ => Get("/ingresar"), [200, 200, 200, 200, 200, 200, 200]);
        // "Sin permiso" answers 403 itself; without a session it is sign in first.
        yield return new("PAGE /sin-permiso", _ => Get("/sin-permiso"), [302, 403, 403, 403, 403, 403, 403]);
        yield return new("PAGE /solicitar-cul", _ => Get("/solicitar-cul"), [200, 200, 200, 200, 200, 200, 200]);
        // Mi VUPE: its own scheme, so no staff session (cookie or bearer) is a citizen's — every staff user is sent to the citizens' sign-in.
        yield return new("PAGE /mi-vupe", _ => Get("/mi-vupe"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/contacto", _ => Get("/mi-vupe/contacto"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/citas", _ => Get("/mi-vupe/citas"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/arco", _ => Get("/mi-vupe/arco"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/salir", _ => Get("/mi-vupe/salir"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/ficha", _ => Get("/mi-vupe/ficha"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/ficha/estudio", _ => Get("/mi-vupe/ficha/estudio?n=0"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/ficha/experiencia", _ => Get("/mi-vupe/ficha/experiencia?n=0"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/ficha/habilidades", _ => Get("/mi-vupe/ficha/habilidades"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/consentimientos", _ => Get("/mi-vupe/consentimientos"), [302, 302, 302, 302, 302, 302, 302]);
        // The downloads are handlers of this page: a staff session never gets a citizen's data file.
        yield return new("PAGE /mi-vupe/mis-datos", _ => Get("/mi-vupe/mis-datos?handler=json"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/cul", _ => Get("/mi-vupe/cul"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/servicios", _ => Get("/mi-vupe/servicios"), [302, 302, 302, 302, 302, 302, 302]);
        // A staff member is no citizen even for a case of their office: the citizen's own case pages are for its subject only
        // (a second citizen gets 404: Portal/PortalOnlineTests).
        yield return new("PAGE /mi-vupe/expedientes/{numero}", _ => Get($"/mi-vupe/expedientes/{_caseNumber}"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/expedientes/{numero}/documentos/{documento:guid}", _ => Get($"/mi-vupe/expedientes/{_caseNumber}/documentos/{_documentId}"),
            [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/empleos", _ => Get("/mi-vupe/empleos"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/empleos/{id:guid}", _ => Get($"/mi-vupe/empleos/{_vacancyId}"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /mi-vupe/postulaciones", _ => Get("/mi-vupe/postulaciones"), [302, 302, 302, 302, 302, 302, 302]);
        // VUPE Empresas: the companies' own scheme; no staff session is a company's — everyone here is sent to the companies' sign-in.
        yield return new("PAGE /empresas", _ => Get("/empresas"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /empresas/vacantes/publicar/{id:guid?}", _ => Get($"/empresas/vacantes/publicar/{_vacancyId}"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /empresas/vacantes/{id:guid}", _ => Get($"/empresas/vacantes/{_vacancyId}"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /empresas/salir", _ => Get("/empresas/salir"), [302, 302, 302, 302, 302, 302, 302]);
        yield return new("PAGE /empresas/registro", _ => Get("/empresas/registro"), [200, 200, 200, 200, 200, 200, 200]);
        yield return new("PAGE /empresas/ingresar", _ => Get("/empresas/ingresar"), [200, 200, 200, 200, 200, 200, 200]);
        yield return new("PAGE /mi-vupe/registro", _ => Get("/mi-vupe/registro"), [200, 200, 200, 200, 200, 200, 200]);
        yield return new("PAGE /mi-vupe/ingresar", _ => Get("/mi-vupe/ingresar"), [200, 200, 200, 200, 200, 200, 200]);
        // The unsubscribe link of a vacancy mail: public (the token names the account); without a valid token it says so and changes nothing.
        yield return new("PAGE /mi-vupe/comunicaciones/baja", _ => Get("/mi-vupe/comunicaciones/baja"), [200, 200, 200, 200, 200, 200, 200]);
        // Signing in with the national identity provider: public, and not there at all while no provider is configured (as here).
        yield return new("GET /mi-vupe/ingresar/externo", _ => Get("/mi-vupe/ingresar/externo"), [404, 404, 404, 404, 404, 404, 404]);
        yield return new("GET /mi-vupe/ingresar/externo/listo", _ => Get("/mi-vupe/ingresar/externo/listo"), [404, 404, 404, 404, 404, 404, 404]);
        // Signing out is a POST (with the form's token); a GET goes back to the inbox, or to sign in without a session.
        yield return new("PAGE /salir", _ => Get("/salir"), [302, 302, 302, 302, 302, 302, 302]);
        // Last: it ends every session of the user (the matrix signs in again afterwards).
        yield return new("POST /api/auth/logout", _ => Task.FromResult(Post("/api/auth/logout")), [401, 204, 204, 204, 204, 204, 204]);
    }

    /// <summary>Every route the server maps (API endpoints by method, pages as PAGE), from the endpoint data source.</summary>
    private HashSet<string> MappedRoutes()
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null || methods is null or { Count: 0 })
                routes.Add("PAGE " + path);
            else
                foreach (var method in methods) routes.Add(method + " " + path);
        }
        return routes;
    }

    [Test]
    public void Every_mapped_route_has_a_row_and_every_row_a_route()
    {
        var mapped = MappedRoutes();
        // Hangfire's dashboard is middleware, not an endpoint: its row stays, outside the comparison.
        var rows = Rows().Select(r => r.Route).Where(r => !r.StartsWith("MIDDLEWARE ", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        Assert.That(string.Join("\n", mapped.Except(rows).Order(StringComparer.Ordinal)), Is.Empty, "routes without a row in the matrix: add one with its expected outcomes");
        Assert.That(string.Join("\n", rows.Except(mapped).Order(StringComparer.Ordinal)), Is.Empty, "rows whose route the server no longer maps");
    }

    [Test]
    public async Task Every_endpoint_answers_every_role_as_the_matrix_says()
    {
        var mismatches = new StringBuilder();
        var checkedCalls = 0;
        foreach (var row in Rows())
        {
            for (var i = 0; i < Users.Length; i++)
            {
                var user = Users[i];
                var client = user == "anonymous" ? Factory.AnonymousClient() : await As(user);
                using var request = await row.Request(user);
                using var response = await client.SendAsync(request);
                checkedCalls++;
                if ((int)response.StatusCode != row.Expected[i])
                    mismatches.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{row.Route} ({request.Method} {request.RequestUri}) as {user}: expected {row.Expected[i]}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        SignOutAll(); // the logout row ended every user's session
        Assert.That(checkedCalls, Is.EqualTo(Rows().Count() * Users.Length));
        Assert.That(mismatches.ToString(), Is.Empty);
    }
}
