using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// "Mi ficha" on a phone (390 × 844): a citizen signs up, adds a course of study, withdraws the job-bank consent and
/// downloads their data; each page fits the phone and axe finds no serious WCAG 2.1 AA violation on it as it then stands
/// (with an entry and a consent history, which the page-list walk of <see cref="AccessibilityTests"/> does not have).
/// </summary>
public sealed class PortalFichaPhoneTests : BrowserTestBase
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    private async Task AssertAccessibleAndFitsAsync()
    {
        var result = await Page.RunAxe(Wcag);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target.ToString()))})");
        Assert.That(serious, Is.Empty, Page.Url);
        await AssertFitsAsync(Page, 390, "the page");
    }

    [Test]
    public async Task A_citizen_adds_education_withdraws_consent_and_downloads_their_data_on_a_phone()
    {
        var consultant = await Factory.ClientForAsync("consultor.lim");
        var dni = (47_000_000 + Random.Shared.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var person = await (await consultant.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = dni,
            consent = new { purpose = "intermediacion-laboral", granted = true, channel = "escrito", textVersion = "v1" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var partyId = person.GetProperty("id").GetGuid();

        await Page.SetViewportSizeAsync(390, 844);
        await PortalSignUp.SignUpAsync(Page, Factory, dni, "ficha.movil@example.pe");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Mis estudios, experiencia y habilidades" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Agregar estudio" }).ClickAsync();
        await Page.GetByLabel("Nivel de estudios").SelectOptionAsync("tecnica");
        await Page.GetByLabel("Carrera o especialidad").FillAsync("Mecánica automotriz");
        await Page.GetByLabel("Institución").FillAsync("SENATI Cusco");
        await Page.GetByLabel("Año en que terminó").FillAsync("2020");
        await Page.GetByLabel("Lo concluí").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Expect(Page.Locator("#guardado")).ToBeVisibleAsync();
        await Expect(Page.Locator("#estudios")).ToContainTextAsync("Mecánica automotriz");
        await AssertAccessibleAndFitsAsync();
        var ficha = await consultant.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}");
        Assert.That(ficha.GetProperty("person").GetProperty("education")[0].GetProperty("institution").GetString(), Is.EqualTo("SENATI Cusco"));

        await Page.GotoAsync("/mi-vupe/consentimientos");
        var jobBank = Page.Locator("section[data-purpose='intermediacion-laboral']");
        await Expect(jobBank.Locator(".badge")).ToHaveTextAsync("Otorgado");
        await jobBank.GetByRole(AriaRole.Button, new() { Name = "Retirar mi consentimiento" }).ClickAsync();
        await Expect(Page.Locator("#consentimiento-registrado")).ToContainTextAsync("retiró");
        await Expect(jobBank.Locator(".badge")).ToHaveTextAsync("Retirado");
        await jobBank.Locator("summary").ClickAsync();
        await Expect(jobBank.Locator("ul.history li")).ToHaveCountAsync(2);
        await AssertAccessibleAndFitsAsync();
        ficha = await consultant.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}");
        Assert.That(ficha.GetProperty("consents").EnumerateArray().Last().GetProperty("granted").GetBoolean(), Is.False);

        await Page.GotoAsync("/mi-vupe/mis-datos");
        await AssertAccessibleAndFitsAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Descargar en JSON" }).ClickAsync());
        Assert.That(download.SuggestedFilename, Does.StartWith("mis-datos-vupe-").And.EndWith(".json"));
        var data = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync())).RootElement;
        Assert.That(data.GetProperty("ficha").GetProperty("person").GetProperty("education")[0].GetProperty("field").GetString(), Is.EqualTo("Mecánica automotriz"));
        var pdf = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Descargar en PDF" }).ClickAsync());
        Assert.That(pdf.SuggestedFilename, Does.EndWith(".pdf"));
        Assert.That(System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(await pdf.PathAsync())[..5]), Is.EqualTo("%PDF-"));
    }
}
