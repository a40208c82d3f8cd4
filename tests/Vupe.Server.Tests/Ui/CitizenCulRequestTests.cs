using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Vupe.Server.Parties;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>A citizen asks for their CUL at /solicitar-cul in a browser: DNI data, the code mailed to their verified email, the signed PDF downloaded.</summary>
public sealed class CitizenCulRequestTests : BrowserTestBase
{
    [Test]
    public async Task A_citizen_types_their_DNI_data_then_the_mailed_code_and_downloads_their_CUL()
    {
        var consultant = await Factory.ClientForAsync("consultor.lim");
        var dni = (45_000_000 + Random.Shared.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var registered = await consultant.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = dni, email = "ciudadana@example.pe",
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        });
        var person = await registered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(registered.IsSuccessStatusCode, Is.True, person.ToString());
        await SentCodes.VerifyContactAsync(Factory, consultant, person.GetProperty("id").GetGuid(), "email", "ciudadana@example.pe");

        await Page.GotoAsync("/solicitar-cul");
        await Page.GetByLabel("Número de DNI").FillAsync(dni);
        await Page.GetByLabel("Carácter de verificación").FillAsync(DocumentNumbers.DniCheck(dni).Digit.ToString());
        await Page.GetByLabel("Fecha de nacimiento").FillAsync(person.GetProperty("person").GetProperty("birthDate").GetString()!);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enviarme un código" }).ClickAsync();
        await Expect(Page.Locator("#codigo-enviado")).ToContainTextAsync("c***@example.pe");

        await Page.GetByLabel("Código de 6 dígitos").FillAsync(SentCodes.LatestMailed(Factory, "ciudadana@example.pe"));
        IDownload download;
        try
        {
            download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Solicitar y descargar mi CUL" }).ClickAsync());
        }
        catch (TimeoutException)
        {
            Assert.Fail("no download; the page says: " + await Page.Locator("main").InnerTextAsync());
            throw;
        }
        Assert.That(download.SuggestedFilename, Does.StartWith("CUL-").And.EndWith(".pdf"));
        var path = await download.PathAsync();
        Assert.That(System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path)[..5]), Is.EqualTo("%PDF-"));
    }
}
