using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vupe.Server.Hosting;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// The staff, administration and public pages fit a phone (390 × 844) and a small laptop (1366 × 800): nothing wider
/// than the screen, the menu wraps. The page list comes from the endpoint data source, so a new page is checked too.
/// </summary>
public sealed class PhoneLayoutTests : BrowserTestBase
{
    [TestCase(390, 844)]
    [TestCase(1366, 800)]
    public async Task No_page_is_wider_than_the_screen(int width, int height)
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

        var partyId = person.GetProperty("id").GetGuid();
        var taskId = (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("tasks")[0].GetProperty("id").GetGuid();
        // The pages whose route alone does not show them (an id in the path, a query the page needs): a new page of that
        // kind without a row here fails the test, so every page the server maps is looked at.
        var urls = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["/bandeja"] = "/bandeja?vista=Office",
            ["/atender/ficha/{id:guid}"] = $"/atender/ficha/{partyId}",
            ["/expedientes/{id:guid}"] = $"/expedientes/{caseId}",
            ["/expedientes/ciudadano/{id:guid}"] = $"/expedientes/ciudadano/{partyId}",
            ["/tareas/{id:guid}"] = $"/tareas/{taskId}",
            ["/bolsa/buscador/{id:guid}"] = $"/bolsa/buscador/{partyId}",
            ["/bolsa/vacante/{id:guid}"] = $"/bolsa/vacante/{vacancyId}",
            ["/operaciones/instancias"] = $"/operaciones/instancias?definicion={Uri.EscapeDataString(definitionId)}",
            ["/operaciones/instancias/{id:guid}"] = $"/operaciones/instancias/{instanceId}",
            ["/disenador/decision"] = "/disenador/decision?id=acercamiento-empresarial",
            ["/disenador/formulario"] = "/disenador/formulario?key=diagnostico-empleabilidad",
            ["/disenador/versiones"] = "/disenador/versiones?clave=orientacion",
            ["/administracion/usuarios/{nombre}"] = "/administracion/usuarios/supervisor.nacional",
            ["/administracion/oficinas/{codigo}"] = "/administracion/oficinas/MDD",
            ["/administracion/grupos"] = "/administracion/grupos?oficina=LIM",
            ["/error/{codigo:int}"] = "/error/404",
            ["/verificar/{codigo?}"] = "/verificar",
            // Needs a finished migration run between two deployed versions; AccessibilityTests builds one and looks at it on a phone.
            ["/disenador/migraciones/{id:guid}"] = null,
            ["/disenador/migracion"] = null,
            // Signing out is a POST; a GET only redirects.
            ["/salir"] = null,
        };

        var failures = new List<string>();
        foreach (var group in StaffAndPublicPages().GroupBy(p => p.User))
        {
            var page = await NewPageAsync();
            await page.SetViewportSizeAsync(width, height);
            if (group.Key != Anonymous)
            {
                await page.GotoAsync("/ingresar");
                await SignInAndLandAsync(page, group.Key);
            }
            foreach (var (route, _) in group)
            {
                if (!urls.TryGetValue(route, out var path)) path = route.Contains('{', StringComparison.Ordinal) ? "" : route;
                if (path is null) continue;
                if (path.Length == 0)
                {
                    failures.Add($"{route}: add the URL to look at to this test");
                    continue;
                }
                await page.GotoAsync(path);
                if (await OverflowAsync(page, width) is { } overflow) failures.Add(overflow);
            }
        }
        Assert.That(failures, Is.Empty);

        await Page.SetViewportSizeAsync(width, height);
        await Page.GotoAsync("/ingresar");
        await SignInAndLandAsync(Page, "supervisor.lim");
        await Page.GotoAsync($"/expedientes/{caseId}");
        await Microsoft.Playwright.Assertions.Expect(Page.Locator("h1 .badge.status")).ToHaveTextAsync("Abierto");
        await Page.GotoAsync("/bandeja?vista=Office");
        await Microsoft.Playwright.Assertions.Expect(Page.Locator("td[data-label='Procedimiento']").First).ToHaveTextAsync("Orientación vocacional");
        await Microsoft.Playwright.Assertions.Expect(Page.Locator("td[data-label='Prioridad']").First).ToHaveTextAsync("Media");
        var take = Page.Locator("button[id^='tomar-']").First;
        var box = await take.BoundingBoxAsync();
        Assert.That(box!.X + box.Width, Is.LessThanOrEqualTo(width), "'Tomar' is on the screen");
    }

    private const string Anonymous = "";

    /// <summary>
    /// Every Razor page the server maps (the endpoint data source, as AccessibilityTests takes it), with who looks at it:
    /// administrators their pages, a supervisor of Lima every other staff page, nobody the public ones. Mi VUPE is left to
    /// PortalPhoneTests, which signs a citizen up in the browser and looks at each of its pages at 390 × 844.
    /// </summary>
    private List<(string Route, string User)> StaffAndPublicPages()
    {
        var pages = new List<(string, string)>();
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is null) continue;
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            // Mi VUPE's and VUPE Empresas' pages need a citizen's or a company's session, not a staff one: their own phone
            // tests look at them (PortalPhoneTests, PortalFichaPhoneTests, PortalAppointmentsArcoPhoneTests, CompanyPagesLayoutTests).
            if (route.StartsWith("/mi-vupe", StringComparison.Ordinal) || route.StartsWith("/empresas", StringComparison.Ordinal) || pages.Any(p => p.Item1 == route)) continue;
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
            var user = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? Anonymous
                : policy == Policies.Admin ? "admin"
                : "supervisor.lim";
            pages.Add((route, user));
        }
        Assert.That(pages, Has.Count.GreaterThan(25), "the pages were found in the endpoint data source");
        return pages;
    }
}
