using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// An administrator at the browser: creates an account (its temporary password signs in), locks one (sign-in and the
/// bearer token it held are refused), resets a password (the old one refused, the new one accepted), edits an office's
/// contact data and puts a consultant in a service's group (who then finds that group's task in the inbox).
/// </summary>
public sealed class AdminPagesTests : BrowserTestBase
{
    private static int _dni = 74_000_000 + Random.Shared.Next(1_000_000);

    private static string NewUserName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    private async Task SignInAsAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/ingresar");
        await page.GetByLabel("Usuario").FillAsync(userName);
        await page.GetByLabel("Contraseña").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
    }

    /// <summary>A client of the real port without credentials (the factory's own clients talk to its in-memory server).</summary>
    private HttpClient Anonymous() => new() { BaseAddress = new Uri(BaseUrl) };

    private async Task<HttpResponseMessage> TokenAsync(string userName, string password)
    {
        using var client = Anonymous();
        return await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
    }

    private async Task<string> CreateByApiAsync(string userName, string office = "LIM", string[]? services = null)
    {
        using var admin = await Factory.ClientForAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName, fullName = "Pilar Mendoza Soto", roles = new[] { "consultant" }, officeCode = office, services = services ?? [], password = VupeServerFactory.Password,
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return VupeServerFactory.Password;
    }

    private async Task<IPage> AdminPageAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/ingresar");
        await SignInAsync(page, "admin");
        await Expect(page).ToHaveURLAsync(new Regex("/administracion$"));
        return page;
    }

    [Test]
    public async Task An_administrator_creates_a_user_whose_temporary_password_signs_in()
    {
        var admin = await AdminPageAsync();
        var userName = NewUserName("nueva.");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Crear un usuario" }).ClickAsync();
        // Errors in Spanish next to their fields, what was typed kept.
        await admin.Locator("#usuario").FillAsync(userName);
        await admin.Locator("#crear-usuario").ClickAsync();
        await Expect(admin.Locator("#error-nombre")).ToHaveTextAsync("Este campo es obligatorio.");
        await Expect(admin.Locator("#error-oficina")).ToHaveTextAsync("Un consultor atiende en una oficina.");
        await Expect(admin.Locator("#usuario")).ToHaveValueAsync(userName);

        await admin.Locator("#nombre").FillAsync("Rocío Ñique Paz");
        await admin.Locator("#oficina").SelectOptionAsync("LIM");
        await admin.GetByLabel("Bolsa de trabajo").CheckAsync();
        await admin.Locator("#motivo").FillAsync("Ingreso a la oficina de Lima");
        await admin.Locator("#crear-usuario").ClickAsync();
        await Expect(admin.GetByTestId("usuario-creado")).ToContainTextAsync(userName);
        var password = await admin.Locator("#clave-temporal").TextContentAsync();
        Assert.That(password, Has.Length.GreaterThanOrEqualTo(16));

        var user = await NewPageAsync();
        await SignInAsAsync(user, userName, password!);
        await Expect(user).ToHaveURLAsync(new Regex("/bandeja"));
        await Expect(user.GetByTestId("usuario")).ToContainTextAsync("Rocío Ñique Paz");
        await Expect(user.GetByTestId("usuario")).ToContainTextAsync("Oficina LIM");

        // The list finds the account by its name, folded; its page shows the creation in its trail.
        await admin.GotoAsync("/administracion?q=nique");
        await admin.GetByRole(AriaRole.Link, new() { Name = userName }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Table, new() { Name = "Registro de cambios de la cuenta" })).ToContainTextAsync("Ingreso a la oficina de Lima");
    }

    [Test]
    public async Task A_locked_user_is_refused_at_sign_in_and_their_bearer_token_and_session_stop_working()
    {
        var userName = NewUserName("bloq.");
        var password = await CreateByApiAsync(userName);
        var token = (await (await TokenAsync(userName, password)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var bearer = Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.That((await bearer.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var user = await NewPageAsync();
        await SignInAsAsync(user, userName, password);
        await Expect(user).ToHaveURLAsync(new Regex("/bandeja"));

        var admin = await AdminPageAsync();
        await admin.GotoAsync($"/administracion/usuarios/{userName}");
        await admin.Locator("#bloquear").ClickAsync();
        await Expect(admin.Locator("#error-motivo-bloquear")).ToHaveTextAsync("Indique el motivo: queda en el registro de auditoría.");
        await admin.Locator("#motivo-bloquear").FillAsync("Licencia sin goce");
        await admin.Locator("#bloquear").ClickAsync();
        await Expect(admin.GetByTestId("estado")).ToHaveTextAsync("Bloqueado por administración");

        Assert.That((await bearer.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the token issued before the lock");
        await user.GotoAsync("/bandeja");
        await Expect(user).ToHaveURLAsync(new Regex("/ingresar"), new() { Timeout = 5000 });
        await SignInAsAsync(user, userName, password);
        await Expect(user.GetByRole(AriaRole.Alert)).ToContainTextAsync("bloqueada por un administrador");

        // The last administrator cannot lock themselves: the page says why.
        await admin.GotoAsync("/administracion/usuarios/admin");
        await admin.Locator("#motivo-bloquear").FillAsync("Prueba");
        await admin.Locator("#bloquear").ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Debe quedar al menos un administrador activo");
    }

    [Test]
    public async Task A_password_reset_refuses_the_old_password_and_accepts_the_new_one()
    {
        var userName = NewUserName("clave.");
        var old = await CreateByApiAsync(userName);
        var admin = await AdminPageAsync();
        await admin.GotoAsync($"/administracion/usuarios/{userName}");
        await admin.Locator("#clave").FillAsync("corta");
        await admin.Locator("#motivo-clave").FillAsync("Olvidó la contraseña");
        await admin.Locator("#restablecer").ClickAsync();
        await Expect(admin.Locator("#error-clave")).ToContainTextAsync("La contraseña debe tener al menos 10 caracteres.");
        await admin.Locator("#motivo-clave").FillAsync("Olvidó la contraseña");
        await admin.Locator("#restablecer").ClickAsync();
        var fresh = await admin.Locator("#clave-temporal").TextContentAsync();
        Assert.That(fresh, Is.Not.Null.And.Not.EqualTo(old));

        Assert.That((await TokenAsync(userName, old)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the old password");
        var user = await NewPageAsync();
        await SignInAsAsync(user, userName, old);
        await Expect(user.GetByRole(AriaRole.Alert)).ToContainTextAsync("Usuario o contraseña incorrectos.");
        await SignInAsAsync(user, userName, fresh!);
        await Expect(user).ToHaveURLAsync(new Regex("/bandeja"));
        // Reloading the page does not show the password again.
        await admin.GotoAsync($"/administracion/usuarios/{userName}");
        await Expect(admin.Locator("#clave-temporal")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task An_administrator_edits_an_office_contact_data()
    {
        var admin = await AdminPageAsync();
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Administración" }).GetByRole(AriaRole.Link, new() { Name = "Oficinas" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Table, new() { Name = "Oficinas" }).Locator("tbody tr")).ToHaveCountAsync(27);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Editar VUPE Cusco" }).ClickAsync();
        await admin.Locator("#correo").FillAsync("no es correo");
        await admin.Locator("#guardar-oficina").ClickAsync();
        await Expect(admin.Locator("#error-correo")).ToHaveTextAsync("Correo electrónico no válido.");
        await Expect(admin.Locator("#error-motivo")).ToHaveTextAsync("Indique el motivo: queda en el registro de auditoría.");

        await admin.Locator("#direccion").FillAsync("Av. El Sol 814, Cusco");
        await admin.Locator("#telefono").FillAsync("(084) 223-344");
        await admin.Locator("#correo").FillAsync("cusco@vupe.example");
        await admin.Locator("#horario").FillAsync("Lunes a viernes de 8:00 a 16:00");
        await admin.Locator("#motivo").FillAsync("Nueva sede");
        await admin.Locator("#guardar-oficina").ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Los datos de contacto se guardaron.");
        await Expect(admin.Locator("#direccion")).ToHaveValueAsync("Av. El Sol 814, Cusco");
        await Expect(admin.GetByRole(AriaRole.List, new() { Name = "Registro de cambios de la oficina" })).ToContainTextAsync("Nueva sede");
        await admin.GotoAsync("/administracion/oficinas");
        await Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "VUPE Cusco" })).ToContainTextAsync("(084) 223-344");
    }

    private const string ServiceTaskProcess = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="http://vupecases.pe/test">
          <bpmn:process id="admin-migrante" name="Atención a migrantes (prueba)" isExecutable="true">
            <bpmn:startEvent id="inicio" />
            <bpmn:sequenceFlow id="f1" sourceRef="inicio" targetRef="atender" />
            <bpmn:userTask id="atender" name="Atender al migrante" vupe:candidateGroups="=officeCode + &quot;-orientacion-migrante&quot;" />
            <bpmn:sequenceFlow id="f2" sourceRef="atender" targetRef="fin" />
            <bpmn:endEvent id="fin" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Test]
    public async Task Adding_a_consultant_to_a_service_group_brings_that_group_s_tasks_to_their_inbox()
    {
        using (var national = await Factory.ClientForAsync("supervisor.nacional"))
        {
            var form = new MultipartFormDataContent();
            form.Add(new StringContent(ServiceTaskProcess, Encoding.UTF8), "files", "admin-migrante.bpmn");
            var deployed = await national.PostAsync("/api/deployments", form);
            Assert.That((int)deployed.StatusCode, Is.LessThan(300), await deployed.Content.ReadAsStringAsync());
        }
        using var consultant = await Factory.ClientForAsync("consultor.lim");
        var dni = Interlocked.Increment(ref _dni).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var party = await (await consultant.PostAsJsonAsync("/api/parties/persons", new { documentType = "Dni", documentNumber = dni })).Content.ReadFromJsonAsync<JsonElement>();
        var opened = await consultant.PostAsJsonAsync("/api/cases", new { partyId = party.GetProperty("id").GetGuid(), procedure = "admin-migrante" });
        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.Created), await opened.Content.ReadAsStringAsync());
        var caseNumber = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseNumber").GetString()!;

        var userName = NewUserName("grupo.");
        var password = await CreateByApiAsync(userName);
        var user = await NewPageAsync();
        await SignInAsAsync(user, userName, password);
        await user.GotoAsync("/bandeja?vista=Available");
        await Expect(user.GetByTestId("total")).ToBeVisibleAsync();
        await Expect(user.GetByRole(AriaRole.Link, new() { Name = caseNumber })).ToHaveCountAsync(0);

        var admin = await AdminPageAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Grupos de tareas" }).ClickAsync();
        var group = admin.Locator("section[data-grupo='LIM-orientacion-migrante']");
        await Expect(group).ToContainTextAsync("Atención a migrantes (prueba): Atender al migrante");
        await group.GetByLabel("Agregar a").SelectOptionAsync(userName);
        await group.Locator("#boton-agregar-lim-orientacion-migrante").ClickAsync();
        await Expect(admin.Locator("#error-agregar-lim-orientacion-migrante")).ToHaveTextAsync("Indique el motivo: queda en el registro de auditoría.");
        await Expect(group.GetByLabel("Agregar a")).ToHaveValueAsync(userName);
        await group.GetByLabel("Motivo").First.FillAsync("Atenderá migrantes");
        await group.Locator("#boton-agregar-lim-orientacion-migrante").ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"{userName} ahora pertenece a LIM-orientacion-migrante");
        await Expect(admin.GetByTestId("miembros-lim-orientacion-migrante")).ToContainTextAsync(userName);

        // The change ended the user's session; signed in again, the group's task is theirs to take.
        await user.GotoAsync("/bandeja?vista=Available");
        await Expect(user).ToHaveURLAsync(new Regex("/ingresar"), new() { Timeout = 5000 });
        await SignInAsAsync(user, userName, password);
        await user.GotoAsync("/bandeja?vista=Available");
        await Expect(user.GetByRole(AriaRole.Link, new() { Name = caseNumber })).ToBeVisibleAsync();
    }
}
