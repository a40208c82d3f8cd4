using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>The front desk flow of the case study in a real browser: DNI → ficha → triage form → recommended services → referrals.</summary>
public sealed class TriageTests : BrowserTestBase
{
    private static int _dni = 72_000_000 + Random.Shared.Next(1_000_000);

    /// <summary>form-js selects are comboboxes: open one by its label and pick the option by its text.</summary>
    private async Task ChooseAsync(string label, string option)
    {
        var field = Page.Locator(".fjs-form-field-select", new() { Has = Page.Locator("label", new() { HasTextString = label }) });
        await field.Locator(".fjs-input-group").ClickAsync();
        await field.Locator(".fjs-dropdownlist-item", new() { HasTextString = option }).First.ClickAsync();
    }

    [Test]
    public async Task A_consultant_attends_a_citizen_triages_them_and_confirms_referrals()
    {
        var dni = Interlocked.Increment(ref _dni).ToString(System.Globalization.CultureInfo.InvariantCulture);
        KnownToReniec(dni, "Rosa", "Huamán", "Ccori", new DateOnly(2002, 3, 9));
        await Page.GotoAsync("/atender?documento=" + dni);
        await SignInAsync(Page, "consultor.lim");
        await Page.GetByLabel("Nombres").FillAsync("Rosa");
        await Page.GetByLabel("Apellido paterno").FillAsync("Huamán");
        await Page.GetByLabel("Fecha de nacimiento").FillAsync("2002-03-09");
        await Page.GetByLabel("El titular autoriza").CheckAsync();
        await Page.Locator("#registrar").ClickAsync();

        await Page.Locator("button[data-procedure='triaje-ciudadano']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/tareas/"));
        await Page.Locator("#tomar").ClickAsync();

        // form-js's own words are Spanish too (an empty select, the region search box).
        await Expect(Page.Locator(".fjs-form-field-select", new() { Has = Page.Locator("label", new() { HasTextString = "Situación laboral" }) }))
            .ToContainTextAsync("Seleccione");
        await Expect(Page.GetByPlaceholder("Buscar")).ToHaveCountAsync(1);
        await ChooseAsync("Situación laboral", "Desempleado");
        await Page.GetByLabel("Meses sin empleo").FillAsync("6");
        await ChooseAsync("Nivel educativo alcanzado", "Secundaria");
        await Page.GetByLabel("Sin experiencia laboral").CheckAsync();
        await Page.GetByLabel("Necesita el Certificado Único Laboral (CUL)").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Completar" }).ClickAsync();

        // The case page: the confirmation task waits with the recommended services and their reasons.
        await Expect(Page).ToHaveURLAsync(new Regex("/expedientes/"));
        await Expect(Page.GetByTestId("variables")).ToContainTextAsync("recomendaciones");
        await Page.GetByRole(AriaRole.Link, new() { NameString = "Confirmar" }).First.ClickAsync();
        // The process gives the confirmation to whoever did the diagnosis (vupe:sameAssigneeAs): no need to take it.
        await Expect(Page.GetByTestId("responsable")).ToHaveTextAsync("consultor.lim");
        await Expect(Page.Locator("#tomar")).ToHaveCountAsync(0);
        var services = Page.Locator(".fjs-form input[type=checkbox]");
        await Expect(services.First).ToBeVisibleAsync();
        // The recommendations name the services, not their keys (cul, capacitacion-laboral).
        var recommended = Page.Locator(".fjs-form-field-text li strong");
        await Expect(recommended.First).ToBeVisibleAsync();
        var names = Vupe.Workflows.VupeServices.All.Select(s => s.Name).ToHashSet();
        foreach (var name in await recommended.AllInnerTextsAsync()) Assert.That(names, Does.Contain(name.Trim()), "a service's name");
        await Page.GetByLabel("Bolsa de trabajo").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Completar" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/expedientes/"));
        await Expect(Page.Locator("section:has(h2:text('Expedientes derivados'))")).ToContainTextAsync("Bolsa de trabajo");
        await Expect(Page.GetByTestId("historial")).ToContainTextAsync("Se abrió un expediente derivado");

        // The job-bank referral waits in the job bank's group of the office (the citizen has no search profile yet): the inbox's service filter finds it.
        await Page.GotoAsync("/bandeja?vista=Office&servicio=bolsa-trabajo");
        await Expect(Page.Locator("tr", new() { HasTextString = "Completar el perfil de búsqueda" }).First).ToBeVisibleAsync();
        await Page.GotoAsync("/bandeja?vista=Office&servicio=orientacion-migrante");
        await Expect(Page.Locator("tr", new() { HasTextString = "Completar el perfil de búsqueda" })).ToHaveCountAsync(0, new() { Timeout = 2_000 });
    }

    [Test]
    public async Task A_consultant_attends_a_company_by_RUC_and_records_the_outreach()
    {
        var first10 = "20" + Interlocked.Increment(ref _dni).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ruc = first10 + Vupe.Server.Parties.DocumentNumbers.RucCheckDigit(first10);
        await Page.GotoAsync($"/atender?tipo=Ruc&documento={ruc}");
        await SignInAsync(Page, "consultor.lim");
        await Page.GetByLabel("Razón social").FillAsync("Textiles Ñaña S.A.C.");
        await Page.GetByLabel("El titular autoriza").CheckAsync();
        await Page.Locator("#registrar").ClickAsync();
        await Expect(Page.GetByTestId("titular")).ToHaveTextAsync("Textiles Ñaña S.A.C.");

        await Page.Locator("button[data-procedure='acercamiento-empresarial']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/tareas/"));
        await Page.Locator("#tomar").ClickAsync();
        await ChooseAsync("Sector económico", "Manufactura");
        await ChooseAsync("Tamaño de la empresa", "Pequeña empresa");
        await Page.GetByLabel("Número de trabajadores").FillAsync("40");
        await Page.GetByLabel("Años de actividad").FillAsync("12");
        await Page.GetByLabel("Persona de contacto").FillAsync("Julia Ñique");
        await Page.GetByLabel("Correo de contacto").FillAsync("julia@textiles.pe");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Completar" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/expedientes/"));
        await Expect(Page.GetByTestId("historial")).ToContainTextAsync("Se evaluó la decisión");
    }
}
