using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// The form editor in a real browser: a national supervisor opens a catalogue form from the designer, sees its fields
/// in the editor and in the live preview, adds a text field from the palette, sees the preview follow, and deploys a
/// new version that the API then serves; a new form takes the key the user types and shows the engine's problems on
/// its field; an office supervisor edits and validates but has no "Desplegar".
/// </summary>
public sealed class FormEditorTests : BrowserTestBase
{
    // The palette's keyboard path (Enter on an entry) adds the field at the end, as dragging it there would; the
    // field's properties are then set through the editor's modeling API, which the properties panel also calls.
    private const string EditTextField = """
        (attributes) => {
          const editor = document.querySelector('.vupe-form-editor').formEditor;
          const field = editor.get('formFieldRegistry').getAll().find(f => f.type === 'textfield');
          editor.get('modeling').editFormField(field, attributes);
          return field.id;
        }
        """;

    [Test]
    public async Task A_national_supervisor_adds_a_field_sees_it_in_the_preview_and_deploys_a_new_version()
    {
        await Page.GotoAsync("/disenador");
        await SignInAsync(Page, "supervisor.nacional");
        var row = Page.Locator("tr[data-form-key='cl-asistencia']");
        await Expect(row).ToContainTextAsync("v1");
        await row.GetByRole(AriaRole.Link, new() { Name = "Abrir" }).ClickAsync();
        await Expect(Page.Locator(".vupe-form-editor[data-ready='true']")).ToBeVisibleAsync();

        var canvas = Page.Locator(".vupe-form-editor-canvas .fjs-form-container");
        var preview = Page.Locator(".vupe-form-preview");
        var status = Page.Locator(".vupe-form-editor-status");
        await Expect(canvas).ToContainTextAsync("Horas cursadas");
        await Expect(preview.GetByLabel("Horas cursadas")).ToBeVisibleAsync();
        await Expect(Page.Locator(".fjs-palette")).ToContainTextAsync("Campo de texto");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Desplegar" }).ClickAsync();
        await Expect(status).ToContainTextAsync("No hubo cambios");

        await Page.Locator(".fjs-palette-field[data-field-type='textfield']").PressAsync("Enter");
        await Expect(preview.GetByLabel("Campo de texto")).ToBeVisibleAsync();
        var added = await Page.EvaluateAsync<string>(EditTextField, new { label = "Tutor del curso", key = "tutorCurso" });
        await Expect(preview.GetByLabel("Tutor del curso")).ToBeVisibleAsync();
        await Expect(canvas.Locator($".fjs-element[data-id='{added}']")).ToContainTextAsync("Tutor del curso");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Validar" }).ClickAsync();
        await Expect(status).ToContainTextAsync("no tiene errores");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Desplegar" }).ClickAsync();
        await Expect(status).ToContainTextAsync("cl-asistencia versión 2");

        var client = await Factory.ClientForAsync("supervisor.nacional");
        var schema = await client.GetFromJsonAsync<JsonElement>("/api/forms/cl-asistencia");
        var field = schema.GetProperty("components").EnumerateArray().Single(c => c.TryGetProperty("key", out var k) && k.GetString() == "tutorCurso");
        Assert.That(field.GetProperty("label").GetString(), Is.EqualTo("Tutor del curso"));
        Assert.That(field.GetProperty("type").GetString(), Is.EqualTo("textfield"));
        var forms = await client.GetFromJsonAsync<JsonElement>("/api/forms");
        var versions = forms.EnumerateArray().Single(f => f.GetProperty("key").GetString() == "cl-asistencia").GetProperty("versions");
        Assert.That(versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()), Is.EqualTo(new[] { 1, 2 }));

