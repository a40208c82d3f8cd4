using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vupe.Server.Hosting;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// WCAG 2.1 AA with axe-core on every Razor page the server maps (the list comes from the endpoint data source, so a new
/// page is checked without anyone remembering to add it), as a role that may see it, on a phone and on a small laptop.
/// No rule is switched off: a serious or critical violation fails; moderate and minor ones are written to the test output.
/// </summary>
public sealed class AccessibilityTests : BrowserTestBase
{
    private const string Anonymous = "anonymous";
    /// <summary>A citizen signed up to Mi VUPE in the browser (the sample ficha's owner, with its case).</summary>
    private const string Citizen = "ciudadano";
    /// <summary>A company signed up to VUPE Empresas in the browser (the sample vacancy's company).</summary>
    private const string Company = "empresa";

    /// <summary>Who looks at a page that needs nothing but its route, by the page's authorization policy.</summary>
    private static readonly Dictionary<string, string> UserByPolicy = new(StringComparer.Ordinal)
    {
        [Policies.ReadCases] = "consultor.lim",
        [Policies.WorkCases] = "consultor.lim",
        [Policies.Design] = "supervisor.lim",
        [Policies.Figures] = "supervisor.lim",
        [Policies.Supervise] = "supervisor.lim",
        [Policies.Audit] = "auditor",
        [Policies.Operate] = "supervisor.lim",
        [Policies.Admin] = "admin",
        [Vupe.Server.Portal.PortalAuthentication.Policy] = Citizen,
        [Vupe.Server.Portal.Companies.CompanyAuthentication.Policy] = Company,
    };

    private sealed record Sample(string User, string? Url, string? WhyNotChecked = null);

    private sealed record SampleData(Guid PartyId, string Dni, Guid CaseId, string CaseNumber, Guid InstanceId, Guid TaskId, Guid VacancyId, Guid MigrationId, string CompanyRuc);

    /// <summary>
    /// The pages whose route alone does not show them: an id in the path, a query the page needs, a page for a role its
    /// policy does not name. A new page of that kind without a row here fails the test, as the authorization matrix does.
    /// </summary>
    private static Dictionary<string, Sample> Samples(SampleData d) => new(StringComparer.Ordinal)
    {
        ["/atender/ficha/{id:guid}"] = new("consultor.lim", $"/atender/ficha/{d.PartyId}"),
        ["/bolsa/buscador/{id:guid}"] = new("consultor.lim", $"/bolsa/buscador/{d.PartyId}"),
        ["/bolsa/vacante/{id:guid}"] = new("consultor.lim", $"/bolsa/vacante/{d.VacancyId}"),
        ["/expedientes/{id:guid}"] = new("supervisor.lim", $"/expedientes/{d.CaseId}"),
        ["/tareas/{id:guid}"] = new("consultor.lim", $"/tareas/{d.TaskId}"),
        ["/operaciones/instancias/{id:guid}"] = new("supervisor.lim", $"/operaciones/instancias/{d.InstanceId}"),
        ["/administracion/usuarios/{nombre}"] = new("admin", "/administracion/usuarios/consultor.lim"),
        ["/administracion/oficinas/{codigo}"] = new("admin", "/administracion/oficinas/LIM"),
        // The auditor's national search.
        ["/expedientes"] = new("auditor", "/expedientes"),
        ["/expedientes/ciudadano/{id:guid}"] = new("auditor", $"/expedientes/ciudadano/{d.PartyId}"),
        ["/disenador/decision"] = new("supervisor.lim", "/disenador/decision?id=acercamiento-empresarial"),
        ["/disenador/formulario"] = new("supervisor.lim", "/disenador/formulario?key=diagnostico-empleabilidad"),
        ["/disenador/versiones"] = new("supervisor.lim", "/disenador/versiones?clave=orientacion"),
        ["/disenador/migracion"] = new("supervisor.lim", "/disenador/migracion?clave=axe-dos-versiones"),
        ["/disenador/migraciones/{id:guid}"] = new("supervisor.nacional", $"/disenador/migraciones/{d.MigrationId}"),
        ["/error/{codigo:int}"] = new(Anonymous, "/error/404"),
        ["/verificar/{codigo?}"] = new(Anonymous, "/verificar"),
        // The page itself answers 403; what a refused user reads must be as accessible as the rest.
        ["/sin-permiso"] = new("auditor", "/sin-permiso"),
        ["/salir"] = new(Anonymous, null, "signing out is a POST; a GET only redirects"),
        ["/mi-vupe/salir"] = new(Citizen, null, "signing out is a POST; a GET only redirects"),
        // The citizen signs up with the sample's DNI: the sample case is theirs.
        ["/mi-vupe/expedientes/{numero}"] = new(Citizen, $"/mi-vupe/expedientes/{d.CaseNumber}"),
        ["/mi-vupe/expedientes/{numero}/documentos/{documento:guid}"] = new(Citizen, null, "a download, not a page"),
        ["/mi-vupe/empleos/{id:guid}"] = new(Citizen, $"/mi-vupe/empleos/{d.VacancyId}"),
        // The second step, with the service's start form drawn (the first is a list of radio buttons).
        ["/mi-vupe/servicios"] = new(Citizen, "/mi-vupe/servicios?servicio=orientacion-vocacional"),
        ["/empresas/vacantes/{id:guid}"] = new(Company, $"/empresas/vacantes/{d.VacancyId}"),
        ["/empresas/vacantes/publicar/{id:guid?}"] = new(Company, $"/empresas/vacantes/publicar/{d.VacancyId}"),
        ["/empresas/salir"] = new(Company, null, "signing out is a POST; a GET only redirects"),
    };

