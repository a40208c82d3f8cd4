using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vupe.Server.Tests;

[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class IdempotencyTests(TestStore store) : ServerTestBase(store)
{
    private static HttpRequestMessage Open(Guid partyId, string key, string procedure = "orientacion")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(new { partyId, procedure }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<int> CasesOfAsync(Guid partyId) =>
        (await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/cases?partyId={partyId}")).GetProperty("total").GetInt32();

    [Test]
    public async Task Concurrent_opens_with_one_key_open_one_case_and_every_answer_is_the_first_or_en_curso()
    {
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var client = await As("consultor.lim");
        var key = Guid.NewGuid().ToString();
        using var start = new ManualResetEventSlim();
        var sends = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            using var response = await client.SendAsync(Open(partyId, key));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(sends);

        Assert.That(outcomes.Select(o => o.StatusCode), Is.All.AnyOf(HttpStatusCode.Created, HttpStatusCode.Conflict), string.Join("\n", outcomes));
        var created = outcomes.Where(o => o.StatusCode == HttpStatusCode.Created).Select(o => JsonDocument.Parse(o.Body).RootElement.GetProperty("id").GetGuid()).Distinct().ToList();
        Assert.That(created, Has.Count.EqualTo(1), "every 201 is the same case");
        Assert.That(await CasesOfAsync(partyId), Is.EqualTo(1));
        foreach (var busy in outcomes.Where(o => o.StatusCode == HttpStatusCode.Conflict))
            Assert.That(JsonDocument.Parse(busy.Body).RootElement.GetProperty("title").GetString(), Is.EqualTo("Solicitud en curso"));

        // Once the first is done every repeat gets its answer.
        using var late = await client.SendAsync(Open(partyId, key));
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), Is.EqualTo(created[0]));
    }

    [Test]
    public async Task A_repeat_returns_the_first_answer_and_a_different_body_with_the_key_is_422()
    {
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var client = await As("consultor.lim");
        var key = Guid.NewGuid().ToString();
        using var first = await client.SendAsync(Open(partyId, key));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var firstBody = await first.Content.ReadAsStringAsync();

        using var repeat = await client.SendAsync(Open(partyId, key));
        Assert.That(repeat.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await repeat.Content.ReadAsStringAsync(), Is.EqualTo(firstBody));
        Assert.That(repeat.Headers.Location, Is.EqualTo(first.Headers.Location));
        Assert.That(repeat.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That(await CasesOfAsync(partyId), Is.EqualTo(1));

        using var other = await client.SendAsync(Open(partyId, key, "cul"));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var problem = await ProblemOf(other);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Clave de idempotencia reutilizada"));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("use una clave nueva"));
        Assert.That(await CasesOfAsync(partyId), Is.EqualTo(1));

        // The key is the caller's: another consultant with the same key opens a case of their own.
        using var someoneElse = await (await As("supervisor.lim")).SendAsync(Open(partyId, key));
        Assert.That(someoneElse.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await CasesOfAsync(partyId), Is.EqualTo(2));
    }

    [Test]
    public async Task An_upload_sent_twice_with_one_key_stores_one_document_though_the_multipart_boundary_differs()
    {
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var client = await As("consultor.lim");
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Upload()
        {
            var form = new MultipartFormDataContent();
            form.Add(new StringContent("cv"), "kind");
            var file = new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "cv.pdf");
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/documents") { Content = form };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
        using var first = await client.SendAsync(Upload());
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), firstBody);
        using var again = await client.SendAsync(Upload());
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await again.Content.ReadAsStringAsync(), Is.EqualTo(firstBody));
        var documents = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents");
        Assert.That(documents.GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_key_that_is_not_printable_ascii_is_a_400_in_spanish()
    {
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var request = Open(partyId, new string('x', 201));
        using var response = await (await As("consultor.lim")).SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(response)).GetProperty("title").GetString(), Is.EqualTo("Clave de idempotencia no válida"));
        Assert.That(await CasesOfAsync(partyId), Is.Zero);
    }

    [Test]
    public async Task A_repeat_claim_by_the_holder_changes_nothing_and_writes_no_audit_entry()
    {
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var client = await As("consultor.lim");
        var taskId = (await FirstTaskOfCaseAsync(caseId)).GetProperty("id").GetGuid();
        using var first = await client.PostAsync($"/api/tasks/{taskId}/claim", null);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        var auditor = await As("auditor");
        var before = (await auditor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit")).GetArrayLength();

        using var go = new ManualResetEventSlim();
        var repeats = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            go.Wait();
            using var response = await client.PostAsync($"/api/tasks/{taskId}/claim", null);
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        })).ToList();
        go.Set();
        foreach (var (status, body) in await Task.WhenAll(repeats))
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("assignee").GetString(), Is.EqualTo("consultor.lim"));
            Assert.That(body.GetProperty("version").GetInt64(), Is.EqualTo(firstBody.GetProperty("version").GetInt64()), "the task is unchanged");
        }
        var trail = await auditor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        Assert.That(trail.GetArrayLength(), Is.EqualTo(before));
        Assert.That(trail.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "task.claimed"), Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_claims_of_a_free_task_by_one_consultant_record_one_claim()
    {
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var client = await As("consultor.lim");
        var taskId = (await FirstTaskOfCaseAsync(caseId)).GetProperty("id").GetGuid();
        using var go = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            go.Wait();
            using var response = await client.PostAsync($"/api/tasks/{taskId}/claim", null);
            return response.StatusCode;
        })).ToList();
        go.Set();
        var statuses = await Task.WhenAll(claims);
        Assert.That(statuses, Has.Some.EqualTo(HttpStatusCode.OK));
        Assert.That(statuses, Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict));
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        Assert.That(trail.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "task.claimed"), Is.EqualTo(1));
    }
}