        await Page.GotoAsync("/disenador");
        await Expect(Page.Locator("tr[data-form-key='cl-asistencia']")).ToContainTextAsync("v1, v2");
    }

    [Test]
    public async Task A_new_form_takes_the_typed_key_shows_the_engine_s_problems_on_its_field_and_deploys_as_version_1()
    {
        await Page.GotoAsync("/disenador/formulario");
        await SignInAsync(Page, "supervisor.nacional");
        await Expect(Page.Locator(".vupe-form-editor[data-ready='true']")).ToBeVisibleAsync();
        var status = Page.Locator(".vupe-form-editor-status");
        var key = Page.GetByLabel("Clave del formulario");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Validar" }).ClickAsync();
        await Expect(status).ToContainTextAsync("Escriba la clave del formulario");
        await key.FillAsync("encuesta satisfaccion");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Validar" }).ClickAsync();
        await Expect(status).ToContainTextAsync("sin espacios");
        await key.FillAsync("encuesta-satisfaccion");

        await Page.Locator(".fjs-palette-field[data-field-type='textfield']").PressAsync("Enter");
        var preview = Page.Locator(".vupe-form-preview");
        await Expect(preview.GetByLabel("Campo de texto")).ToBeVisibleAsync();
        var id = await Page.EvaluateAsync<string>(EditTextField, new { label = "Comentario", key = "comentario", validate = new { pattern = "(" } });
        await Expect(preview.GetByLabel("Comentario")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Validar" }).ClickAsync();
        await Expect(status).ToContainTextAsync("tiene 1 error");
        await Expect(Page.Locator($".vupe-form-editor-errors li[data-element-id='{id}']")).ToContainTextAsync("validate.pattern");
        await Expect(Page.Locator($".fjs-element.vupe-form-field-invalid[data-id='{id}']")).ToBeVisibleAsync();

        await Page.EvaluateAsync<string>(EditTextField, new { validate = new { maxLength = 200 } });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Desplegar" }).ClickAsync();
        await Expect(status).ToContainTextAsync("encuesta-satisfaccion versión 1");
        await Expect(Page.Locator(".vupe-form-editor-errors li")).ToHaveCountAsync(0);

        var schema = await (await Factory.ClientForAsync("supervisor.nacional")).GetFromJsonAsync<JsonElement>("/api/forms/encuesta-satisfaccion");
        Assert.That(schema.GetProperty("id").GetString(), Is.EqualTo("encuesta-satisfaccion"), "a new form's id is its key, as in the catalogue");
        var field = schema.GetProperty("components")[0];
        Assert.That(field.GetProperty("key").GetString(), Is.EqualTo("comentario"));
        Assert.That(field.GetProperty("validate").GetProperty("maxLength").GetInt32(), Is.EqualTo(200));
    }

    [Test]
    public async Task A_local_form_file_is_imported_into_a_new_form_and_its_name_gives_the_key()
    {
        await Page.GotoAsync("/disenador/formulario");
        await SignInAsync(Page, "supervisor.lim");
        await Expect(Page.Locator(".vupe-form-editor[data-ready='true']")).ToBeVisibleAsync();
        var file = """{ "type": "default", "id": "taller", "components": [ { "id": "Field_asistentes", "type": "number", "key": "asistentes", "label": "Número de asistentes" } ] }""";
        await Page.Locator(".vupe-form-editor input[type='file']").SetInputFilesAsync(new FilePayload
        {
            Name = "taller-empresas.form.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(file),
        });
        await Expect(Page.Locator(".vupe-form-editor-status")).ToContainTextAsync("Se importó taller-empresas.form.json");
        await Expect(Page.GetByLabel("Clave del formulario")).ToHaveValueAsync("taller-empresas");
        await Expect(Page.Locator(".vupe-form-preview").GetByLabel("Número de asistentes")).ToBeVisibleAsync();

        await Page.Locator(".vupe-form-editor input[type='file']").SetInputFilesAsync(new FilePayload
        {
            Name = "roto.form.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes("{ roto"),
        });
        await Expect(Page.Locator(".vupe-form-editor-status")).ToContainTextAsync("no contiene JSON válido");
        await Expect(Page.Locator(".vupe-form-preview").GetByLabel("Número de asistentes")).ToBeVisibleAsync();
    }

    [Test]
    public async Task An_office_supervisor_edits_and_validates_a_form_but_cannot_deploy()
    {
        await Page.GotoAsync("/disenador/formulario?clave=ce-asistencia");
        await SignInAsync(Page, "supervisor.lim");
        await Expect(Page.Locator(".vupe-form-editor[data-ready='true']")).ToBeVisibleAsync();
        await Expect(Page.Locator(".vupe-form-preview .fjs-form-field").First).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Validar" }).ClickAsync();
        await Expect(Page.Locator(".vupe-form-editor-status")).ToContainTextAsync("no tiene errores");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Desplegar" })).ToHaveCountAsync(0);
        await Expect(Page.GetByText("despliegan los supervisores nacionales")).ToBeVisibleAsync();
    }
}
