using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>Mi VUPE on a phone (390 × 844): a citizen with a case at an office signs up and finds their ficha and the case on the home page.</summary>
public sealed class PortalPhoneTests : BrowserTestBase
{
    [Test]
    public async Task A_citizen_signs_up_on_a_phone_and_the_home_shows_the_ficha_and_the_case()
    {
        var consultant = await Factory.ClientForAsync("consultor.lim");
        var dni = (46_000_000 + Random.Shared.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var person = await (await consultant.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = dni,
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var opened = await consultant.PostAsJsonAsync("/api/cases", new { partyId = person.GetProperty("id").GetGuid(), procedure = "orientacion" });
        Assert.That((int)opened.StatusCode, Is.EqualTo(201), await opened.Content.ReadAsStringAsync());
        var caseNumber = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseNumber").GetString()!;

        await Page.SetViewportSizeAsync(390, 844);
        await PortalSignUp.SignUpAsync(Page, Factory, dni, "ciudadana.movil@example.pe");

        await Expect(Page.Locator("#ficha-nombre")).ToHaveTextAsync(person.GetProperty("displayName").GetString()!);
        await Expect(Page.Locator("#ficha-dni")).ToHaveTextAsync("*****" + dni[^3..]);
        await Expect(Page.Locator("#ficha-correo")).ToContainTextAsync("ciudadana.movil@example.pe");
        await Expect(Page.Locator("#ficha-correo .badge")).ToHaveTextAsync("verificado");
        var item = Page.Locator($"li[data-case='{caseNumber}']");
        await Expect(item).ToContainTextAsync("Orientación vocacional");
        await Expect(item).ToContainTextAsync("Abierto");
        await AssertFitsAsync(Page, 390, "Mi VUPE");

        // Signing out goes back to the sign-in page, and the home asks for it again.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Salir" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.EndsWith("/mi-vupe/ingresar", StringComparison.Ordinal));
        await Page.GotoAsync("/mi-vupe");
        Assert.That(Page.Url, Does.Contain("/mi-vupe/ingresar"));
    }

    /// <summary>The named test: sign in on a phone → request the CUL → download it → verify it on /verificar; then apply to a service online.</summary>
    [Test]
    public async Task On_a_phone_a_citizen_requests_the_CUL_downloads_it_verifies_it_publicly_and_applies_to_a_service_online()
    {
        string dni;
        do dni = (47_000_000 + Random.Shared.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        while (Vupe.Connectors.Simulation.SimulatedPopulation.Find(dni).Identity is not { Status: Vupe.Connectors.IdentityStatus.Valid });

        await Page.SetViewportSizeAsync(390, 844);
        await PortalSignUp.SignUpAsync(Page, Factory, dni, "cul.movil@example.pe");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Solicitar mi Certificado Único Laboral (CUL)" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Solicitar mi CUL" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/mi-vupe/expedientes/", StringComparison.Ordinal));
        await Expect(Page.Locator("#caso-estado")).ToHaveTextAsync("Cerrado");
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Descargar Certificado Único Laboral" }).ClickAsync());
        Assert.That(download.SuggestedFilename, Does.EndWith(".pdf"));
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.That(System.Text.Encoding.ASCII.GetString(pdf[..5]), Is.EqualTo("%PDF-"));
        await AssertFitsAsync(Page, 390, "the case page");

        await Page.GotoAsync("/verificar");
        await Page.GetByLabel("Archivo PDF").SetInputFilesAsync(new FilePayload { Name = "mi-cul.pdf", MimeType = "application/pdf", Buffer = pdf });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Verificar archivo" }).ClickAsync();
        await Expect(Page.Locator("#resultado [data-bytes-match]")).ToHaveTextAsync("Idéntico al emitido");
        await Expect(Page.Locator("#resultado .verdict")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("valid"));

        await Page.GotoAsync("/mi-vupe/servicios");
        await Page.GetByLabel("Orientación vocacional e información ocupacional").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Continuar" }).ClickAsync();
        await Page.GetByLabel("Oficina", new() { Exact = true }).SelectOptionAsync("CUS");
        // The service's start form, drawn without script: the phone's own controls, the browser's required checks.
        await Page.GetByLabel("Situación educativa").SelectOptionAsync("secundaria-completa");
        await Page.GetByLabel("¿Qué le gusta hacer o estudiar").FillAsync("Me gusta la mecánica y quiero saber qué carrera técnica estudiar");
        await Page.GetByLabel("Por videollamada o teléfono").CheckAsync();
        await Page.GetByLabel("¿Algo más que la oficina deba saber?").FillAsync("Quiero saber qué estudiar");
        Assert.That(await Page.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), "the start form fits the phone's width");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Solicitar" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/mi-vupe/expedientes/", StringComparison.Ordinal));
        await Expect(Page.Locator("#caso-servicio")).ToContainTextAsync("Orientación vocacional");
        await Expect(Page.Locator("#caso-estado")).ToHaveTextAsync("Abierto");
        await Expect(Page.Locator("#caso-oficina")).Not.ToBeEmptyAsync();
        await AssertFitsAsync(Page, 390, "the services page and the case");
    }
}
