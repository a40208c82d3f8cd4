using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// The modeler's file import, live validation and drafts in a real browser: every BPMN MIWG reference file opens
/// through "Importar .bpmn" without a script error and with the engine's problems on their elements and in the list;
/// a file without a diagram gets one; a bpmnlint error shows on its element and keeps "Desplegar" disabled; drafts
/// are saved, listed, reopened, protected against a concurrent save and discarded.
/// </summary>
public sealed class ModelerImportTests : BrowserTestBase
{
    private static readonly string MiwgFolder = Path.Combine(AppContext.BaseDirectory, "Conformance", "miwg");

    private async Task<List<string>> OpenModelerAsync(string userName, string path = "/disenador/proceso")
    {
        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add($"pageerror: {error}");
        // The browser asks for /favicon.ico on its own; that 404 is not the modeler's.
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Location.Contains("favicon", StringComparison.Ordinal)) errors.Add($"console: {message.Text} ({message.Location})");
        };
        await Page.GotoAsync(path);
        await SignInAsync(Page, userName);
        await Expect(Page.Locator(".vupe-modeler[data-ready='true']")).ToBeVisibleAsync();
        return errors;
    }

    /// <summary>Imports the file through the page's file input and waits until bpmnlint and the engine answered for it.</summary>
    private async Task ImportAsync(string name, string content)
    {
        await Page.Locator("input[data-action='importar-archivo']").SetInputFilesAsync(new FilePayload
        {
            Name = name, MimeType = "application/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(content),
        });
        await Expect(Page.Locator(".vupe-modeler-status")).ToContainTextAsync($"Se importó {name}");
        await SettledAsync();
    }

    private async Task SettledAsync() =>
        await Page.WaitForFunctionAsync("() => { const r = document.querySelector('.vupe-modeler'); return r.dataset.revision && r.dataset.validatedRevision === r.dataset.revision; }");

    public static IEnumerable<string> MiwgFiles() =>
        Directory.GetFiles(MiwgFolder, "*.bpmn").Select(Path.GetFileName).Order().Cast<string>();

    [Test]
    public async Task Every_MIWG_file_imports_and_shows_the_engines_problems_on_its_elements()
    {
        var errors = await OpenModelerAsync("supervisor.nacional");
        var api = await Factory.ClientForAsync("supervisor.nacional");
        var files = MiwgFiles().ToList();
        Assert.That(files, Has.Count.GreaterThanOrEqualTo(20));
        var withProblems = 0;
        foreach (var file in files)
        {
            var content = await File.ReadAllTextAsync(Path.Combine(MiwgFolder, file));
            await ImportAsync(file, content);
            var shapes = await Page.Locator(".djs-shape").CountAsync();

            // What the engine says about the drawing made executable, as the modeler does on import.
            var form = new MultipartFormDataContent();
            // The modeler marks the processes executable only when none is (see modeler/import.js).
            var executable = content.Contains("isExecutable=\"true\"", StringComparison.Ordinal) ? content : content.Replace("isExecutable=\"false\"", "isExecutable=\"true\"", StringComparison.Ordinal);
            form.Add(new StringContent(executable, System.Text.Encoding.UTF8), "files", file);
            var expected = (await (await api.PostAsync("/api/deployments/validate", form)).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("elementId").GetString() ?? "").ToHashSet();
            var listed = (await Page.Locator(".vupe-modeler-errors li[data-source='motor']").EvaluateAllAsync<string[]>(
                "items => items.map(i => i.dataset.elementId)")).ToHashSet();
            // Each engine problem whose element is drawn: a red marker on the element (or on its process's participant).
            var unmarked = await Page.EvaluateAsync<string[]>("""
                ids => ids.filter(id => {
                  const shape = document.querySelector(`.djs-element[data-element-id="${CSS.escape(id)}"]`);
                  return shape && !shape.classList.contains('vupe-error');
                })
                """, listed.ToArray());
            if (listed.Count > 0) withProblems++;
            Assert.Multiple(() =>
            {
                Assert.That(shapes, Is.GreaterThan(2), $"{file}: shapes drawn");
                Assert.That(errors, Is.Empty, $"{file}: no script error");
                Assert.That(listed, Is.EquivalentTo(expected), $"{file}: the engine's problems are listed (listed: {string.Join(", ", listed)})");
                Assert.That(unmarked, Is.Empty, $"{file}: problems are marked on their elements");
            });
        }
        Assert.That(withProblems, Is.GreaterThan(10), "most MIWG files use elements the engine refuses: their problems show");
        await Expect(Page.Locator(".djs-element.vupe-error").First).ToBeVisibleAsync();
    }

    [Test]
    public async Task A_process_without_a_diagram_gets_one_laid_out()
    {
        var errors = await OpenModelerAsync("supervisor.nacional");
        const string noDiagram = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="http://vupecases.pe/test">
              <bpmn:process id="sin-diagrama" name="Sin diagrama" isExecutable="true">
                <bpmn:startEvent id="inicio" name="Inicio" />
                <bpmn:sequenceFlow id="f1" sourceRef="inicio" targetRef="revisar" />
                <bpmn:userTask id="revisar" name="Revisar" vupe:candidateGroups="=officeCode + &quot;-consultor&quot;" />
                <bpmn:sequenceFlow id="f2" sourceRef="revisar" targetRef="fin" />
                <bpmn:endEvent id="fin" name="Fin" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        await ImportAsync("sin-diagrama.bpmn", noDiagram);
        await Expect(Page.Locator(".vupe-modeler-status")).ToContainTextAsync("El archivo no traía diagrama; se generó uno automáticamente.");
        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var id in new[] { "inicio", "revisar", "fin" })
        {
            var shape = Page.Locator($".djs-shape[data-element-id='{id}']");
            await Expect(shape).ToBeVisibleAsync();
            boxes.Add((await shape.BoundingBoxAsync())!);
        }
        await Expect(Page.Locator(".djs-connection[data-element-id='f1'] path")).Not.ToHaveCountAsync(0);
        Assert.That(boxes.Select(b => b.X).Distinct().Count(), Is.EqualTo(3), "laid out side by side, not piled up");
        Assert.That(boxes[0].X, Is.LessThan(boxes[1].X).And.LessThan(boxes[2].X), "left to right along the flow");
        await Expect(Page.Locator(".vupe-modeler-errors li")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Desplegar" })).ToBeEnabledAsync();
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task A_lint_error_shows_on_its_element_and_keeps_deploy_disabled_until_fixed()
    {
        var errors = await OpenModelerAsync("supervisor.nacional");
        const string dangling = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="http://vupecases.pe/test">
              <bpmn:process id="tarea-suelta" name="Tarea suelta" isExecutable="true">
                <bpmn:startEvent id="inicio" name="Inicio" />
                <bpmn:sequenceFlow id="f1" sourceRef="inicio" targetRef="revisar" />
                <bpmn:userTask id="revisar" name="Revisar" vupe:candidateGroups="=officeCode + &quot;-consultor&quot;" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        await ImportAsync("tarea-suelta.bpmn", dangling);
        var deploy = Page.GetByRole(AriaRole.Button, new() { Name = "Desplegar" });
        await Expect(Page.Locator(".djs-overlays[data-container-id='revisar'] .bjsl-icon-error")).ToBeVisibleAsync();
        var item = Page.Locator(".vupe-modeler-errors li[data-source='bpmnlint'][data-rule='no-implicit-end'][data-element-id='revisar']");
        await Expect(item).ToContainTextAsync("bpmnlint");
        await Expect(item).ToContainTextAsync("El elemento termina el camino sin un evento de fin.");
        await Expect(Page.Locator(".vupe-modeler-errors li[data-rule='end-event-required']")).ToHaveCountAsync(1);
        await Expect(deploy).ToBeDisabledAsync();
        await Expect(Page.Locator(".vupe-deploy-reason")).ToContainTextAsync("No se puede desplegar");

        // Fixed with the modeler's own tools: append an end event to the task from its context pad.
        await Page.Locator(".djs-element[data-element-id='revisar']").ClickAsync();
        await Page.Locator(".djs-context-pad [data-action='append.end-event']").ClickAsync();
        await SettledAsync();
        await Expect(Page.Locator(".vupe-modeler-errors li[data-source='bpmnlint'][data-severity='error']")).ToHaveCountAsync(0);
        await Expect(Page.Locator(".djs-overlays[data-container-id='revisar'] .bjsl-icon-error")).ToHaveCountAsync(0);
        await Expect(deploy).ToBeEnabledAsync();
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task An_engine_problem_shows_live_tagged_motor_and_disables_deploy()
    {
        var errors = await OpenModelerAsync("supervisor.nacional");
        const string broken = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="http://vupecases.pe/test">
              <bpmn:process id="expresion-rota" name="Expresión rota" isExecutable="true">
                <bpmn:startEvent id="inicio" name="Inicio" />
                <bpmn:sequenceFlow id="f1" sourceRef="inicio" targetRef="revisar" />
                <bpmn:userTask id="revisar" name="Revisar" vupe:candidateGroups="=officeCode +" />
                <bpmn:sequenceFlow id="f2" sourceRef="revisar" targetRef="fin" />
                <bpmn:endEvent id="fin" name="Fin" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        await ImportAsync("expresion-rota.bpmn", broken);
        var item = Page.Locator(".vupe-modeler-errors li[data-source='motor'][data-element-id='revisar']");
        await Expect(item).ToContainTextAsync("motor");
        await Expect(Page.Locator(".djs-element.vupe-error[data-element-id='revisar']")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Desplegar" })).ToBeDisabledAsync();
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task A_national_supervisor_deploys_a_saved_draft_which_then_disappears()
    {
        var errors = await OpenModelerAsync("supervisor.nacional");
        var process = StartToEnd("borrador-desplegado", "Borrador desplegado");
        await ImportAsync("borrador-desplegado.bpmn", process);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Guardar borrador" }).ClickAsync();
        await Expect(Page.Locator(".vupe-modeler-status")).ToContainTextAsync("Borrador «borrador-desplegado» guardado");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Desplegar" }).ClickAsync();
        await Expect(Page.Locator(".vupe-modeler-status")).ToContainTextAsync("borrador-desplegado versión 1");
        await Expect(Page).Not.ToHaveURLAsync(new Regex("borrador="));

        var api = await Factory.ClientForAsync("supervisor.nacional");
        Assert.That((await api.GetAsync("/api/drafts/borrador-desplegado")).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound), "a deployed draft is removed");
        var definitions = await api.GetFromJsonAsync<JsonElement>("/api/process-definitions?key=borrador-desplegado");
        Assert.That(definitions.EnumerateArray().Select(d => d.GetProperty("version").GetInt32()), Is.EqualTo(new[] { 1 }));
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task An_office_supervisor_saves_a_draft_reopens_it_from_the_designer_meets_a_concurrent_save_and_discards_it()
    {
        var errors = await OpenModelerAsync("supervisor.lim");
        var process = StartToEnd("borrador-ui", "Borrador UI");
        await ImportAsync("borrador-ui.bpmn", process);
        var save = Page.GetByRole(AriaRole.Button, new() { Name = "Guardar borrador" });
        await save.ClickAsync();
        await Expect(Page.Locator(".vupe-modeler-status")).ToContainTextAsync("Borrador «borrador-ui» guardado");
        await Expect(Page).ToHaveURLAsync(new Regex("borrador=borrador-ui"));

        await Page.GotoAsync("/disenador");
        var row = Page.Locator("tr[data-draft-key='borrador-ui']");
        await Expect(row).ToContainTextAsync("supervisor.lim");
        await row.GetByRole(AriaRole.Link, new() { Name = "Abrir" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Borrador borrador-ui" })).ToBeVisibleAsync();
        await Expect(Page.Locator(".vupe-modeler[data-ready='true']")).ToBeVisibleAsync();
        await Expect(Page.Locator(".djs-shape[data-element-id='fin']")).ToBeVisibleAsync();
        await Expect(Page.Locator(".vupe-modeler-status")).ToContainTextAsync("guardado por supervisor.lim");

        // Someone else saves the same draft meanwhile: this page's save is refused, nothing is overwritten.
        var other = await Factory.ClientForAsync("supervisor.lim");
        var current = await other.GetFromJsonAsync<JsonElement>("/api/drafts/borrador-ui");
        (await other.PutAsJsonAsync("/api/drafts/borrador-ui", new
        {
            fileName = "borrador-ui.bpmn", content = current.GetProperty("content").GetString(), version = current.GetProperty("version").GetInt64(),
        })).EnsureSuccessStatusCode();
        await save.ClickAsync();
        await Expect(Page.Locator(".vupe-modeler-status [role='alert']")).ToContainTextAsync("Otra persona guardó el borrador «borrador-ui»");
        var after = await other.GetFromJsonAsync<JsonElement>("/api/drafts/borrador-ui");
        Assert.That(after.GetProperty("version").GetInt64(), Is.EqualTo(current.GetProperty("version").GetInt64() + 1));

        await Page.GotoAsync("/disenador");
        await Page.Locator("tr[data-draft-key='borrador-ui']").GetByRole(AriaRole.Button, new() { Name = "Descartar el borrador borrador-ui" }).ClickAsync();
        await Expect(Page.Locator("tr[data-draft-key='borrador-ui']")).ToHaveCountAsync(0);
        Assert.That((await other.GetAsync("/api/drafts/borrador-ui")).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
        Assert.That(errors.Where(e => !e.Contains("409", StringComparison.Ordinal)), Is.Empty);
    }

    /// <summary>A one-step procedure (start → end) without a diagram, as a draft's first content.</summary>
    private static string StartToEnd(string key, string name) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://vupecases.pe/test">
          <bpmn:process id="{{key}}" name="{{name}}" isExecutable="true">
            <bpmn:startEvent id="inicio" name="Inicio" />
            <bpmn:sequenceFlow id="f1" sourceRef="inicio" targetRef="fin" />
            <bpmn:endEvent id="fin" name="Fin" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
