using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>The consultant's and the auditor's workspace in a real browser.</summary>
public sealed class WorkspaceTests : BrowserTestBase
{
    private static int _dni = 70_000_000 + Random.Shared.Next(1_000_000);

    private static string NewDni() => Interlocked.Increment(ref _dni).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task A_page_asks_for_sign_in_and_returns_to_it_with_user_role_and_office_in_the_header()
    {
        await Page.GotoAsync("/expedientes");
        await Expect(Page).ToHaveURLAsync(new Regex("/ingresar\\?ReturnUrl=%2Fexpedientes"));
        await SignInAsync(Page, "consultor.lim");
        await Expect(Page).ToHaveURLAsync(new Regex("/expedientes$"));
        var header = Page.GetByTestId("usuario");
        await Expect(header).ToContainTextAsync("Consultor(a)");
        await Expect(header).ToContainTextAsync("Oficina LIM");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Salir" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/ingresar"));
        await Page.GotoAsync("/bandeja");
        await Expect(Page).ToHaveURLAsync(new Regex("/ingresar"));
    }

    [Test]
    public async Task An_administrator_lands_on_the_administration_page_and_a_refused_page_leads_home()
    {
        await Page.GotoAsync("/ingresar");
        await SignInAsync(Page, "admin");
        await Expect(Page).ToHaveURLAsync(new Regex("/administracion$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Administración", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Trabajos en segundo plano (Hangfire)" })).ToBeVisibleAsync();
        await Expect(Page.Locator("table[aria-label='Usuarios del sistema']")).ToContainTextAsync("supervisor.nacional");

        await Page.GotoAsync("/bandeja");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sin permiso" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Volver al inicio" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/administracion$"), new() { Timeout = 5000 });
    }

    [Test]
    public async Task An_expired_session_goes_to_sign_in_and_then_back_to_the_page()
    {
        await Page.GotoAsync("/bandeja");
        await SignInAsync(Page, "consultor.lim");
        await Expect(Page).ToHaveURLAsync(new Regex("/bandeja$"));
        await Page.Context.ClearCookiesAsync(); // the session is gone, as after eight hours
        await Page.GetByRole(AriaRole.Link, new() { Name = "Expedientes" }).First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/ingresar\\?ReturnUrl=%2Fexpedientes"));
        await SignInAsync(Page, "consultor.lim");
        await Expect(Page).ToHaveURLAsync(new Regex("/expedientes$"));
    }

    [Test]
    public async Task A_wrong_password_keeps_the_user_name_and_says_so()
    {
        await Page.GotoAsync("/ingresar");
        await Page.GetByLabel("Usuario").FillAsync("consultor2.lim");
        await Page.GetByLabel("Contraseña").FillAsync("no-es-la-clave");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Usuario o contraseña incorrectos");
        await Expect(Page.GetByLabel("Usuario")).ToHaveValueAsync("consultor2.lim");
    }

    [Test]
    public async Task A_consultant_attends_a_citizen_by_DNI_issues_a_CUL_and_an_auditor_verifies_the_case_another_office_cannot_open()
    {
        var dni = NewDni();
        KnownToReniec(dni, "<b>Ana</b> María", "Quispe", "", new DateOnly(1994, 5, 17));
        await Page.GotoAsync("/atender");
        await SignInAsync(Page, "consultor.lim");
        await Page.Locator("#buscar-documento").FillAsync(dni);
        await Page.Locator("#buscar").ClickAsync();

        // No ficha yet: register it; errors keep what was typed, and HTML typed into a name is shown as text.
        await Page.GetByLabel("Nombres").FillAsync("<b>Ana</b> María");
        await Page.GetByLabel("Apellido paterno").FillAsync("Quispe");
        await Page.GetByLabel("Fecha de nacimiento").FillAsync("1994-05-17");
        await Page.Locator("#registrar").ClickAsync();
        await Expect(Page.Locator("span[data-valmsg-for='Consentimiento']")).ToContainTextAsync("consentimiento");
        await Expect(Page.GetByLabel("Nombres")).ToHaveValueAsync("<b>Ana</b> María");
        await Page.GetByLabel("El titular autoriza").CheckAsync();
        await Page.Locator("#registrar").ClickAsync();
        await Expect(Page.GetByTestId("titular")).ToHaveTextAsync("<b>Ana</b> María Quispe");
        Assert.That(await Page.Locator("h1 b").CountAsync(), Is.Zero, "the name is text, not markup");

        // The CUL: one click (a double click opens one case), then the case page with the signed certificate.
        await Page.Locator("button[data-procedure='certificado-unico-laboral']").DblClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/expedientes/[0-9a-f-]{36}$"));
        var caseUrl = Page.Url;
        var caseNumber = await Page.GetByTestId("numero-expediente").InnerTextAsync();
        await Expect(Page.Locator("text=Firmado").First).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("historial")).ToContainTextAsync("Se consultó un sistema externo");
        await Expect(Page.Locator(".vupe-diagram svg").First).ToBeVisibleAsync();
        await Page.GotoAsync("/atender?documento=" + dni);
        await Expect(Page.GetByTestId("trayectoria")).ToContainTextAsync(caseNumber);
        Assert.That(await Page.GetByTestId("trayectoria").Locator("li").CountAsync(), Is.EqualTo(1), "the double click opened one case");

        // An auditor finds the case nationally and verifies its chain.
        var auditor = await NewPageAsync();
        await auditor.GotoAsync("/expedientes");
        await SignInAsync(auditor, "auditor");
        await auditor.Locator("#numero").FillAsync(caseNumber);
        await auditor.Locator("#buscar-expediente").ClickAsync();
        await auditor.GetByRole(AriaRole.Link, new() { Name = caseNumber }).ClickAsync();
        await auditor.Locator("#verificar-cadena").ClickAsync();
        await Expect(auditor.GetByTestId("veredicto")).ToContainTextAsync("Cadena íntegra");
        // Who saw the citizen's personal data, and when: the ficha's own trail.
        await Expect(auditor.Locator("#accesos-ficha")).ToContainTextAsync("consultó la ficha única");
        await Expect(auditor.Locator("#accesos-ficha")).ToContainTextAsync("consultor.lim");

        // A consultant of Cusco cannot open it.
        var cusco = await NewPageAsync();
        await cusco.GotoAsync("/ingresar");
        await SignInAsync(cusco, "consultor.cus");
        var response = await cusco.GotoAsync(caseUrl);
        Assert.That(response!.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task A_supervisor_sees_the_dashboard_with_figures_and_charts_for_their_office()
    {
        using (var api = await Factory.ClientForAsync("consultor.lim"))
        {
            var party = await (await api.PostAsJsonAsync("/api/parties/persons", new { documentType = "Dni", documentNumber = NewDni() }))
                .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            (await api.PostAsJsonAsync("/api/cases", new { partyId = party.GetProperty("id").GetGuid(), procedure = "orientacion" })).EnsureSuccessStatusCode();
        }
        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add(error);
        await Page.GotoAsync("/tablero");
        await SignInAsync(Page, "supervisor.lim");
        await Expect(Page.Locator("h1")).ToContainTextAsync("Oficina LIM");
        Assert.That(int.Parse(await Page.Locator("[data-metric=abiertos]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(1));
        Assert.That(int.Parse(await Page.Locator("[data-metric=tareas]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(1));
        // Each chart also writes its figures as a table for screen readers once Chart.js has drawn it.
        await Expect(Page.Locator("table.vupe-sr-only th", new() { HasTextString = "Abiertos" })).ToHaveCountAsync(1);
        await Expect(Page.Locator("table.vupe-sr-only th", new() { HasTextString = "Derivaciones" })).ToHaveCountAsync(1);
        // The same figures as tables (what the CSV and XLSX exports repeat), and the export buttons.
        await Expect(Page.Locator("[data-table=procedimientos] th", new() { HasTextString = "Abiertos" })).ToHaveCountAsync(1);
        await Expect(Page.Locator("[data-testid=exportar] a")).ToHaveCountAsync(2);
        Assert.That(errors, Is.Empty, "no script errors on the page");

        // A consultant has no dashboard.
        var consultant = await NewPageAsync();
        await consultant.GotoAsync("/ingresar");
        await SignInAsync(consultant, "consultor.lim");
        var response = await consultant.GotoAsync("/tablero");
        Assert.That(response!.Status, Is.EqualTo(403));
    }
}
