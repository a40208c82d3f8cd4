using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>A supervisor walks the operations console: processes → instances → one instance suspended and resumed with reasons; incidents → retry.</summary>
public sealed class OperationsConsolePageTests : BrowserTestBase
{
    private static int _dni = 71_000_000 + Random.Shared.Next(1_000_000);

    private static string NewDni() => Interlocked.Increment(ref _dni).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(Guid CaseId, string CaseNumber)> OpenAsync(HttpClient api, string procedure)
    {
        var party = await (await api.PostAsJsonAsync("/api/parties/persons", new { documentType = "Dni", documentNumber = NewDni() })).Content.ReadFromJsonAsync<JsonElement>();
        var opened = await (await api.PostAsJsonAsync("/api/cases", new { partyId = party.GetProperty("id").GetGuid(), procedure })).Content.ReadFromJsonAsync<JsonElement>();
        return (opened.GetProperty("id").GetGuid(), opened.GetProperty("caseNumber").GetString()!);
    }

    [Test]
    public async Task A_supervisor_suspends_and_resumes_an_instance_with_reasons_and_retries_an_incident()
    {
        using var api = await Factory.ClientForAsync("consultor.lim");
        var (caseId, caseNumber) = await OpenAsync(api, "orientacion");
        var document = (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("variables").GetProperty("numeroDocumento").GetString();
        var (failingCase, failingNumber) = await OpenAsync(api, "incidencia");
        var taskId = (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{failingCase}")).GetProperty("tasks")[0].GetProperty("id").GetGuid();
        (await api.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { horas = "muchas" } })).EnsureSuccessStatusCode();

        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add(error);
        await Page.GotoAsync("/ingresar");
        await SignInAsync(Page, "supervisor.lim");
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Principal" }).GetByRole(AriaRole.Link, new() { Name = "Operaciones" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Consola de operaciones", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("trabajos-motor")).ToContainTextAsync("Temporizadores en espera");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Abrir el panel de Hangfire" })).ToHaveCountAsync(0); // administrators only

        // The latest orientacion version comes first among its versions; its instances filtered by the citizen's document.
        await Page.Locator("tr[data-testid^='definicion-orientacion-']").First.GetByRole(AriaRole.Link, new() { Name = "Ver instancias" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/operaciones/instancias\\?definicion="));
        await Page.GetByLabel("Variable").FillAsync($"numeroDocumento={document}");
        await Page.Locator("#filtrar").ClickAsync();
        await Expect(Page.GetByTestId("total")).ToHaveTextAsync("1 instancia.");
        await Page.GetByRole(AriaRole.Row).Filter(new() { HasText = caseNumber }).GetByRole(AriaRole.Link, new() { Name = "Abrir" }).ClickAsync();
        await Expect(Page.GetByTestId("estado")).ToHaveTextAsync("En curso");
        await Expect(Page.GetByTestId("actividades")).ToHaveTextAsync("entrevista");

        // Without a reason nothing happens, and the page says why; with one the process is suspended, then resumed.
        await Page.Locator("#suspender").ClickAsync();
        await Expect(Page.GetByTestId("errores")).ToContainTextAsync("Indique el motivo");
        await Expect(Page.GetByTestId("estado")).ToHaveTextAsync("En curso");
        await Page.Locator("#motivo-estado").FillAsync("Documento en revisión");
        await Page.Locator("#suspender").ClickAsync();
        await Expect(Page.GetByTestId("aviso")).ToHaveTextAsync("El proceso quedó suspendido.");
        await Expect(Page.GetByTestId("estado")).ToHaveTextAsync("Suspendido");
        await Page.Locator("#motivo-estado").FillAsync("Documento validado");
        await Page.Locator("#reanudar").ClickAsync();
        await Expect(Page.GetByTestId("aviso")).ToHaveTextAsync("El proceso se reanudó.");
        await Expect(Page.GetByTestId("estado")).ToHaveTextAsync("En curso");

        // Incidents: the failing case's own "Reintentar".
        await Page.GetByRole(AriaRole.Link, new() { Name = "Incidencias" }).ClickAsync();
        var row = Page.GetByTestId($"incidencia-{failingNumber}");
        await Expect(row).ToContainTextAsync("decidir");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Reintentar la incidencia de {failingNumber}" }).ClickAsync();
        await Expect(Page.GetByTestId("aviso")).ToHaveTextAsync("Se reintentó 1 incidencia.");

        using var auditor = await Factory.ClientForAsync("auditor");
        var trail = (await auditor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit")).EnumerateArray().ToList();
        var actions = trail.Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(actions, Does.Contain("process.suspended").And.Contain("process.resumed"));
        var suspended = JsonDocument.Parse(trail.Single(e => e.GetProperty("action").GetString() == "process.suspended").GetProperty("data").GetString()!).RootElement;
        Assert.That(suspended.GetProperty("reason").GetString(), Is.EqualTo("Documento en revisión"));
        var failingTrail = await auditor.GetFromJsonAsync<JsonElement>($"/api/cases/{failingCase}/audit");
        Assert.That(failingTrail.EnumerateArray().Select(e => e.GetProperty("action").GetString()), Does.Contain("incident.retried"));
        Assert.That(errors, Is.Empty, "no script error on the console's pages");
    }
}
