using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Vupe.Server.Tests.Ui;

/// <summary>The staff pages fit a phone (390 × 844) and a small laptop (1366 × 800): nothing wider than the screen, the menu wraps.</summary>
public sealed class PhoneLayoutTests : BrowserTestBase
{
    [TestCase(390, 844)]
    [TestCase(1366, 800)]
    public async Task No_staff_page_is_wider_than_the_screen(int width, int height)
    {
        var client = await Factory.ClientForAsync("supervisor.lim");
        // A long name, as RENIEC holds it, so the layout is tested with one.
        var dni = (48_000_000 + Random.Shared.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        KnownToReniec(dni, "María de los Ángeles", "Quispe-Huamán", "", new DateOnly(1990, 1, 1));
        var person = await (await client.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = dni,
            givenNames = "María de los Ángeles", paternalSurname = "Quispe-Huamán", birthDate = "1990-01-01",
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var caseId = (await (await client.PostAsJsonAsync("/api/cases", new { partyId = person.GetProperty("id").GetGuid(), procedure = "orientacion" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var company = await JobBankRequests.CreateCompanyAsync(client, $"Comercializadora Andina del Sur {width} SAC");
        var vacancyId = (await JobBankRequests.PostVacancyAsync(client, company, "Operario de almacén con licencia de montacargas", "4321", "150101",
            skills: ["Inventarios", "Montacargas", "Atención al cliente"])).GetProperty("id").GetGuid();

        var instanceId = (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("instances")[0].GetProperty("id").GetGuid();
        // An incident, so the incidents page lists one (its engine message is long).
        var failing = (await (await client.PostAsJsonAsync("/api/cases", new { partyId = person.GetProperty("id").GetGuid(), procedure = "incidencia" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var failingTask = (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{failing}")).GetProperty("tasks")[0].GetProperty("id").GetGuid();
        (await client.PostAsync($"/api/tasks/{failingTask}/claim", null)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/tasks/{failingTask}/complete", new { data = new { horas = "muchas" } })).EnsureSuccessStatusCode();
        var definitionId = (await client.GetFromJsonAsync<JsonElement>($"/api/operations/instances/{instanceId}")).GetProperty("instance").GetProperty("definitionId").GetString()!;

        await Page.SetViewportSizeAsync(width, height);
        await Page.GotoAsync("/ingresar");
        await SignInAsync(Page, "supervisor.lim");
        foreach (var path in new[] { "/bandeja?vista=Office", "/expedientes", $"/expedientes/{caseId}", $"/expedientes/ciudadano/{person.GetProperty("id").GetGuid()}", "/tablero", "/atender", "/disenador", "/bolsa", "/bolsa/nueva", $"/bolsa/buscador/{person.GetProperty("id").GetGuid()}", $"/bolsa/vacante/{vacancyId}", "/bolsa/mercado",
            "/operaciones", "/operaciones/incidencias", $"/operaciones/instancias?definicion={Uri.EscapeDataString(definitionId)}", $"/operaciones/instancias/{instanceId}" })
        {
            await Page.GotoAsync(path);
            var scrollWidth = await Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            var widest = await Page.EvaluateAsync<string>(
                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 3).map(e => e.tagName + '.' + e.className).join(', ')");
            Assert.That(scrollWidth, Is.LessThanOrEqualTo(width), $"{path} is {scrollWidth} px wide on a {width} px screen ({widest})");
        }
        await Page.GotoAsync($"/expedientes/{caseId}");
        await Microsoft.Playwright.Assertions.Expect(Page.Locator("h1 .badge.status")).ToHaveTextAsync("Abierto");
        await Page.GotoAsync("/bandeja?vista=Office");
        await Microsoft.Playwright.Assertions.Expect(Page.Locator("td[data-label='Procedimiento']").First).ToHaveTextAsync("Orientación vocacional");
        await Microsoft.Playwright.Assertions.Expect(Page.Locator("td[data-label='Prioridad']").First).ToHaveTextAsync("Media");
        var take = Page.Locator("button[id^='tomar-']").First;
        var box = await take.BoundingBoxAsync();
        Assert.That(box!.X + box.Width, Is.LessThanOrEqualTo(width), "'Tomar' is on the screen");
    }

    [TestCase(390, 844)]
    [TestCase(1366, 800)]
    public async Task No_administration_page_is_wider_than_the_screen(int width, int height)
    {
        await Page.SetViewportSizeAsync(width, height);
        await Page.GotoAsync("/ingresar");
        await SignInAsync(Page, "admin");
        foreach (var path in new[] { "/administracion", "/administracion/usuarios/nuevo", "/administracion/usuarios/supervisor.nacional", "/administracion/oficinas",
            "/administracion/oficinas/MDD", "/administracion/grupos?oficina=LIM" })
        {
            await Page.GotoAsync(path);
            var scrollWidth = await Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            var widest = await Page.EvaluateAsync<string>(
                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 3).map(e => e.tagName + '.' + e.className).join(', ')");
            Assert.That(scrollWidth, Is.LessThanOrEqualTo(width), $"{path} is {scrollWidth} px wide on a {width} px screen ({widest})");
        }
    }
}
