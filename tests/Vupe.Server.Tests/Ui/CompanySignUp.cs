using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>A company signs up to VUPE Empresas in a browser: RUC, name, email, the mailed code, a password.</summary>
public static class CompanySignUp
{
    public const string Password = "Empresa2026Segura";

    /// <summary>Leaves <paramref name="page"/> signed in as the company of <paramref name="ruc"/>, on its home.</summary>
    public static async Task SignUpAsync(IPage page, VupeServerFactory factory, string ruc, string legalName, string email)
    {
        await page.GotoAsync("/empresas/registro");
        await page.GetByLabel("RUC").FillAsync(ruc);
        await page.GetByLabel("Razón social").FillAsync(legalName);
        await page.Locator("#email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviarme un código" }).ClickAsync();
        await Expect(page.Locator("#codigo-enviado")).ToContainTextAsync(email[0] + "***@");
        await page.GetByLabel("Código de 6 dígitos").FillAsync(SentCodes.LatestMailed(factory, email));
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("#password-again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear la cuenta" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/empresas?bienvenida=1", StringComparison.Ordinal));
    }
}
