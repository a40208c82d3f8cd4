using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>The auditor's case search with paging, a citizen's history across offices, reassigning a task from its page, and saved inbox filters, in a real browser.</summary>
public sealed class CaseSearchPagesTests : BrowserTestBase
{
    private static int _dni = 46_000_000 + Random.Shared.Next(1_000_000);

    /// <summary>A person RENIEC's simulator knows under a name with accents.</summary>
    private async Task<(Guid Id, string Dni)> RegisterAsync(HttpClient client, string givenNames, string surname)
    {
        var dni = Interlocked.Increment(ref _dni).ToString(CultureInfo.InvariantCulture);
        KnownToReniec(dni, givenNames, surname, "", new DateOnly(1991, 3, 4));
        var response = await client.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = dni, givenNames, paternalSurname = surname, birthDate = "1991-03-04",
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        });
        response.EnsureSuccessStatusCode();
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), dni);
    }

    private static async Task<JsonElement> OpenAsync(HttpClient client, Guid partyId, string procedure = "orientacion")
    {
        var response = await client.PostAsJsonAsync("/api/cases", new { partyId, procedure });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Test]
    public async Task An_auditor_searches_by_a_name_without_accents_and_pages_through_the_results_keeping_the_filters()
    {
        var lima = await Factory.ClientForAsync("consultor.lim");
        var surname = "Ñaupari" + new string([.. Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(5)]);
        var (partyId, dni) = await RegisterAsync(lima, "José Ángel", surname);
        for (var i = 0; i < 26; i++) await OpenAsync(lima, partyId);

        await Page.GotoAsync("/expedientes");
        await SignInAsync(Page, "auditor");
        await Page.Locator("#nombre").FillAsync($"jose {surname.ToUpperInvariant().Replace('Ñ', 'N')}");
        await Page.Locator("#procedimiento").SelectOptionAsync(new SelectOptionValue { Label = "Orientación vocacional" });
        await Page.Locator("#estado").SelectOptionAsync(new SelectOptionValue { Label = "Abierto" });
        await Page.Locator("#buscar-expediente").ClickAsync();

        await Expect(Page.GetByTestId("total")).ToHaveTextAsync("26 expediente(s)");
        var rows = Page.Locator("table[aria-label='Expedientes encontrados'] tbody tr");
        await Expect(rows).ToHaveCountAsync(25);
        await Expect(rows.First).ToContainTextAsync($"José Ángel {surname}");
        await Expect(rows.First).ToContainTextAsync(dni);
        await Expect(rows.First).ToContainTextAsync("Orientación vocacional");
        await Expect(rows.First).ToContainTextAsync("Abierto");
        await Expect(Page.Locator("nav.pager")).ToContainTextAsync("Página 1 de 2");

        await Page.Locator("#siguiente").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("pagina=2"));
        await Expect(Page).ToHaveURLAsync(new Regex("procedimiento=orientacion"));
        await Expect(Page).ToHaveURLAsync(new Regex("estado=Open"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(Page.Locator("#nombre")).ToHaveValueAsync($"jose {surname.ToUpperInvariant().Replace('Ñ', 'N')}");
        await Page.Locator("#anterior").ClickAsync();
        await Expect(rows).ToHaveCountAsync(25);

        // Oldest first: the first case opened heads the list.
        await Page.Locator("#orden").SelectOptionAsync("Oldest");
        await Page.Locator("#buscar-expediente").ClickAsync();
        var oldest = (await (await Factory.ClientForAsync("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases?partyId={partyId}&sort=oldest&pageSize=1"))
            .GetProperty("items")[0].GetProperty("caseNumber").GetString()!;
        await Expect(rows.First).ToContainTextAsync(oldest);

        // A criterion the search refuses is explained in Spanish next to the form.
        await Page.Locator("#nombre").FillAsync("a");
        await Page.Locator("#buscar-expediente").ClickAsync();
        await Expect(Page.GetByTestId("errores")).ToContainTextAsync("al menos tres letras");
    }

    [Test]
    public async Task A_citizens_history_from_a_case_lists_every_office_for_the_auditor_and_only_Lima_for_Limas_supervisor()
    {
        var lima = await Factory.ClientForAsync("consultor.lim");
        var (partyId, _) = await RegisterAsync(lima, "Rosa", "Huamán");
        var limaCase = await OpenAsync(lima, partyId);
        var cuscoCase = await OpenAsync(await Factory.ClientForAsync("consultor.cus"), partyId);

        await Page.GotoAsync($"/expedientes/{limaCase.GetProperty("id").GetGuid()}");
        await SignInAsync(Page, "auditor");
        await Page.Locator("#historial-ciudadano").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Historial de Rosa Huamán");
        var rows = Page.Locator("table[aria-label='Expedientes del ciudadano'] tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(Page.Locator("table[aria-label='Expedientes del ciudadano']")).ToContainTextAsync(cuscoCase.GetProperty("caseNumber").GetString()!);

        var supervisor = await NewPageAsync();
        await supervisor.GotoAsync($"/expedientes/ciudadano/{partyId}");
        await SignInAsync(supervisor, "supervisor.lim");
        var limaRows = supervisor.Locator("table[aria-label='Expedientes del ciudadano'] tbody tr");
        await Expect(limaRows).ToHaveCountAsync(1);
        await Expect(limaRows.First).ToContainTextAsync(limaCase.GetProperty("caseNumber").GetString()!);
    }

    [Test]
    public async Task A_supervisor_reassigns_a_task_from_its_page_and_the_new_holder_delegates_it_to_a_colleague()
    {
        var lima = await Factory.ClientForAsync("consultor.lim");
        var (partyId, _) = await RegisterAsync(lima, "Luis", "Mamani");
        var caseId = (await OpenAsync(lima, partyId)).GetProperty("id").GetGuid();
        var taskId = (await lima.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("tasks")[0].GetProperty("id").GetGuid();

        await Page.GotoAsync($"/tareas/{taskId}");
        await SignInAsync(Page, "supervisor.lim");
        await Expect(Page.GetByTestId("procedimiento")).ToHaveTextAsync("Orientación vocacional");
        await Expect(Page.GetByTestId("prioridad")).ToHaveTextAsync("Media");
        await Page.GetByLabel("Reasignar a").SelectOptionAsync("consultor2.lim");
        await Page.Locator("#asignar").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tarea asignada a consultor2.lim");
        await Expect(Page.GetByTestId("responsable")).ToHaveTextAsync("consultor2.lim");

        var colleague = await NewPageAsync();
        await colleague.GotoAsync($"/tareas/{taskId}");
        await SignInAsync(colleague, "consultor2.lim");
        await colleague.GetByLabel("Delegar a un colega").SelectOptionAsync("consultor.lim");
        await colleague.Locator("#asignar").ClickAsync();
        await Expect(colleague.GetByTestId("responsable")).ToHaveTextAsync("consultor.lim");
        // No longer theirs: nothing left to delegate.
        await Expect(colleague.Locator("#asignar")).ToHaveCountAsync(0);

        var trail = await (await Factory.ClientForAsync("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        Assert.That(trail.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "task.assigned"), Is.EqualTo(2), "both changes audited");
    }

    [Test]
    public async Task A_consultant_saves_the_inbox_filters_under_a_name_applies_them_later_and_deletes_them()
    {
        await Page.GotoAsync("/bandeja?vista=Office&urgentes=true&orden=Priority");
        await SignInAsync(Page, "consultor.lim");
        await Page.Locator("#nombre-filtro").FillAsync("Urgentes de la oficina");
        await Page.Locator("#guardar-filtro").ClickAsync();
        await Expect(Page.Locator("div.alert.info")).ToContainTextAsync("Filtro «Urgentes de la oficina» guardado.");

        await Page.GotoAsync("/bandeja");
        await Expect(Page.Locator("input[name='urgentes']")).Not.ToBeCheckedAsync();
        await Page.GetByTestId("filtros-guardados").GetByRole(AriaRole.Link, new() { Name = "Urgentes de la oficina" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("vista=Office"));
        await Expect(Page.Locator("input[name='urgentes']")).ToBeCheckedAsync();
        await Expect(Page.Locator("select[name='orden']")).ToHaveValueAsync("Priority");

        // Another user does not see it.
        var other = await NewPageAsync();
        await other.GotoAsync("/bandeja");
        await SignInAsync(other, "consultor2.lim");
        await Expect(other.GetByTestId("filtros-guardados")).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Borrar el filtro Urgentes de la oficina" }).ClickAsync();
        await Expect(Page.Locator("div.alert.info")).ToContainTextAsync("borrado");
        await Expect(Page.GetByTestId("filtros-guardados")).ToHaveCountAsync(0);
    }
}
