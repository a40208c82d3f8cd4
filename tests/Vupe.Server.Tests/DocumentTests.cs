using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vupe.Server.Tests;

/// <summary>Documents of a case through the API: streamed upload with sniffed types, versions, audited download, required documents.</summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class DocumentTests(TestStore store) : ServerTestBase(store)
{
    // A real 1×1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    private static MultipartFormDataContent Form(byte[] content, string fileName, string mediaType, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        form.Add(file, "file", fileName);
        return form;
    }

    [Test]
    public async Task An_upload_is_stored_with_its_hash_and_sniffed_type_and_every_download_is_audited()
    {
        var client = await As("consultor.lim");
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();

        var response = await client.PostAsync($"/api/cases/{caseId}/documents", Form(Png, "dni.png", "image/png", ("kind", "dni-copia"), ("title", "DNI <b>anverso</b>")));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        var version = document.GetProperty("versions")[0];
        Assert.That(version.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Png))));
        Assert.That(version.GetProperty("mediaType").GetString(), Is.EqualTo("image/png"));
        Assert.That(version.GetProperty("length").GetInt64(), Is.EqualTo(Png.Length));
        Assert.That(document.GetProperty("title").GetString(), Is.EqualTo("DNI <b>anverso</b>"), "stored as typed; pages encode it");
        Assert.That(document.GetProperty("retentionClass").GetString(), Is.EqualTo("SupportingCopy"));
        var documentId = document.GetProperty("id").GetGuid();

        var download = await client.GetAsync($"/api/cases/{caseId}/documents/{documentId}/content");
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(Png));
        Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/png"));
        Assert.That(download.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));

        // A second version; the first stays readable.
        var second = await client.PostAsync($"/api/cases/{caseId}/documents/{documentId}/versions",
            Form(Pdf, "dni.pdf", "application/pdf", ("version", document.GetProperty("version").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created), await second.Content.ReadAsStringAsync());
        var updated = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(updated.GetProperty("currentVersion").GetInt32(), Is.EqualTo(2));
        Assert.That(await client.GetByteArrayAsync($"/api/cases/{caseId}/documents/{documentId}/content?version=1"), Is.EqualTo(Png));
        Assert.That(await client.GetByteArrayAsync($"/api/cases/{caseId}/documents/{documentId}/content"), Is.EqualTo(Pdf));
        var stale = await client.PostAsync($"/api/cases/{caseId}/documents/{documentId}/versions", Form(Pdf, "dni.pdf", "application/pdf", ("version", "0")));
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));

        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        var actions = trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(actions.Count(a => a == "document.read"), Is.EqualTo(3));
        Assert.That(actions, Does.Contain("document.added").And.Contain("document.versionAdded"));
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(detail.GetProperty("documents").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Uploads_are_judged_by_their_bytes_not_their_names_and_refused_ones_leave_nothing()
    {
        var client = await As("consultor.lim");
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var exe = new byte[600];
        exe[0] = (byte)'M'; exe[1] = (byte)'Z';

        var renamed = await client.PostAsync($"/api/cases/{caseId}/documents", Form(exe, "cv.pdf", "application/pdf", ("kind", "cv")));
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(renamed)).GetProperty("code").GetString(), Is.EqualTo("type-not-allowed"));

        var mismatch = await client.PostAsync($"/api/cases/{caseId}/documents", Form(Png, "foto.pdf", "application/pdf", ("kind", "dni-copia")));
        Assert.That(mismatch.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a PNG named .pdf");

        var unknownKind = await client.PostAsync($"/api/cases/{caseId}/documents", Form(Png, "dni.png", "image/png", ("kind", "pasaporte-marciano")));
        Assert.That(unknownKind.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(unknownKind)).GetProperty("errors").GetProperty("kind").GetArrayLength(), Is.EqualTo(1));

        var tooLarge = new byte[5 * 1024 * 1024 + 10];
        Png.CopyTo(tooLarge, 0);
        var big = await client.PostAsync($"/api/cases/{caseId}/documents", Form(tooLarge, "dni.png", "image/png", ("kind", "dni-copia")));
        Assert.That(big.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));

        Assert.That((await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents")).GetArrayLength(), Is.Zero);
        var blobs = Path.Combine(Factory.DataDirectory, "blobs");
        Assert.That(Directory.Exists(blobs) ? Directory.EnumerateFiles(blobs, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".tmp", StringComparison.Ordinal)) : [], Is.Empty,
            "no temporary file left behind");
    }

    [Test]
    public async Task A_task_that_requires_documents_cannot_be_completed_until_the_case_holds_them()
    {
        var client = await As("consultor.lim");
        var caseId = (await OpenCaseAsync(procedure: "requisitos")).GetProperty("id").GetGuid();
        var taskId = (await FirstTaskOfCaseAsync(caseId)).GetProperty("id").GetGuid();
        (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();

        var task = await client.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");
        Assert.That(task.GetProperty("requiredDocuments").EnumerateArray().Select(d => (d.GetProperty("kind").GetString(), d.GetProperty("present").GetBoolean())),
            Is.EqualTo(new[] { ("dni-copia", false), ("cv", false) }));

        (await client.PostAsync($"/api/cases/{caseId}/documents", Form(Png, "dni.png", "image/png", ("kind", "dni-copia")))).EnsureSuccessStatusCode();
        var refused = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { } });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var message = (await ProblemOf(refused)).GetProperty("errors").GetProperty("documentos")[0].GetString();
        Assert.That(message, Does.Contain("Currículum vitae").And.Not.Contain("Copia del DNI"));
        Assert.That((await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("tasks").GetArrayLength(), Is.EqualTo(1), "nothing completed");

        (await client.PostAsync($"/api/cases/{caseId}/documents", Form(Pdf, "cv.pdf", "application/pdf", ("kind", "cv")))).EnsureSuccessStatusCode();
        var completed = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { } });
        Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await completed.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Another_office_cannot_see_or_add_documents_and_an_auditor_cannot_upload()
    {
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var cusco = await As("consultor.cus");
        Assert.That((await cusco.GetAsync($"/api/cases/{caseId}/documents")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await cusco.PostAsync($"/api/cases/{caseId}/documents", Form(Png, "dni.png", "image/png", ("kind", "dni-copia")))).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
        var auditor = await As("auditor");
        Assert.That((await auditor.PostAsync($"/api/cases/{caseId}/documents", Form(Png, "dni.png", "image/png", ("kind", "dni-copia")))).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await Factory.AnonymousClient().GetAsync($"/api/cases/{caseId}/documents")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
