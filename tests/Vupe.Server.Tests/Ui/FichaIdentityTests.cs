using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>The ficha's identity against RENIEC, as a consultant sees it: a ficha registered while RENIEC was down is verified later.</summary>
public sealed class FichaIdentityTests : BrowserTestBase
{
    [Test]
    public async Task A_ficha_registered_while_RENIEC_was_down_is_verified_from_its_page_taking_RENIECs_data()
    {
        var control = Factory.Services.GetRequiredService<Vupe.Connectors.Simulation.SimulatorControl>();
        var api = await Factory.ClientForAsync("consultor.lim");
        var dni = (46_000_000 + Random.Shared.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        KnownToReniec(dni, "Julián", "Ramírez", "Huamán", new DateOnly(1965, 6, 3));
        control.SetDown(Vupe.Connectors.ConnectorNames.Identity);
        JsonElement party;
        try
        {
            party = await (await api.PostAsJsonAsync("/api/parties/persons", new
            {
                documentType = "Dni", documentNumber = dni, givenNames = "Carmen Rosa", paternalSurname = "Huarcaya", maternalSurname = "Ñaupari", birthDate = "1990-05-14",
            })).Content.ReadFromJsonAsync<JsonElement>();
        }
        finally
        {
            control.SetUp(Vupe.Connectors.ConnectorNames.Identity);
        }

        await Page.GotoAsync("/ingresar");
        await SignInAsync(Page, "consultor.lim");
        await Page.GotoAsync($"/atender/ficha/{party.GetProperty("id").GetGuid()}");
        await Expect(Page.GetByTestId("identidad-no-verificada")).ToBeVisibleAsync();
        await Page.Locator("#verificar-reniec").ClickAsync();
        await Expect(Page.GetByTestId("error-identidad")).ToContainTextAsync("no coinciden con RENIEC");
        await Expect(Page.GetByTestId("error-identidad")).ToContainTextAsync("Julián");
        await Page.Locator("#adoptar-reniec").ClickAsync();
        await Expect(Page.GetByTestId("titular")).ToHaveTextAsync("Julián Ramírez Huamán");
        await Expect(Page.GetByTestId("identidad-no-verificada")).ToHaveCountAsync(0);
    }
}
