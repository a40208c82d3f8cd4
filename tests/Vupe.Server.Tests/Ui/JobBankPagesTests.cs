using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>The job bank as a consultant works it in the browser: register a vacancy, record a citizen's consent and profile, see the match with its reasons, refer, record the hire.</summary>
public sealed class JobBankPagesTests : BrowserTestBase
{
    [Test]
    public async Task A_consultant_registers_a_vacancy_matches_a_citizen_refers_and_records_the_hire()
    {
        var api = await Factory.ClientForAsync("consultor.lim");
        var company = await api.PostAsJsonAsync("/api/parties/companies", new { ruc = "20131312955", legalName = "Panadería La Espiga SAC" });
        Assert.That(company.IsSuccessStatusCode, await company.Content.ReadAsStringAsync());
        var dni = (47_000_000 + Random.Shared.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        KnownToReniec(dni, "Rosa Elvira", "Ccori", "Mamani", new DateOnly(1994, 3, 2));
        var person = await (await api.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = dni, givenNames = "Rosa Elvira", paternalSurname = "Ccori", maternalSurname = "Mamani", birthDate = "1994-03-02",
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var partyId = person.GetProperty("id").GetGuid();
        (await api.PutAsJsonAsync($"/api/parties/{partyId}/ficha", new
        {
            version = person.GetProperty("version").GetInt64(), ubigeo = "150132", education = new[] { new { level = "secundaria", completed = true } },
            skills = new[] { "Panadería" },
        })).EnsureSuccessStatusCode();

        await Page.GotoAsync("/ingresar");
        await SignInAsync(Page, "consultor.lim");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Bolsa de trabajo" }).First.ClickAsync();
        await Page.GetByTestId("registrar-vacante").ClickAsync();

        // A mistake first: the page says what is wrong, in Spanish, under the field.
        await Page.GetByLabel("RUC de la empresa").FillAsync("20131312955");
        await Page.GetByLabel("Puesto", new() { Exact = true }).FillAsync("Ayudante de panadería");
        await Page.GetByLabel("Descripción").FillAsync("Turno de madrugada, elaboración de pan francés");
        await Page.GetByLabel("Ocupación (clasificación nacional)").SelectOptionAsync("7512");
        await Page.GetByLabel("Ubigeo del lugar de trabajo").FillAsync("99");
        await Page.GetByLabel("Habilidades deseadas (separadas por comas)").FillAsync("Panadería, Pastelería");
        await Page.Locator("#guardar-vacante").ClickAsync();
        await Expect(Page.Locator(".field-error").Filter(new() { HasText = "Ubigeo no válido" })).ToBeVisibleAsync();
        await Page.GetByLabel("Ubigeo del lugar de trabajo").FillAsync("150101");
        await Page.Locator("#guardar-vacante").ClickAsync();
        await Expect(Page.GetByTestId("vacante")).ToHaveTextAsync("Ayudante de panadería");
        var vacancyUrl = Page.Url;

        // The citizen: consent and profile, then the vacancy appears with its reasons.
        await Page.GotoAsync($"/atender/ficha/{partyId}");
        await Page.GetByTestId("bolsa-ciudadano").ClickAsync();
        await Page.Locator("#registrar-consentimiento").ClickAsync();
        await Expect(Page.GetByTestId("consentimiento")).ToContainTextAsync("Autorizó");
        await Page.Locator("#ocupacion0").SelectOptionAsync("7512");
        await Page.Locator("#guardar-perfil").ClickAsync();
        var row = Page.GetByTestId("recomendadas").Locator("tr").Filter(new() { HasText = "Ayudante de panadería" });
        await Expect(row).ToContainTextAsync("Ocupación buscada");
        await Expect(row).ToContainTextAsync("le faltan Pastelería");

        // From the vacancy: the citizen is a candidate; refer, then record the hire.
        await Page.GotoAsync(vacancyUrl);
        var candidate = Page.GetByTestId("candidatos").Locator("tr").Filter(new() { HasText = "Rosa Elvira" });
        await candidate.GetByRole(AriaRole.Button, new() { Name = "Derivar" }).ClickAsync();
        var referred = Page.GetByTestId("derivados").Locator("tr").Filter(new() { HasText = "Rosa Elvira" });
        await Expect(referred).ToContainTextAsync("Derivado");
        await referred.GetByLabel("Respuesta").SelectOptionAsync("Hired");
        await referred.GetByLabel("Inicio (si fue contratado)").FillAsync("2027-01-04");
        await referred.GetByRole(AriaRole.Button, new() { Name = "Registrar" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Colocación registrada");
        await Expect(Page.GetByTestId("derivados")).ToContainTextAsync("Contratado");
        await Expect(Page.GetByTestId("vacante")).ToBeVisibleAsync();
        await Expect(Page.Locator("dl.facts")).ToContainTextAsync("Cubierta");

        // The citizen can also ask for the job bank straight from the ficha: profile and consent are there, so the
        // procedure goes straight to the national recommendations.
        await Page.GotoAsync($"/atender/ficha/{partyId}");
        await Page.Locator("button[data-procedure='bolsa-trabajo']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tareas/"));
        await Expect(Page.Locator("h1")).ToContainTextAsync("Elegir vacantes y derivar");
        await Page.Locator("#tomar").ClickAsync();
        await Expect(Page.Locator(".fjs-form")).ToContainTextAsync("Vacantes recomendadas en todo el país");
    }
}
