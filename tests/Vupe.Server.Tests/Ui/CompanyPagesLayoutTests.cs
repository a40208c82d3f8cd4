using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// VUPE Empresas' pages fit a phone (390 × 844) and a small laptop (1366 × 800), seen with a company's session (the pages
/// PhoneLayoutTests leaves out). The page list comes from the endpoint data source, so a new /empresas page is checked too.
/// </summary>
public sealed class CompanyPagesLayoutTests : BrowserTestBase
{
    [TestCase(390, 844)]
    [TestCase(1366, 800)]
    public async Task No_company_page_is_wider_than_the_screen(int width, int height)
    {
        // A long company name and job title, and a candidate with a long name, so the layout is tested with them.
        var legalName = $"Corporación Agroindustrial y Exportadora del Sur Andino {width} S.A.C.";
        using var consultant = await Factory.ClientForAsync("consultor.lim");
        var (company, ruc) = await JobBankRequests.CreateCompanyWithRucAsync(consultant, legalName);
        var vacancyId = (await JobBankRequests.PostVacancyAsync(consultant, company, "Cocinero o cocinera de línea caliente para restaurante de hotel", "5120", "150122",
            skills: ["Manipulación de alimentos", "Cocina novoandina", "Repostería"])).GetProperty("id").GetGuid();
        var seeker = await SeekerAsync(consultant);
        var referred = await consultant.PostAsJsonAsync($"/api/vacancies/{vacancyId}/referrals", new { partyId = seeker });
        Assert.That(referred.StatusCode, Is.EqualTo(HttpStatusCode.Created), await referred.Content.ReadAsStringAsync());

        var urls = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["/empresas/vacantes/{id:guid}"] = [$"/empresas/vacantes/{vacancyId}"],
            ["/empresas/vacantes/publicar/{id:guid?}"] = ["/empresas/vacantes/publicar", $"/empresas/vacantes/publicar/{vacancyId}"],
            // Signing out is a POST; a GET only redirects.
            ["/empresas/salir"] = [],
        };

        var anonymous = await NewPageAsync();
        await anonymous.SetViewportSizeAsync(width, height);
        await Page.SetViewportSizeAsync(width, height);
        await CompanySignUp.SignUpAsync(Page, Factory, ruc, legalName, $"rrhh{width}@agroexport.example.pe");

        var failures = new List<string>();
        var looked = 0;
        foreach (var (route, signedIn) in CompanyPages())
        {
            if (!urls.TryGetValue(route, out var paths)) paths = route.Contains('{', StringComparison.Ordinal) ? [""] : [route];
            foreach (var path in paths)
            {
                if (path.Length == 0)
                {
                    failures.Add($"{route}: add the URL to look at to this test");
                    continue;
                }
                var page = signedIn ? Page : anonymous;
                var response = await page.GotoAsync(path);
                Assert.That(response!.Status, Is.EqualTo(200), $"{path} answers");
                if (signedIn) Assert.That(page.Url, Does.Not.Contain("/ingresar"), $"{path} is seen with the company's session");
                if (await OverflowAsync(page, width) is { } overflow) failures.Add(overflow);
                looked++;
            }
        }
        Assert.That(failures, Is.Empty);
        Assert.That(looked, Is.GreaterThanOrEqualTo(6), "the home, sign-in, sign-up, a vacancy, and posting a new and an existing vacancy were looked at");
    }

    /// <summary>A consenting seeker of Lima whose profile fits the vacancy, so the company's page lists a candidate.</summary>
    private static async Task<Guid> SeekerAsync(HttpClient consultant)
    {
        var dni = (44_000_000 + Random.Shared.Next(1_000_000)).ToString(CultureInfo.InvariantCulture);
        var person = await (await consultant.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = dni,
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var partyId = person.GetProperty("id").GetGuid();
        var ficha = await consultant.PutAsJsonAsync($"/api/parties/{partyId}/ficha", new
        {
            version = person.GetProperty("version").GetInt64(), ubigeo = "150101",
            education = new[] { new { level = "secundaria", completed = true } },
            workExperience = new[] { new { employer = "Restaurante Inti", position = "Cocinera", from = "2022-01-01", to = "2024-01-01", certified = true } },
            skills = new[] { "Cocina novoandina", "Manipulación de alimentos" },
        });
        Assert.That(ficha.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ficha.Content.ReadAsStringAsync());
        (await consultant.PostAsJsonAsync($"/api/parties/{partyId}/consents", new { purpose = "intermediacion-laboral", granted = true, channel = "escrito", textVersion = "v1" })).EnsureSuccessStatusCode();
        var profile = await consultant.PutAsJsonAsync($"/api/parties/{partyId}/jobseeker", new { occupations = new[] { "5120" }, mobility = "Nacional" });
        Assert.That(profile.StatusCode, Is.EqualTo(HttpStatusCode.OK), await profile.Content.ReadAsStringAsync());
        return partyId;
    }

    /// <summary>Every Razor page under /empresas the server maps, and whether it needs the company's session (the others are public: sign in, sign up).</summary>
    private List<(string Route, bool SignedIn)> CompanyPages()
    {
        var pages = new List<(string, bool)>();
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is null) continue;
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (!(route == "/empresas" || route.StartsWith("/empresas/", StringComparison.Ordinal)) || pages.Any(p => p.Item1 == route)) continue;
            pages.Add((route, endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null));
        }
        Assert.That(pages, Has.Count.GreaterThanOrEqualTo(6), "the /empresas pages were found in the endpoint data source");
        return pages;
    }
}
