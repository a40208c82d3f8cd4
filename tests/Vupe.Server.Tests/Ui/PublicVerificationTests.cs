using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>Anyone, without signing in, checks a CUL by uploading its PDF at /verificar: the genuine file and a tampered copy.</summary>
public sealed class PublicVerificationTests : BrowserTestBase
{
    [Test]
    public async Task Uploading_a_genuine_and_a_tampered_CUL_gives_a_Spanish_verdict_for_each()
    {
        var consultant = await Factory.ClientForAsync("consultor.lim");
        var person = await (await consultant.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = (44_000_000 + Random.Shared.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var opened = await (await consultant.PostAsJsonAsync("/api/cases", new { partyId = person.GetProperty("id").GetGuid(), procedure = "certificado-unico-laboral" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var caseId = opened.GetProperty("id").GetGuid();
        var document = (await consultant.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents")).EnumerateArray().Single();
        var pdf = await consultant.GetByteArrayAsync($"/api/cases/{caseId}/documents/{document.GetProperty("id").GetGuid()}/content");

        await Page.GotoAsync("/verificar");
        await Page.GetByLabel("Archivo PDF").SetInputFilesAsync(new FilePayload { Name = "cul.pdf", MimeType = "application/pdf", Buffer = pdf });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Verificar archivo" }).ClickAsync();
        await Expect(Page.Locator("#resultado [data-bytes-match]")).ToHaveTextAsync("Idéntico al emitido");
        await Expect(Page.Locator("#resultado .verdict")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("valid"));

        var tampered = (byte[])pdf.Clone();
        var at = Array.LastIndexOf(tampered, (byte)'C'); // somewhere in the text near the end, outside the signature's hex
        tampered[at] = (byte)'D';
        await Page.GotoAsync("/verificar");
        await Page.GetByLabel("Archivo PDF").SetInputFilesAsync(new FilePayload { Name = "cul-alterado.pdf", MimeType = "application/pdf", Buffer = tampered });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Verificar archivo" }).ClickAsync();
        await Expect(Page.Locator("#resultado .verdict")).ToBeVisibleAsync();
        await Expect(Page.Locator("#resultado .verdict.valid")).ToHaveCountAsync(0);
    }
}
