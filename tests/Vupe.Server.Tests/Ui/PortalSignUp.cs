using System.Globalization;
using Microsoft.Playwright;
using Vupe.Connectors.Simulation;
using Vupe.Server.Parties;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>A citizen signs up to Mi VUPE in a browser, as a person would: DNI data, the mailed code, a password.</summary>
public static class PortalSignUp
{
    public const string Password = "Clave2026Segura";

    /// <summary>Leaves <paramref name="page"/> signed in as the citizen of <paramref name="dni"/>, on Mi VUPE's home.</summary>
    public static async Task SignUpAsync(IPage page, VupeServerFactory factory, string dni, string email)
    {
        var citizen = SimulatedPopulation.Find(dni).Identity!;
        await page.GotoAsync("/mi-vupe/registro");
        await page.GetByLabel("Número de DNI").FillAsync(dni);
        await page.Locator("#check").FillAsync(DocumentNumbers.DniCheck(dni).Letter.ToString());
        await page.GetByLabel("Fecha de nacimiento").FillAsync(citizen.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#contact").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviarme un código" }).ClickAsync();
        await Expect(page.Locator("#codigo-enviado")).ToContainTextAsync(email[0] + "***@");

        await page.GetByLabel("Código de 6 dígitos").FillAsync(SentCodes.LatestMailed(factory, email));
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("#password-again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear mi cuenta" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/mi-vupe?bienvenida=1", StringComparison.Ordinal));
    }
}
