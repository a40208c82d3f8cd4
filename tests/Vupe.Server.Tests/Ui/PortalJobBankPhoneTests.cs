using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// The job-bank journey on phones (390 × 844): a company in Lima posts a vacancy, a citizen in Cusco finds it
/// and applies, the consultant sees the application, the company hires, and the placement shows in the citizen's
/// history and in the dashboard's figures.
/// </summary>
public sealed class PortalJobBankPhoneTests : BrowserTestBase
{
    [Test]
    public async Task A_company_in_Lima_posts_a_citizen_in_Cusco_applies_and_is_hired()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var period = $"from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var supervisor = await Factory.ClientForAsync("supervisor.lim");
        var placementsBefore = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/figures?{period}")).GetProperty("jobBank").GetProperty("placements").GetInt32();

        // The company, on its phone.
        await Page.SetViewportSizeAsync(390, 844);
        // A company the VUPE knew with this email publishes at once (an unknown one waits for a supervisor: CompanyValidationPagesTests).
        var ruc = JobBankRequests.FreshRuc();
        await CompanySignUp.KnownToVupeAsync(Factory, ruc, "Pollerías Limeñas S.A.C.", "rrhh.pollerias@example.pe");
        await CompanySignUp.SignUpAsync(Page, Factory, ruc, "Pollerías Limeñas S.A.C.", "rrhh.pollerias@example.pe");
        var word = "Parrillero" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Publicar una vacante" }).First.ClickAsync();
        await Page.GetByLabel("Puesto", new() { Exact = true }).FillAsync($"{word} para Miraflores");
        await Page.GetByLabel("Descripción").FillAsync("Preparación de carnes a la parrilla, turno tarde.");
        await Page.GetByLabel("Ocupación").SelectOptionAsync("5120");
        await Page.GetByLabel("Ubigeo del lugar de trabajo").FillAsync("150122");
        await Page.GetByLabel("Sueldo desde (S/)").FillAsync("1800");
        await Page.GetByLabel("Sueldo hasta (S/)").FillAsync("2400");
        await Page.GetByLabel("Fecha de cierre").FillAsync(today.AddDays(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Publicar la vacante" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/empresas/vacantes/", StringComparison.Ordinal) && !url.Contains("publicar", StringComparison.Ordinal));
        var vacancyUrl = new Uri(Page.Url).AbsolutePath;
        await Expect(Page.Locator("#estado")).ToHaveTextAsync("Abierta");

        // A citizen registered in Cusco, on another phone.
        var cusco = await Factory.ClientForAsync("consultor.cus");
        var dni = (47_000_000 + Random.Shared.Next(1_000_000)).ToString(CultureInfo.InvariantCulture);
        var person = await (await cusco.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = dni, ubigeo = "080101",
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var name = person.GetProperty("displayName").GetString()!;
        var citizen = await NewPageAsync();
        await citizen.SetViewportSizeAsync(390, 844);
        await PortalSignUp.SignUpAsync(citizen, Factory, dni, "cusquena.busca@example.pe");
        await citizen.GetByRole(AriaRole.Link, new() { Name = "Empleos", Exact = true }).ClickAsync();
        await citizen.GetByLabel("Palabras").FillAsync(word.ToLowerInvariant());
        await citizen.GetByLabel("Región").SelectOptionAsync("15");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Buscar" }).ClickAsync();
        await citizen.Locator("#resultados").GetByRole(AriaRole.Link, new() { Name = $"{word} para Miraflores" }).ClickAsync();
        await citizen.GetByLabel("Autorizo que la VUPE comparta").CheckAsync();
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Postular con mi perfil" }).ClickAsync();
        await Expect(citizen.Locator("#mi-postulacion")).ToContainTextAsync("Postulación recibida");
        await AssertFitsAsync(citizen, 390, "the vacancy page");

        // The consultant of Lima sees the application on the vacancy's page.
        var consultant = await NewPageAsync();
        await consultant.GotoAsync("/ingresar");
        await SignInAndLandAsync(consultant, "consultor.lim");
        await consultant.GotoAsync(vacancyUrl.Replace("/empresas/vacantes/", "/bolsa/vacante/", StringComparison.Ordinal));
        var row = consultant.Locator("[data-testid=derivados] tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("Postulación en línea");

        // The company sees the candidate and hires, starting today.
        await Page.GotoAsync(vacancyUrl);
        var candidate = Page.Locator("#candidatos li", new() { HasText = name });
        await Expect(candidate).ToContainTextAsync("Cusco");
        await candidate.GetByLabel("Respuesta").SelectOptionAsync("Hired");
        await candidate.GetByLabel("Fecha de inicio").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await candidate.GetByRole(AriaRole.Button, new() { Name = "Enviar la respuesta" }).ClickAsync();
        await Expect(Page.Locator("#mensaje")).ToContainTextAsync("Contratación registrada");
        await Expect(Page.Locator("#estado")).ToHaveTextAsync("Cubierta");

        // The citizen's history shows the answer and the placement; the dashboard counts it.
        await citizen.GetByRole(AriaRole.Link, new() { Name = "Mis postulaciones", Exact = true }).ClickAsync();
        await Expect(citizen.Locator("#postulaciones .estado")).ToHaveTextAsync("Contratado");
        await Expect(citizen.Locator("#colocaciones")).ToContainTextAsync($"{word} para Miraflores — Pollerías Limeñas S.A.C. (Lima)");
        var placementsAfter = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/figures?{period}")).GetProperty("jobBank").GetProperty("placements").GetInt32();
        Assert.That(placementsAfter, Is.EqualTo(placementsBefore + 1), "the dashboard counts the placement");
    }
}
