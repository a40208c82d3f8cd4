using Microsoft.Playwright;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Connectors;
using Vupe.Connectors.Simulation;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// A company signs up to VUPE Empresas in a browser: RUC, email, the mailed code, a password. The simulated SUNAT is told
/// the RUC's legal name first (ACTIVO, HABIDO). Unless the VUPE already had the RUC with this email, the account starts
/// «En validación» (<see cref="KnownToVupeAsync"/> avoids it).
/// </summary>
public static class CompanySignUp
{
    public const string Password = "Empresa2026Segura";

    /// <summary>Leaves <paramref name="page"/> signed in as the company of <paramref name="ruc"/>, on its home.</summary>
    public static async Task SignUpAsync(IPage page, VupeServerFactory factory, string ruc, string legalName, string email)
    {
        factory.Services.GetRequiredService<SimulatorControl>().SetTaxpayer(ruc, new Taxpayer(ruc, legalName, TaxpayerState.Active, TaxpayerCondition.Located));
        await page.GotoAsync("/empresas/registro");
        await page.GetByLabel("RUC").FillAsync(ruc);
        await page.Locator("#email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviarme un código" }).ClickAsync();
        await Expect(page.Locator("#codigo-enviado")).ToContainTextAsync(email[0] + "***@");
        await Expect(page.Locator("#razon-social")).ToContainTextAsync(legalName);
        await page.GetByLabel("Código de 6 dígitos").FillAsync(SentCodes.LatestMailed(factory, email));
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("#password-again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear la cuenta" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/empresas?bienvenida=1", StringComparison.Ordinal));
    }

    /// <summary>Registers the company's ficha with <paramref name="email"/> as a consultant would, so its sign-up publishes at once.</summary>
    public static async Task KnownToVupeAsync(VupeServerFactory factory, string ruc, string legalName, string email)
    {
        var staff = await factory.ClientForAsync("consultor.lim");
        var created = await staff.PostAsJsonAsync("/api/parties/companies", new { ruc, legalName, ubigeo = "150101", contactEmail = email });
        created.EnsureSuccessStatusCode();
    }
}
