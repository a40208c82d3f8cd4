using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// What the API offered without a button: a consultant verifies a ficha's email and phone with a one-time code the
/// person reads out, and a supervisor places and lifts a legal or ARCO hold on a case — from the pages, through the
/// same services as the API, written in the trails.
/// </summary>
public sealed class StaffTrustControlsTests : BrowserTestBase
{
    [Test]
    public async Task A_consultant_verifies_the_fichas_email_and_phone_with_a_code_the_person_reads_out()
    {
        var consultant = await Factory.ClientForAsync("consultor.lim");
        var partyId = await CreatePersonAsync(consultant, email: "ana.verifica@example.pe", phone: "934567812");

        await Page.GotoAsync("/ingresar");
        await SignInAsync(Page, "consultor.lim");
        await Page.GotoAsync($"/atender/ficha/{partyId}");
        await Expect(Page.GetByTestId("correo")).ToContainTextAsync("no verificado");

        await Page.Locator("#enviar-codigo-email").ClickAsync();
        await Expect(Page.GetByTestId("aviso-contacto")).ToContainTextAsync("Enviamos un código de 6 dígitos");
        // A wrong code is refused on the page, in Spanish, and the field stays to try again.
        await Page.GetByLabel("Código enviado al correo electrónico").FillAsync(WrongCode(SentCodes.LatestMailed(Factory, "ana.verifica@example.pe")));
        await Page.Locator("#confirmar-email").ClickAsync();
        await Expect(Page.GetByTestId("error-contacto")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("correo")).ToContainTextAsync("no verificado");
        await Page.GetByLabel("Código enviado al correo electrónico").FillAsync(SentCodes.LatestMailed(Factory, "ana.verifica@example.pe"));
        await Page.Locator("#confirmar-email").ClickAsync();
        await Expect(Page.GetByTestId("aviso-contacto")).ToHaveTextAsync("Correo electrónico verificado.");
        await Expect(Page.GetByTestId("correo")).ToContainTextAsync("verificado el");
        await Expect(Page.GetByTestId("telefono")).ToContainTextAsync("no verificado");

        await Page.Locator("#enviar-codigo-phone").ClickAsync();
        await Page.GetByLabel("Código enviado al teléfono").FillAsync(SentCodes.LatestTexted(Factory, "934567812"));
        await Page.Locator("#confirmar-phone").ClickAsync();
        await Expect(Page.GetByTestId("telefono")).ToContainTextAsync("verificado el");

        var ficha = await consultant.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}");
        Assert.That(ficha.GetProperty("person").GetProperty("emailVerifiedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(ficha.GetProperty("person").GetProperty("phoneVerifiedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        var trail = await (await Factory.ClientForAsync("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/audit");
        var actions = trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(actions.Count(a => a == "party.contact.codeSent"), Is.EqualTo(2));
        Assert.That(actions, Has.Member("party.contact.refused"));
        Assert.That(actions.Count(a => a == "party.contact.verified"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_supervisor_places_and_lifts_a_hold_on_a_case_and_a_consultant_is_offered_none()
    {
        var consultant = await Factory.ClientForAsync("consultor.lim");
        var partyId = await CreatePersonAsync(consultant, email: null, phone: null);
        var opened = await consultant.PostAsJsonAsync("/api/cases", new { partyId, procedure = "orientacion" });
        Assert.That((int)opened.StatusCode, Is.EqualTo(201), await opened.Content.ReadAsStringAsync());
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await Page.GotoAsync("/ingresar");
        await SignInAsync(Page, "consultor.lim");
        await Page.GotoAsync($"/expedientes/{caseId}");
        await Expect(Page.GetByTestId("numero-expediente")).ToBeVisibleAsync();
        await Expect(Page.Locator("#retenciones")).ToHaveCountAsync(0);

        var supervisor = await NewPageAsync();
        await supervisor.GotoAsync("/ingresar");
        await SignInAsync(supervisor, "supervisor.lim");
        await supervisor.GotoAsync($"/expedientes/{caseId}");
        await Expect(supervisor.Locator("#retenciones")).ToContainTextAsync("Sin retenciones");
        // Without a reason: refused on the page, nothing placed.
        await supervisor.Locator("#poner-retencion").ClickAsync();
        await Expect(supervisor.GetByTestId("error-retencion")).ToBeVisibleAsync();
        await Expect(supervisor.GetByTestId("retenciones")).ToHaveCountAsync(0);

        await supervisor.GetByLabel("Tipo", new() { Exact = true }).SelectOptionAsync("arco");
        await supervisor.GetByLabel("Motivo", new() { Exact = true }).FillAsync("Solicitud de cancelación ARCO N.º 2026-118 en trámite");
        await supervisor.Locator("#poner-retencion").ClickAsync();
        await Expect(supervisor.GetByRole(AriaRole.Status).First).ToContainTextAsync("Retención por derechos ARCO registrada");
        var held = supervisor.GetByTestId("retenciones").Locator("li");
        await Expect(held).ToHaveCountAsync(1);
        await Expect(held).ToContainTextAsync("Solicitud de cancelación ARCO N.º 2026-118");
        await Expect(held).ToHaveAttributeAsync("data-active", "true");

        await held.GetByLabel("Motivo para levantarla").FillAsync("Solicitud respondida el 7/12");
        await held.GetByTestId("levantar-retencion").ClickAsync();
        await Expect(supervisor.GetByTestId("retenciones").Locator("li")).ToHaveAttributeAsync("data-active", "false");
        await Expect(supervisor.GetByTestId("retenciones")).ToContainTextAsync("Solicitud respondida el 7/12");

        var holds = await (await Factory.ClientForAsync("supervisor.lim")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/holds");
        Assert.That(holds.GetArrayLength(), Is.EqualTo(1));
        Assert.That(holds[0].GetProperty("kind").GetString(), Is.EqualTo("Arco"));
        Assert.That(holds[0].GetProperty("liftReason").GetString(), Is.EqualTo("Solicitud respondida el 7/12"));
        var trail = await (await Factory.ClientForAsync("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        var actions = trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(actions, Has.Member("hold.placed").And.Member("hold.lifted"));
    }

    private static async Task<Guid> CreatePersonAsync(HttpClient consultant, string? email, string? phone)
    {
        var dni = (44_000_000 + Random.Shared.Next(1_000_000)).ToString(CultureInfo.InvariantCulture);
        var created = await consultant.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = dni, email, phone,
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        });
        Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static string WrongCode(string right) => ((int.Parse(right, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
}
