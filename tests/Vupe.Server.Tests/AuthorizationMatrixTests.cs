using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Vupe.Server.Tests;

/// <summary>
/// Every endpoint as every role, from the office that owns the resource (LIM) and from another
/// (CUS), plus national roles and no credentials (for pages outside /api: a redirect to sign-in). Out-of-scope case resources answer 404 so their
/// existence does not leak; role refusals answer 403.
/// </summary>
public sealed class AuthorizationMatrixTests : ServerTestBase
{
    private static readonly string[] Users = ["anonymous", "consultor.lim", "consultor.cus", "supervisor.lim", "supervisor.cus", "auditor", "admin"];

    private sealed record Row(string Name, Func<string, Task<HttpRequestMessage>> Request, int[] Expected);

    private Guid _partyId;
    private Guid _caseId;
    private Guid _taskId;

    [OneTimeSetUp]
    public async Task CreateResources()
    {
        _partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        _caseId = (await OpenCaseAsync(partyId: _partyId)).GetProperty("id").GetGuid();
        _taskId = (await FirstTaskOfCaseAsync(_caseId)).GetProperty("id").GetGuid();
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

    /// <summary>A CUL issued at LIM for each call, so each revocation meets a certificate still standing.</summary>
    private async Task<Guid> FreshCertificateAsync()
    {
        var caseId = (await OpenCaseAsync(partyId: _partyId, procedure: "certificado-unico-laboral")).GetProperty("id").GetGuid();
        var certificates = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/certificates");
        return certificates[0].GetProperty("id").GetGuid();
    }

    private IEnumerable<Row> Rows()
    {
        //                                                        anon  c.lim c.cus s.lim s.cus audit admin
        yield return new("GET offices", _ => Get("/api/offices"), [401, 200, 200, 200, 200, 200, 200]);
        yield return new("GET procedures", _ => Get("/api/procedures"), [401, 200, 200, 200, 200, 200, 200]);
        yield return new("GET me", _ => Get("/api/auth/me"), [401, 200, 200, 200, 200, 200, 200]);
        // Outside /api a browser is sent to the sign-in page (302) instead of a bare 401.
        yield return new("GET openapi", _ => Get("/openapi/v1.json"), [302, 200, 200, 200, 200, 200, 200]);
        yield return new("GET parties search", _ => Get("/api/parties?q=nahui"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("GET party (national ficha)", _ => Get($"/api/parties/{_partyId}"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("GET party history", _ => Get($"/api/parties/{_partyId}/history"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("POST person", _ => Task.FromResult(Post("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = NewDni(), // names and birth date from RENIEC
        })), [401, 201, 201, 201, 201, 403, 403]);
        yield return new("PUT ficha", async _ =>
        {
            var current = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/parties/{_partyId}");
            return new HttpRequestMessage(HttpMethod.Put, $"/api/parties/{_partyId}/ficha")
            {
                Content = JsonContent.Create(new { version = current.GetProperty("version").GetInt64(), phone = "912345678" }),
            };
        }, [401, 200, 200, 200, 200, 403, 403]);
        yield return new("POST consent", _ => Task.FromResult(Post($"/api/parties/{_partyId}/consents",
            new { purpose = "comunicaciones", granted = true, channel = "digital" })), [401, 201, 201, 201, 201, 403, 403]);
        yield return new("GET party audit", _ => Get($"/api/parties/{_partyId}/audit"), [401, 403, 403, 200, 200, 200, 403]);
        yield return new("GET party audit verify", _ => Get($"/api/parties/{_partyId}/audit/verify"), [401, 403, 403, 200, 200, 200, 403]);
        yield return new("GET cases", _ => Get("/api/cases"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("GET case", _ => Get($"/api/cases/{_caseId}"), [401, 200, 404, 200, 404, 200, 403]);
        yield return new("GET case history", _ => Get($"/api/cases/{_caseId}/history"), [401, 200, 404, 200, 404, 200, 403]);
        yield return new("GET case audit", _ => Get($"/api/cases/{_caseId}/audit"), [401, 403, 403, 200, 404, 200, 403]);
        yield return new("GET case audit verify", _ => Get($"/api/cases/{_caseId}/audit/verify"), [401, 403, 403, 200, 404, 200, 403]);
        yield return new("POST case at LIM", _ => Task.FromResult(Post("/api/cases", new { partyId = _partyId, procedure = "orientacion", officeCode = "LIM" })),
            [401, 201, 403, 201, 403, 403, 403]);
        yield return new("GET tasks", _ => Get("/api/tasks?view=Office"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("GET task", _ => Get($"/api/tasks/{_taskId}"), [401, 200, 404, 200, 404, 200, 403]);
        yield return new("POST claim", async _ => Post($"/api/tasks/{await FreshTaskAsync()}/claim"), [401, 200, 404, 200, 404, 403, 403]);
        yield return new("POST unclaim", async _ => Post($"/api/tasks/{await FreshTaskAsync(claimedByConsultant: true)}/unclaim"),
            [401, 200, 404, 200, 404, 403, 403]);
        yield return new("POST assign", async _ => Post($"/api/tasks/{await FreshTaskAsync()}/assign", new { assignee = "consultor2.lim" }),
            [401, 403, 403, 200, 404, 403, 403]);
        yield return new("POST complete", async user =>
        {
            var task = await FreshTaskAsync();
            // A consultant completes what they hold; a supervisor may complete an unclaimed task of their office.
            if (user == "consultor.lim") (await (await As(user)).PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            return Post($"/api/tasks/{task}/complete", new { data = new { interes = "Gastronomía" } });
        }, [401, 204, 404, 204, 404, 403, 403]);
        yield return new("GET decisions", _ => Get("/api/decisions"), [401, 403, 403, 200, 200, 200, 403]);
        yield return new("POST decision evaluate", _ => Task.FromResult(Post("/api/decisions/acercamiento-empresarial/evaluate", new { inputs = new { } })),
            [401, 403, 403, 200, 200, 200, 403]);
        yield return new("GET admin users", _ => Get("/api/admin/users"), [401, 403, 403, 403, 403, 403, 200]);
        yield return new("POST admin user", _ => Task.FromResult(Post("/api/admin/users", new
        {
            userName = $"nuevo{Guid.NewGuid():N}", fullName = "Nuevo Consultor", role = "consultant", officeCode = "PIU", password = "Clave.Segura.2026",
        })), [401, 403, 403, 403, 403, 403, 201]);
        yield return new("GET document kinds", _ => Get("/api/document-kinds"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("GET case documents", _ => Get($"/api/cases/{_caseId}/documents"), [401, 200, 404, 200, 404, 200, 403]);
        yield return new("POST case document", _ =>
        {
            var form = new MultipartFormDataContent { { new StringContent("otro"), "kind" } };
            var file = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "nota.pdf");
            return Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{_caseId}/documents") { Content = form });
        }, [401, 201, 404, 201, 404, 403, 403]);
        yield return new("GET party documents", _ => Get($"/api/parties/{_partyId}/documents"), [401, 200, 200, 200, 200, 200, 403]);
        yield return new("GET figures", _ => Get("/api/figures"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("GET figures export", _ => Get("/api/figures?format=csv"), [401, 403, 403, 200, 200, 403, 200]);
        yield return new("GET dashboard page", _ => Get("/tablero"), [302, 403, 403, 200, 200, 403, 200]);
        yield return new("GET case certificates", _ => Get($"/api/cases/{_caseId}/certificates"), [401, 200, 404, 200, 404, 200, 403]);
        yield return new("GET CUL sections", _ => Get($"/api/cases/{_caseId}/cul/sections"), [401, 200, 404, 200, 404, 200, 403]);
        yield return new("POST revoke certificate", async _ => Post($"/api/certificates/{await FreshCertificateAsync()}/revoke", new { reason = "Emitido por error en la oficina" }),
            [401, 403, 403, 200, 404, 403, 403]);
        // The one open door: anyone may verify a certificate, page or API.
        yield return new("GET public verification", _ => Get("/api/public/certificates/0000-0000-0000"), [200, 200, 200, 200, 200, 200, 200]);
        yield return new("GET verification page", _ => Get("/verificar"), [200, 200, 200, 200, 200, 200, 200]);
        yield return new("GET hangfire dashboard", _ => Get("/hangfire"), [302, 403, 403, 403, 403, 403, 200]);
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
                    mismatches.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{row.Name} as {user}: expected {row.Expected[i]}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        Assert.That(checkedCalls, Is.EqualTo(Rows().Count() * Users.Length));
        Assert.That(mismatches.ToString(), Is.Empty);
    }
}
