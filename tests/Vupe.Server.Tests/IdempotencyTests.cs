using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Server.Data;
using Vupe.Server.Idempotency;

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

    // A crash between the reservation and the kept answer, simulated: the key's row as a process that is no longer its
    // node's current one left it — with the work not committed (no resource), or committed (its resource marked).

    [Test]
    public async Task A_key_left_reserved_by_a_dead_process_before_its_work_committed_is_done_by_the_retry_once_even_by_two_retries_at_once()
    {
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var client = await As("consultor.lim");
        var key = Guid.NewGuid().ToString();
        await LeaveReservationAsync("consultor.lim", "/api/cases", key, () => Open(partyId, key), owner: DeadProcess);

        using var start = new ManualResetEventSlim();
        var retries = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            using var response = await client.SendAsync(Open(partyId, key));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(retries);

        Assert.That(outcomes.Select(o => o.StatusCode), Is.All.AnyOf(HttpStatusCode.Created, HttpStatusCode.Conflict), string.Join("\n", outcomes));
        Assert.That(outcomes.Count(o => o.StatusCode == HttpStatusCode.Created), Is.GreaterThanOrEqualTo(1), string.Join("\n", outcomes));
        Assert.That(await CasesOfAsync(partyId), Is.EqualTo(1), "the work is done once");
        var opened = outcomes.Where(o => o.StatusCode == HttpStatusCode.Created).Select(o => JsonDocument.Parse(o.Body).RootElement.GetProperty("id").GetGuid()).Distinct().Single();
        var record = await RecordAsync(key);
        Assert.That(record.Resource, Is.EqualTo($"case:{opened}"), "the work marked its key in its own transaction");
        Assert.That(record.OwnerInstance, Is.EqualTo(Factory.Services.GetRequiredService<ServerInstance>().Id), "taken over by this process");

        using var later = await client.SendAsync(Open(partyId, key));
        Assert.That(later.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await later.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), Is.EqualTo(opened));
        Assert.That(later.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
    }

    [Test]
    public async Task A_key_whose_case_committed_before_its_process_died_answers_the_first_answer_and_opens_nothing_more()
    {
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var client = await As("consultor.lim");
        var key = Guid.NewGuid().ToString();
        using var first = await client.SendAsync(Open(partyId, key));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var firstBody = await first.Content.ReadAsStringAsync();
        var opened = JsonDocument.Parse(firstBody).RootElement.GetProperty("id").GetGuid();
        Assert.That((await RecordAsync(key)).Resource, Is.EqualTo($"case:{opened}"));
        await ForgetAnswerAsync(key, DeadProcess);

        using var retry = await client.SendAsync(Open(partyId, key));
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created), await retry.Content.ReadAsStringAsync());
        Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(firstBody), "the first answer, built again from the case");
        Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
        Assert.That(retry.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That(await CasesOfAsync(partyId), Is.EqualTo(1));
        Assert.That((await RecordAsync(key)).Status, Is.EqualTo(StatusCodes.Status201Created), "the answer is kept this time");
    }

    [Test]
    public async Task A_key_left_unanswered_by_a_process_still_running_here_or_on_another_node_stays_en_curso()
    {
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var client = await As("consultor.lim");
        var here = Guid.NewGuid().ToString();
        await LeaveReservationAsync("consultor.lim", "/api/cases", here, () => Open(partyId, here), owner: Factory.Services.GetRequiredService<ServerInstance>().Id);
        // Another node whose current process is the one that reserved the key: still at work, as far as anyone can tell.
        var there = Guid.NewGuid().ToString();
        var otherProcess = Guid.NewGuid().ToString("N");
        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<VupeDbContext>>().CreateDbContextAsync())
        {
            db.Add(new NodeInstance { NodeName = "otro-nodo", InstanceId = otherProcess, StartedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        await LeaveReservationAsync("consultor.lim", "/api/cases", there, () => Open(partyId, there), owner: otherProcess, node: "otro-nodo");

        foreach (var key in new[] { here, there })
        {
            using var retry = await client.SendAsync(Open(partyId, key));
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), key);
            Assert.That((await ProblemOf(retry)).GetProperty("title").GetString(), Is.EqualTo("Solicitud en curso"));
        }
        Assert.That(await CasesOfAsync(partyId), Is.Zero);
    }

    [Test]
    public async Task Uploads_and_registrations_left_by_a_dead_process_are_done_once_or_answered_from_what_they_created()
    {
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var client = await As("consultor.lim");
        var notDone = Guid.NewGuid().ToString();
        var done = Guid.NewGuid().ToString();
        HttpRequestMessage Upload(string key, string title)
        {
            var form = new MultipartFormDataContent { { new StringContent("cv"), "kind" }, { new StringContent(title), "title" } };
            var file = new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "cv.pdf");
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/documents") { Content = form };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
        var route = $"/api/cases/{caseId}/documents";
        await LeaveReservationAsync("consultor.lim", route, notDone, () => Upload(notDone, "no hecho"), owner: DeadProcess);
        using (var retry = await client.SendAsync(Upload(notDone, "no hecho")))
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created), await retry.Content.ReadAsStringAsync());

        using var first = await client.SendAsync(Upload(done, "hecho"));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.That((await RecordAsync(done)).Resource, Does.StartWith("document:"));
        await ForgetAnswerAsync(done, DeadProcess);
        using (var retry = await client.SendAsync(Upload(done, "hecho")))
        {
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
            // The first answer as the database keeps it (PostgreSQL's timestamps stop at microseconds, the first answer's did not).
            var (was, now) = (JsonDocument.Parse(firstBody).RootElement, await retry.Content.ReadFromJsonAsync<JsonElement>());
            foreach (var field in new[] { "id", "title", "kind" }) Assert.That(now.GetProperty(field).ToString(), Is.EqualTo(was.GetProperty(field).ToString()), field);
            Assert.That(now.GetProperty("versions")[0].GetProperty("sha256").GetString(), Is.EqualTo(was.GetProperty("versions")[0].GetProperty("sha256").GetString()));
        }
        var titles = (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents")).EnumerateArray().Select(d => d.GetProperty("title").GetString()).ToList();
        Assert.That(titles, Is.EquivalentTo(new[] { "no hecho", "hecho" }), "each upload stored once");

        // A ficha: registered by the retry when its first process died before, answered again when after.
        var dni = NewDni();
        HttpRequestMessage Register(string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/parties/persons") { Content = JsonContent.Create(new { documentType = "Dni", documentNumber = dni }) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
        var registration = Guid.NewGuid().ToString();
        await LeaveReservationAsync("consultor.lim", "/api/parties/persons", registration, () => Register(registration), owner: DeadProcess);
        using var registered = await client.SendAsync(Register(registration));
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
        var partyId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await ForgetAnswerAsync(registration, DeadProcess);
        using var again = await client.SendAsync(Register(registration));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), Is.EqualTo(partyId));
        Assert.That((await client.GetFromJsonAsync<JsonElement>($"/api/parties?document={dni}")).GetArrayLength(), Is.EqualTo(1));
    }

    /// <summary>A process of this node that is no longer its current one: killed, and the node restarted since.</summary>
    private static string DeadProcess => Guid.NewGuid().ToString("N");

    /// <summary>The key's row as a process that reserved it and died before its work committed leaves it.</summary>
    private async Task LeaveReservationAsync(string userName, string route, string key, Func<HttpRequestMessage> request, string owner, string? node = null)
    {
        using var message = request();
        var http = new DefaultHttpContext();
        http.Request.ContentType = message.Content!.Headers.ContentType!.ToString();
        http.Request.Body = new MemoryStream(await message.Content.ReadAsByteArrayAsync());
        var hash = await RequestFingerprint.OfAsync(http.Request, CancellationToken.None);
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<VupeDbContext>>().CreateDbContextAsync();
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        db.Add(new IdempotencyRecord
        {
            Scope = $"user:{userId}", Route = route, Key = key, RequestHash = hash, CreatedAt = now, ExpiresAt = now.AddHours(1),
            OwnerNode = node ?? Factory.Services.GetRequiredService<ServerInstance>().NodeName, OwnerInstance = owner,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>The key's answer lost and its owner gone, its resource (written with the work) kept: a crash after the commit, before the answer.</summary>
    private async Task ForgetAnswerAsync(string key, string owner)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<VupeDbContext>>().CreateDbContextAsync();
        var record = await db.Set<IdempotencyRecord>().SingleAsync(r => r.Key == key);
        (record.Status, record.Body, record.ContentType, record.Location, record.OwnerInstance) = (null, null, null, null, owner);
        await db.SaveChangesAsync();
    }

    private async Task<IdempotencyRecord> RecordAsync(string key)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<VupeDbContext>>().CreateDbContextAsync();
        return await db.Set<IdempotencyRecord>().AsNoTracking().SingleAsync(r => r.Key == key);
    }
}
