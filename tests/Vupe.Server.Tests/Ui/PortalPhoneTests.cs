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
        var scrollWidth = await Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.That(scrollWidth, Is.LessThanOrEqualTo(390), "Mi VUPE fits the phone's width");

        // Signing out goes back to the sign-in page, and the home asks for it again.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Salir" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.EndsWith("/mi-vupe/ingresar", StringComparison.Ordinal));
        await Page.GotoAsync("/mi-vupe");
        Assert.That(Page.Url, Does.Contain("/mi-vupe/ingresar"));
    }
}
