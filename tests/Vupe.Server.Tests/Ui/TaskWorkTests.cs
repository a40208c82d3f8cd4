using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>The inbox and the task form in a real browser: take a task in one click, fill its form-js form, upload the documents it requires.</summary>
public sealed class TaskWorkTests : BrowserTestBase
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static int _dni = 71_000_000 + Random.Shared.Next(1_000_000);

    /// <summary>A case of a test procedure opened through the API, as another desk would.</summary>
    private async Task<(Guid Id, string Number)> OpenCaseAsync(string procedure)
    {
        using var api = await Factory.ClientForAsync("consultor2.lim");
        var dni = Interlocked.Increment(ref _dni).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var party = await api.PostAsJsonAsync("/api/parties/persons", new { documentType = "Dni", documentNumber = dni });
        var partyId = (await party.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var opened = await (await api.PostAsJsonAsync("/api/cases", new { partyId, procedure })).Content.ReadFromJsonAsync<JsonElement>();
        return (opened.GetProperty("id").GetGuid(), opened.GetProperty("caseNumber").GetString()!);
    }

    [Test]
    public async Task A_consultant_takes_a_task_from_the_inbox_and_completes_its_form_with_errors_shown_next_to_the_field()
    {
        var (caseId, caseNumber) = await OpenCaseAsync("orientacion");
        await Page.GotoAsync("/bandeja?vista=Available");
        await SignInAsync(Page, "consultor.lim");
        var row = Page.Locator("tr", new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = caseNumber }) });
        await row.GetByRole(AriaRole.Button, new() { Name = "Tomar" }).ClickAsync();
        await Expect(Page.GetByText("Tarea tomada")).ToBeVisibleAsync();

        await Page.GotoAsync("/bandeja?vista=Mine");
        await Page.Locator("tr", new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = caseNumber }) }).GetByRole(AriaRole.Link, new() { Name = "Entrevista de orientación" }).ClickAsync();
        await Expect(Page.GetByTestId("responsable")).ToHaveTextAsync("consultor.lim");

        // The form-js form: an answer past the field's limit is refused by the server and the message sits next to the field.
        var field = Page.GetByLabel("Área de interés");
        await field.FillAsync(new string('x', 101));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Completar" }).ClickAsync();
        await Expect(Page.Locator(".vupe-task-form")).ToContainTextAsync("100");
        await Expect(field).ToHaveValueAsync(new string('x', 101));

        await field.FillAsync("Gastronomía");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Completar" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/expedientes/{caseId}$"));
        await Expect(Page.GetByTestId("historial")).ToContainTextAsync("completó la tarea");
        await Expect(Page.GetByTestId("historial")).ToContainTextAsync("Ana Quispe Mamani (consultor.lim) completó la tarea");
        // The answer under the form's own question; the raw variables stay behind a toggle.
        var answer = Page.GetByTestId("respuestas").Locator("div", new() { Has = Page.Locator("dt", new() { HasText = "Área de interés" }) });
        await Expect(answer.Locator("dd")).ToHaveTextAsync("Gastronomía");
        await Expect(Page.GetByTestId("variables")).ToBeHiddenAsync();
        await Page.GetByText("Ver los datos técnicos (JSON)").ClickAsync();
        await Expect(Page.GetByTestId("variables")).ToContainTextAsync("Gastronomía");
    }

    /// <summary>Sends the upload form and waits for the reload that follows a successful upload.</summary>
    private async Task UploadAsync()
    {
        var response = await Page.RunAndWaitForResponseAsync(() => Page.Locator("form.vupe-upload button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/documents", StringComparison.Ordinal));
        Assert.That(response.Status, Is.EqualTo(201), "the upload is accepted");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    [Test]
    public async Task Required_documents_are_uploaded_from_the_task_page_before_it_can_be_completed()
    {
        var (caseId, _) = await OpenCaseAsync("requisitos");
        using (var api = await Factory.ClientForAsync("consultor.lim"))
        {
            var task = (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("tasks")[0].GetProperty("id").GetGuid();
            (await api.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            await Page.GotoAsync($"/tareas/{task}");
        }
        await SignInAsync(Page, "consultor.lim");
        var complete = Page.GetByRole(AriaRole.Button, new() { Name = "Completar" });
        await Expect(complete).ToBeVisibleAsync();

        // A file of a type the kind does not allow is refused before it is sent.
        await Page.Locator("form.vupe-upload select[name=kind]").SelectOptionAsync("dni-copia");
        await Page.Locator("form.vupe-upload input[type=file]").SetInputFilesAsync(new FilePayload { Name = "dni.txt", MimeType = "text/plain", Buffer = "hola"u8.ToArray() });
        await Page.Locator("form.vupe-upload button[type=submit]").ClickAsync();
        await Expect(Page.Locator("form.vupe-upload")).ToContainTextAsync("no permitido");

        await Page.Locator("form.vupe-upload input[type=file]").SetInputFilesAsync(new FilePayload { Name = "dni.png", MimeType = "image/png", Buffer = Png });
        // After an upload the page reloads, so the form's list of required documents is current.
        await UploadAsync();

        // The CV is still missing: completing says so and nothing is completed.
        await complete.ClickAsync();
        await Expect(Page.Locator(".vupe-task-form")).ToContainTextAsync("Currículum vitae");
        await Page.Locator("form.vupe-upload select[name=kind]").SelectOptionAsync("cv");
        await Page.Locator("form.vupe-upload input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "cv.pdf", MimeType = "application/pdf", Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        });
        await UploadAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Completar" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/expedientes/{caseId}$"));
        await Expect(Page.Locator("#documentos")).ToContainTextAsync("Currículum vitae");
        await Expect(Page.Locator("#documentos")).ToContainTextAsync("Copia del DNI");
    }

    [Test]
    public async Task The_inbox_list_refreshes_itself_and_a_task_is_taken_with_the_keyboard()
    {
        await Page.GotoAsync("/bandeja?vista=Available");
        await SignInAsync(Page, "consultor.lim");
        await Expect(Page.Locator(".vupe-live")).ToBeVisibleAsync();

        // Another desk opens a case; its task appears in this list without a reload (the list refreshes every 15 s).
        var marker = await Page.EvaluateAsync<string>("() => { window.__sameDocument = 'yes'; return window.__sameDocument; }");
        var (_, caseNumber) = await OpenCaseAsync("orientacion");
        var row = Page.Locator("tr", new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = caseNumber }) });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.That(await Page.EvaluateAsync<string>("() => window.__sameDocument"), Is.EqualTo(marker), "the page was not reloaded");

        await row.GetByRole(AriaRole.Button, new() { Name = "Tomar" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByText("Tarea tomada")).ToBeVisibleAsync();
    }
}
