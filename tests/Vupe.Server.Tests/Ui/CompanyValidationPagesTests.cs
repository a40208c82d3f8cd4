using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// A company the VUPE did not know signs up on its phone and drafts a vacancy, which waits unpublished; a supervisor at a
/// desktop approves the company with a reason on /bolsa/empresas; the company's vacancy is then open.
/// </summary>
public sealed class CompanyValidationPagesTests : BrowserTestBase
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:CitizenRequestsPerMinute"] = "1000";
        settings["Vupe:CitizenRequestsPerDniPerHour"] = "50";
    }

    [Test]
    public async Task A_company_in_validation_drafts_on_its_phone_and_a_supervisor_approves_it_at_the_desk()
    {
        await Page.SetViewportSizeAsync(390, 844);
        var ruc = JobBankRequests.FreshRuc();
        await CompanySignUp.SignUpAsync(Page, Factory, ruc, "Heladería Arequipeña S.A.C.", "rrhh.heladeria@example.pe");
        await Expect(Page.Locator("#validacion")).ToContainTextAsync("en validación");
        Assert.That(await Page.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), "the notice fits a phone");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Publicar una vacante" }).First.ClickAsync();
        await Page.GetByLabel("Puesto", new() { Exact = true }).FillAsync("Heladero artesanal");
        await Page.GetByLabel("Descripción").FillAsync("Elaboración de helados de queso helado y frutas.");
        await Page.GetByLabel("Ocupación").SelectOptionAsync("5120");
        await Page.GetByLabel("Ubigeo del lugar de trabajo").FillAsync("040101");
        await Page.GetByLabel("Fecha de cierre").FillAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Publicar la vacante" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/empresas/vacantes/", StringComparison.Ordinal) && !url.Contains("publicar", StringComparison.Ordinal));
        await Expect(Page.Locator("#estado")).ToHaveTextAsync("Sin publicar: la empresa está en validación");
        var vacancyUrl = new Uri(Page.Url).AbsolutePath;

        var desk = await NewPageAsync();
        await desk.SetViewportSizeAsync(1366, 800);
        await desk.GotoAsync("/ingresar");
        await SignInAndLandAsync(desk, "supervisor.lim");
        await desk.GotoAsync("/bolsa");
        await desk.GetByTestId("empresas-en-validacion").ClickAsync();
        var row = desk.Locator("tr", new() { HasText = ruc });
        await Expect(row).ToContainTextAsync("Heladería Arequipeña S.A.C.");
        await Expect(row).ToContainTextAsync("rrhh.heladeria@example.pe");
        await row.GetByLabel("Motivo").FillAsync("Correo confirmado por teléfono con la gerencia");
        await row.GetByRole(AriaRole.Button, new() { Name = "Validar" }).ClickAsync();
        await Expect(desk.Locator("#mensaje")).ToContainTextAsync("Empresa validada");
        await Expect(desk.Locator("tr", new() { HasText = ruc })).ToHaveCountAsync(0);

        await Page.GotoAsync(vacancyUrl);
        await Expect(Page.Locator("#estado")).ToHaveTextAsync("Abierta");
        await Page.GotoAsync("/empresas");
        await Expect(Page.Locator("#validacion")).ToHaveCountAsync(0);
    }
}
