using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Vupe.Documents.Storage;
using Vupe.Engine;
using Vupe.Server.Documents;

namespace Vupe.Server.Tests;

/// <summary>
/// Retention on a clock the test moves: past its kind's period a document of a closed case loses its content (410,
/// metadata and SHA-256 kept, the deletion in the case's trail) unless the case is open or a legal or ARCO hold stands
/// on the case or the ficha; a blob another kept document shares stays.
/// </summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class RetentionTests(TestStore store) : ServerTestBase(store)
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(VupeServerFactory factory) =>
        factory.ServiceChanges = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));

    private async Task<RetentionRun> RunRetentionAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DocumentRetention>().RunAsync(CancellationToken.None);
    }

    private async Task<(Guid CaseId, Guid DocumentId)> ClosedCulAsync(Guid partyId)
    {
        var caseId = (await OpenCaseAsync(partyId: partyId, procedure: "certificado-unico-laboral")).GetProperty("id").GetGuid();
        var detail = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(detail.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"));
        return (caseId, detail.GetProperty("documents")[0].GetProperty("id").GetGuid());
    }

    private async Task<(Guid CaseId, Guid DocumentId, string Sha256)> OpenCaseWithUploadAsync(Guid partyId, byte[] pdf)
    {
        var caseId = (await OpenCaseAsync(partyId: partyId)).GetProperty("id").GetGuid();
        using var form = new MultipartFormDataContent { { new StringContent("otro"), "kind" } };
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "constancia.pdf");
        var uploaded = await (await As("consultor.lim")).PostAsync($"/api/cases/{caseId}/documents", form);
        Assert.That(uploaded.StatusCode, Is.EqualTo(HttpStatusCode.Created), await uploaded.Content.ReadAsStringAsync());
        var document = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        return (caseId, document.GetProperty("id").GetGuid(), document.GetProperty("versions")[0].GetProperty("sha256").GetString()!);
    }

    private async Task<HttpResponseMessage> ContentAsync(Guid caseId, Guid documentId) =>
        await (await As("supervisor.lim")).GetAsync($"/api/cases/{caseId}/documents/{documentId}/content");

    private async Task<Guid> PlaceHoldAsync(string url, string kind)
    {
        var placed = await (await As("supervisor.lim")).PostAsJsonAsync(url, new { kind, reason = "Oficio 123-2026 del juzgado laboral" });
        Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await placed.Content.ReadAsStringAsync());
        return (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Test]
    public void The_retention_job_is_a_daily_recurring_job()
    {
        using var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = connection.GetRecurringJobs().SingleOrDefault(j => j.Id == RetentionJob.RecurringJobId);
        Assert.That(job, Is.Not.Null);
        Assert.That(job!.Cron, Is.EqualTo("30 8 * * *"));
    }

    [Test]
    public async Task Past_its_period_a_closed_case_document_loses_its_content_unless_the_case_is_open_or_on_hold()
    {
        var party = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var expired = await ClosedCulAsync(party);
        var pdf = Encoding.ASCII.GetBytes($"%PDF-1.4\n% retención {Guid.NewGuid()}\n%%EOF\n");
        var open = await OpenCaseWithUploadAsync(party, pdf);
        var sharing = await OpenCaseWithUploadAsync(party, pdf);
        var engine = Factory.Services.GetRequiredService<ProcessEngine>();
        await engine.Runtime.CancelAsync((await engine.Cases.GetAsync(sharing.CaseId)).RootInstanceId!.Value, "prueba de retención");
        var caseHeld = await ClosedCulAsync((await CreatePersonAsync()).GetProperty("id").GetGuid());
        var caseHold = await PlaceHoldAsync($"/api/cases/{caseHeld.CaseId}/holds", "legal");
        var heldParty = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var partyHeld = await ClosedCulAsync(heldParty);
        await PlaceHoldAsync($"/api/parties/{heldParty}/holds", "arco");
        var culSha = (await (await As("supervisor.lim")).GetFromJsonAsync<JsonElement>($"/api/cases/{expired.CaseId}/documents/{expired.DocumentId}"))
            .GetProperty("versions")[0].GetProperty("sha256").GetString()!;

        await RunRetentionAsync();
        Assert.That((await ContentAsync(expired.CaseId, expired.DocumentId)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "within its period nothing is deleted");

        _clock.Advance(TimeSpan.FromDays(5 * 365 + 2)); // past the CUL's five years (and the other documents' one)
        SignOutAll(); // the bearer tokens expired with the clock
        var run = await RunRetentionAsync();
        Assert.That(run.Deleted, Is.GreaterThanOrEqualTo(2));

        var gone = await ContentAsync(expired.CaseId, expired.DocumentId);
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That((await ProblemOf(gone)).GetProperty("title").GetString(), Does.Contain("fue eliminado al vencer su plazo de conservación"));
        var blobs = Factory.Services.GetRequiredService<IBlobStore>();
        Assert.That(await blobs.ExistsAsync(culSha), Is.False, "the bytes are gone from the store");
        var metadata = await (await As("supervisor.lim")).GetFromJsonAsync<JsonElement>($"/api/cases/{expired.CaseId}/documents/{expired.DocumentId}");
        Assert.That(metadata.GetProperty("contentNote").GetString(), Is.EqualTo("contenido eliminado por plazo de conservación"));
        Assert.That(metadata.GetProperty("versions")[0].GetProperty("sha256").GetString(), Is.EqualTo(culSha), "the SHA-256 is kept");
        Assert.That(metadata.GetProperty("contentDeletedAt").GetDateTimeOffset(), Is.EqualTo(_clock.GetUtcNow()).Within(TimeSpan.FromMilliseconds(1)));
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{expired.CaseId}/audit");
        var deletion = trail.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "document.contentDeleted");
        Assert.That(deletion.GetProperty("data").ToString(), Does.Contain(culSha).And.Contain(expired.DocumentId.ToString()));
        Assert.That(deletion.GetProperty("actorName").GetString(), Is.EqualTo("system"));
        var page = await (await As("supervisor.lim")).GetStringAsync($"/expedientes/{expired.CaseId}");
        Assert.That(page, Does.Contain("contenido eliminado por plazo de conservación"));

        Assert.That((await ContentAsync(open.CaseId, open.DocumentId)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "an open case keeps its documents");
        Assert.That((await ContentAsync(sharing.CaseId, sharing.DocumentId)).StatusCode, Is.EqualTo(HttpStatusCode.Gone), "a cancelled case's document goes");
        Assert.That(await blobs.ExistsAsync(open.Sha256), Is.True, "a blob a kept document shares stays");
        Assert.That((await ContentAsync(caseHeld.CaseId, caseHeld.DocumentId)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a legal hold on the case keeps it");
        Assert.That((await ContentAsync(partyHeld.CaseId, partyHeld.DocumentId)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "an ARCO hold on the ficha keeps it");

        var lifted = await (await As("auditor")).PostAsJsonAsync($"/api/cases/{caseHeld.CaseId}/holds/{caseHold}/lift", new { reason = "Proceso judicial archivado" });
        Assert.That(lifted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await lifted.Content.ReadAsStringAsync());
        Assert.That((await (await As("auditor")).PostAsJsonAsync($"/api/cases/{caseHeld.CaseId}/holds/{caseHold}/lift", new { reason = "otra vez" })).StatusCode,
            Is.EqualTo(HttpStatusCode.Conflict));
        await RunRetentionAsync();
        Assert.That((await ContentAsync(caseHeld.CaseId, caseHeld.DocumentId)).StatusCode, Is.EqualTo(HttpStatusCode.Gone), "once lifted, the next run deletes it");
        Assert.That((await ContentAsync(partyHeld.CaseId, partyHeld.DocumentId)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var heldTrail = (await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseHeld.CaseId}/audit")).EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(heldTrail, Does.Contain("hold.placed").And.Contain("hold.lifted").And.Contain("document.contentDeleted"));
        Assert.That(heldTrail.IndexOf("hold.lifted"), Is.LessThan(heldTrail.IndexOf("document.contentDeleted")));
        var again = await RunRetentionAsync();
        Assert.That(again.Deleted, Is.Zero, "a deleted content is not deleted twice");
    }

    [Test]
    public async Task Holds_need_a_kind_and_a_reason()
    {
        var party = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var supervisor = await As("supervisor.lim");
        var refused = await supervisor.PostAsJsonAsync($"/api/parties/{party}/holds", new { kind = "otra", reason = "" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await ProblemOf(refused)).GetProperty("errors");
        Assert.That(errors.GetProperty("kind")[0].GetString(), Does.Contain("legal"));
        Assert.That(errors.TryGetProperty("reason", out _), Is.True);
        Assert.That((await supervisor.PostAsJsonAsync($"/api/parties/{Guid.NewGuid()}/holds", new { kind = "legal", reason = "x" })).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
    }
}