    /// <summary>Every Razor page route with the authorization it declares.</summary>
    private List<(string Route, string? User)> MappedPages()
    {
        var pages = new List<(string, string?)>();
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is null) continue;
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            string? user = null;
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) user = Anonymous;
            else if (endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null) is { } policy)
                user = UserByPolicy.GetValueOrDefault(policy);
            if (!pages.Any(p => p.Item1 == route)) pages.Add((route, user));
        }
        return pages;
    }

    private const string TwoVersionsTemplate = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="http://vupecases.pe/test">
          <bpmn:process id="axe-dos-versiones" name="Dos versiones" isExecutable="true">
            <bpmn:startEvent id="inicio" />
            <bpmn:sequenceFlow id="f1" sourceRef="inicio" targetRef="paso" />
            <bpmn:userTask id="paso" name="NOMBRE" vupe:candidateGroups="=officeCode + &quot;-consultor&quot;" />
            <bpmn:sequenceFlow id="f2" sourceRef="paso" targetRef="fin" />
            <bpmn:endEvent id="fin" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A citizen with an open case and its first task, a vacancy, and a finished migration run, created through the API.</summary>
    private async Task<SampleData> CreateSampleDataAsync()
    {
        var consultant = await Factory.ClientForAsync("consultor.lim");
        var dni = (45_000_000 + Random.Shared.Next(1_000_000)).ToString(CultureInfo.InvariantCulture);
        var person = await (await consultant.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = dni,
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var partyId = person.GetProperty("id").GetGuid();
        var opened = await consultant.PostAsJsonAsync("/api/cases", new { partyId, procedure = "orientacion" });
        Assert.That((int)opened.StatusCode, Is.EqualTo(201), await opened.Content.ReadAsStringAsync());
        var openedCase = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var caseId = openedCase.GetProperty("id").GetGuid();
        var caseNumber = openedCase.GetProperty("caseNumber").GetString()!;
        var detail = await consultant.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var taskId = detail.GetProperty("tasks")[0].GetProperty("id").GetGuid();
        var instanceId = detail.GetProperty("instances")[0].GetProperty("id").GetGuid();
        var (company, companyRuc) = await JobBankRequests.CreateCompanyWithRucAsync(consultant, "Textiles Ayacuchanos SAC");
        var vacancyId = (await JobBankRequests.PostVacancyAsync(consultant, company, "Costurera", "7533", "150101")).GetProperty("id").GetGuid();

        var national = await Factory.ClientForAsync("supervisor.nacional");
        foreach (var name in new[] { "Revisar", "Revisar solicitud" })
        {
            var form = new MultipartFormDataContent();
            form.Add(new StringContent(TwoVersionsTemplate.Replace("NOMBRE", name, StringComparison.Ordinal), Encoding.UTF8), "files", "axe-dos-versiones.bpmn");
            (await national.PostAsync("/api/deployments", form)).EnsureSuccessStatusCode();
        }
        var started = await national.PostAsJsonAsync("/api/migrations", new { sourceDefinitionId = "axe-dos-versiones:1", targetDefinitionId = "axe-dos-versiones:2" });
        Assert.That((int)started.StatusCode, Is.EqualTo(202), await started.Content.ReadAsStringAsync());
        var migrationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return new SampleData(partyId, dni, caseId, caseNumber, instanceId, taskId, vacancyId, migrationId, companyRuc);
    }

    /// <summary>A phone first, then a small laptop: each page is loaded once and checked at both sizes.</summary>
    private static readonly (int Width, int Height)[] Viewports = [(390, 844), (1366, 800)];

    [Test]
    public async Task Every_page_meets_WCAG_2_1_AA_for_axe_on_a_phone_and_a_laptop()
    {
        var clock = Stopwatch.StartNew();
        var data = await CreateSampleDataAsync();
        var samples = Samples(data);
        var setUp = clock.Elapsed;
        var axeTime = TimeSpan.Zero;
        var walk = new List<(string Route, Sample Sample)>();
        var unreachable = new List<string>();
        foreach (var (route, user) in MappedPages())
        {
            if (samples.TryGetValue(route, out var sample)) walk.Add((route, sample));
            else if (user is not null && !route.Contains('{', StringComparison.Ordinal)) walk.Add((route, new Sample(user, route)));
            else unreachable.Add(route);
        }
        Assert.That(unreachable, Is.Empty, "pages the test cannot reach by their route alone: add a row to Samples with a URL and a role that may see the page");
        var stale = samples.Keys.Except(MappedPages().Select(p => p.Route)).ToList();
        Assert.That(stale, Is.Empty, "rows in Samples for routes the server no longer maps");

        // One browser profile per role, signed in once; the pages are walked in sequence.
        var pages = new Dictionary<string, IPage>(StringComparer.Ordinal);
        var failures = new StringBuilder();
        var notes = new StringBuilder();
        var options = new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            ResultTypes = [ResultType.Violations],
        };
        var checkedPages = 0;
        foreach (var (route, sample) in walk.OrderBy(w => w.Sample.User, StringComparer.Ordinal))
        {
            if (sample.Url is null)
            {
                TestContext.Out.WriteLine($"{route}: not checked ({sample.WhyNotChecked})");
                continue;
            }
            if (!pages.TryGetValue(sample.User, out var page))
            {
                page = await NewPageAsync();
                if (sample.User == Citizen) await PortalSignUp.SignUpAsync(page, Factory, data.Dni, "axe.ciudadano@example.pe");
                else if (sample.User == Company) await CompanySignUp.SignUpAsync(page, Factory, data.CompanyRuc, "Textiles Ayacuchanos SAC", "axe.empresa@example.pe");
                else if (sample.User != Anonymous)
                {
                    await page.GotoAsync("/ingresar");
                    await SignInAndLandAsync(page, sample.User);
                }
                pages[sample.User] = page;
            }
            await page.SetViewportSizeAsync(Viewports[0].Width, Viewports[0].Height);
            await page.GotoAsync(sample.Url);
            // The designers draw their diagrams and forms after the page loads, from what they fetch.
            if (sample.Url.StartsWith("/disenador", StringComparison.Ordinal)) await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (sample.User != Anonymous) Assert.That(page.Url, Does.Not.Contain("ingresar"), $"{sample.Url} as {sample.User} went to the sign-in page");
            foreach (var (width, height) in Viewports)
            {
                await page.SetViewportSizeAsync(width, height);
                var started = clock.Elapsed;
                var result = await page.RunAxe(options);
                axeTime += clock.Elapsed - started;
                foreach (var violation in result.Violations)
                {
                    var targets = string.Join(" | ", violation.Nodes.Take(4).Select(n => n.Target.ToString()));
                    var line = $"{sample.Url} as {sample.User} at {width}×{height}: [{violation.Impact}] {violation.Id} — {violation.Help} ({violation.Nodes.Length} elements: {targets})";
                    (violation.Impact is "serious" or "critical" ? failures : notes).AppendLine(line);
                }
            }
            checkedPages++;
        }
        TestContext.Out.WriteLine($"axe checked {checkedPages} pages at {string.Join(" and ", Viewports.Select(v => $"{v.Width}×{v.Height}"))} in {clock.Elapsed.TotalSeconds:0.0} s "
            + $"(records {setUp.TotalSeconds:0.0} s, axe itself {axeTime.TotalSeconds:0.0} s)");
        if (notes.Length > 0) TestContext.Out.WriteLine("moderate and minor findings:\n" + notes);
        Assert.That(failures.ToString(), Is.Empty, "serious or critical WCAG 2.1 AA violations");
    }
}
