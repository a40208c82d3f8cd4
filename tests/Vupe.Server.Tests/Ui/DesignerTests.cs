using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// The supervisor's designer in a real browser: open a deployed procedure in the BPMN modeler, edit a task in the
/// properties panel, see the engine's own validation on the element, fix it and deploy a new version that new cases use.
/// </summary>
public sealed class DesignerTests : BrowserTestBase
{
    [Test]
    public async Task A_national_supervisor_edits_a_task_sees_a_broken_expression_on_it_and_deploys_a_new_version()
    {
        await Page.GotoAsync("/disenador");
        await SignInAsync(Page, "supervisor.nacional");
        var row = Page.Locator("tr[data-key='derivacion-servicio']");
        await Expect(row).ToContainTextAsync("v1");
        await row.GetByRole(AriaRole.Link, new() { Name = "Abrir" }).ClickAsync();
        await Expect(Page.Locator(".vupe-modeler[data-ready='true']")).ToBeVisibleAsync();

        await Page.Locator(".djs-element[data-element-id='prestarServicio']").ClickAsync();
        var groups = Page.GetByLabel("Grupos candidatos");
        await Expect(groups).ToHaveValueAsync(new Regex("officeCode"));
        // The form is a select of the deployed forms (GET /api/designer/catalog), showing the task's own.
        await Expect(Page.GetByLabel("Formulario", new() { Exact = true })).ToHaveValueAsync("prestacion-servicio");
        await Expect(Page.GetByLabel("Formulario", new() { Exact = true }).Locator("option[value='entrevista']")).ToHaveCountAsync(1);
        await groups.FillAsync("=officeCode +");
        await groups.PressAsync("Tab");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Validar" }).ClickAsync();
        await Expect(Page.Locator(".vupe-modeler-errors li[data-element-id='prestarServicio']")).ToBeVisibleAsync();
        await Expect(Page.Locator(".djs-element.vupe-error[data-element-id='prestarServicio']")).ToBeVisibleAsync();

        await groups.FillAsync("=officeCode + \"-consultor\"");
        await groups.PressAsync("Tab");
        var name = Page.GetByLabel("Nombre", new() { Exact = true });
        await name.FillAsync("Prestar el servicio derivado");
        await name.PressAsync("Tab");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Validar" }).ClickAsync();
        await Expect(Page.Locator(".vupe-modeler-status")).ToContainTextAsync("no tiene errores");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Desplegar" }).ClickAsync();
        await Expect(Page.Locator(".vupe-modeler-status")).ToContainTextAsync("derivacion-servicio versión 2");

        var client = await Factory.ClientForAsync("supervisor.nacional");
        var xml = await client.GetStringAsync("/api/process-definitions/derivacion-servicio:2/xml");
        var task = System.Xml.Linq.XDocument.Parse(xml).Descendants().Single(e => (string?)e.Attribute("id") == "prestarServicio");
        System.Xml.Linq.XNamespace vupe = "http://vupecases.pe/schema/bpmn/1.0";
        Assert.That((string?)task.Attribute("name"), Is.EqualTo("Prestar el servicio derivado"));
        Assert.That((string?)task.Attribute(vupe + "candidateGroups"), Is.EqualTo("=officeCode + \"-consultor\""), "the engine's attributes round-trip");
        Assert.That((string?)task.Attribute(vupe + "formKey"), Is.EqualTo("prestacion-servicio"), "attributes the panel did not touch stay");
        var definitions = await client.GetFromJsonAsync<JsonElement>("/api/process-definitions?key=derivacion-servicio");
        Assert.That(definitions.EnumerateArray().Select(d => d.GetProperty("version").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task A_national_supervisor_draws_a_new_procedure_in_the_panel_deploys_it_and_a_consultant_gets_its_task_with_the_chosen_form()
    {
        var key = $"tramite-panel-{Random.Shared.Next(100_000, 999_999)}";
        await Page.GotoAsync("/disenador/proceso");
        await SignInAsync(Page, "supervisor.nacional");
        await Expect(Page.Locator(".vupe-modeler[data-ready='true']")).ToBeVisibleAsync();

        // The process itself (nothing selected): its key and name, in BPMN's own "General" group, in Spanish.
        await Expect(Page.Locator(".bio-properties-panel-header-type")).ToHaveTextAsync(new Regex("Proceso", RegexOptions.IgnoreCase));
        await FillAsync(Page.GetByLabel("Identificador", new() { Exact = true }), key);
        await FillAsync(Page.GetByLabel("Nombre", new() { Exact = true }), "Trámite dibujado en el panel");

        // A task after the start event (context pad, in Spanish), turned into a user task through the replace menu.
        await Page.Locator(".djs-element[data-element-id='inicio']").ClickAsync();
        var appendTask = Page.Locator(".djs-context-pad .entry[data-action='append.append-task']");
        await Expect(appendTask).ToHaveAttributeAsync("title", "Añadir tarea");
        await appendTask.ClickAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Page.Locator(".djs-context-pad .entry[data-action='replace']").ClickAsync();
        await Page.Locator(".djs-popup .entry[data-id='replace-with-user-task']").ClickAsync();
        await Expect(Page.Locator(".bio-properties-panel-header-type")).ToHaveTextAsync(new Regex("Tarea de usuario", RegexOptions.IgnoreCase));

        await FillAsync(Page.GetByLabel("Nombre", new() { Exact = true }), "Entrevistar al usuario");
        var groups = Page.GetByLabel("Grupos candidatos");
        // The catalogue's groups are offered as suggestions (a datalist) next to free text and FEEL.
        var suggestions = await groups.GetAttributeAsync("list");
        Assert.That(suggestions, Is.Not.Null.And.Not.Empty, "the candidate groups input has suggestions");
        await Expect(Page.Locator($"datalist#{suggestions} option[value='=officeCode + \"-consultor\"']")).ToHaveCountAsync(1);
        await FillAsync(groups, "=officeCode + \"-consultor\"");
        await Page.GetByLabel("Formulario", new() { Exact = true }).SelectOptionAsync("entrevista");
        await Expect(Page.GetByLabel("Versión del formulario")).ToBeVisibleAsync();
        await FillAsync(Page.GetByLabel("Plazo (SLA)"), "P3D");
        var taskId = await Page.Locator(".djs-element.selected[data-element-id]").First.GetAttributeAsync("data-element-id");

        // And an end event after it.
        await Page.Locator(".djs-context-pad .entry[data-action='append.end-event']").ClickAsync();
        await Page.Keyboard.PressAsync("Escape");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Validar" }).ClickAsync();
        await Expect(Page.Locator(".vupe-modeler-status")).ToContainTextAsync("no tiene errores");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Desplegar" }).ClickAsync();
        await Expect(Page.Locator(".vupe-modeler-status")).ToContainTextAsync($"{key} versión 1");

        var national = await Factory.ClientForAsync("supervisor.nacional");
        var deployed = System.Xml.Linq.XDocument.Parse(await national.GetStringAsync($"/api/process-definitions/{key}:1/xml"));
        var userTask = deployed.Descendants(Bpmn + "userTask").Single();
        Assert.That((string?)userTask.Attribute("id"), Is.EqualTo(taskId));
        Assert.That((string?)userTask.Attribute(Vupe + "formKey"), Is.EqualTo("entrevista"));
        Assert.That((string?)userTask.Attribute(Vupe + "dueDate"), Is.EqualTo("P3D"));
        Assert.That(deployed.Descendants(Bpmn + "endEvent").Count(), Is.EqualTo(1));

        // A case of the new procedure, opened through the API, puts the task in a Lima consultant's inbox with that form.
        var consultant = await Factory.ClientForAsync("consultor.lim");
        var person = await (await consultant.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = (47_000_000 + Random.Shared.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var opened = await consultant.PostAsJsonAsync("/api/cases", new { partyId = person.GetProperty("id").GetGuid(), procedure = key });
        Assert.That((int)opened.StatusCode, Is.EqualTo(201), await opened.Content.ReadAsStringAsync());
        var caseNumber = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseNumber").GetString()!;

        var desk = await NewPageAsync();
        await desk.GotoAsync("/bandeja?vista=Available");
        await SignInAsync(desk, "consultor.lim");
        var row = desk.Locator("tr", new() { Has = desk.GetByRole(AriaRole.Link, new() { Name = caseNumber }) });
        await Expect(row).ToContainTextAsync("Entrevistar al usuario");
        await row.GetByRole(AriaRole.Button, new() { Name = "Tomar" }).ClickAsync();
        await desk.GotoAsync("/bandeja?vista=Mine");
        await desk.Locator("tr", new() { Has = desk.GetByRole(AriaRole.Link, new() { Name = caseNumber }) })
            .GetByRole(AriaRole.Link, new() { Name = "Entrevistar al usuario" }).ClickAsync();
        await Expect(desk.GetByLabel("Área de interés")).ToBeVisibleAsync();
    }

    /// <summary>
    /// The vupe moddle descriptor keeps every catalogue process intact: imported into the modeler and saved, each
    /// vupe: attribute and extension element of the original is in the saved file unchanged (same element, same
    /// values, same order), no BPMN element is lost, and the engine still accepts the saved file.
    /// </summary>
    [Test]
    public async Task Every_catalogue_process_round_trips_through_the_modeler_with_its_vupe_extensions_unchanged()
    {
        await Page.GotoAsync("/disenador/proceso");
        await SignInAsync(Page, "supervisor.nacional");
        await Expect(Page.Locator(".vupe-modeler[data-ready='true']")).ToBeVisibleAsync();
        var national = await Factory.ClientForAsync("supervisor.nacional");
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot(), "workflows", "processes"), "*.bpmn").Order(StringComparer.Ordinal).ToList();
        Assert.That(files, Has.Count.GreaterThan(10));
        foreach (var file in files)
        {
            var original = await File.ReadAllTextAsync(file);
            var saved = await Page.EvaluateAsync<string>("""
                async (xml) => {
                  const modeler = document.querySelector('.vupe-modeler').vupeModeler;
                  const result = await modeler.importXML(xml);
                  if (result.warnings.length) return 'WARNINGS ' + result.warnings.map(w => w.message).join('; ');
                  return (await modeler.saveXML({ format: true })).xml;
                }
                """, original);
            Assert.That(saved, Does.Not.StartWith("WARNINGS"), Path.GetFileName(file));
            var before = System.Xml.Linq.XDocument.Parse(original);
            var after = System.Xml.Linq.XDocument.Parse(saved);
            Assert.That(VupeFacts(after), Is.EqualTo(VupeFacts(before)), $"{Path.GetFileName(file)}: vupe attributes and elements");
            Assert.That(VupeFacts(before), Is.Not.Empty);
            Assert.That(Ids(after), Is.EqualTo(Ids(before)), $"{Path.GetFileName(file)}: BPMN elements");

            var form = new MultipartFormDataContent();
            form.Add(new StringContent(saved, System.Text.Encoding.UTF8), "files", Path.GetFileName(file));
            var validation = await (await national.PostAsync("/api/deployments/validate", form)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(validation.GetProperty("errors").GetArrayLength(), Is.Zero, $"{Path.GetFileName(file)}: {validation}");
        }
    }

    [Test]
    public async Task The_modeler_and_its_panel_fit_a_phone()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await Page.GotoAsync("/disenador/proceso?definicion=derivacion-servicio:1");
        await SignInAsync(Page, "supervisor.nacional");
        await Expect(Page.Locator(".vupe-modeler[data-ready='true']")).ToBeVisibleAsync();
        await Page.EvaluateAsync("() => { const m = document.querySelector('.vupe-modeler').vupeModeler; m.get('selection').select(m.get('elementRegistry').get('prestarServicio')); }");
        var groups = Page.GetByLabel("Grupos candidatos");
        await Expect(groups).ToBeVisibleAsync();
        var canvas = await Page.Locator(".vupe-modeler-canvas").BoundingBoxAsync();
        var panel = await Page.Locator(".vupe-modeler-panel").BoundingBoxAsync();
        Assert.That(panel!.Y, Is.GreaterThanOrEqualTo(canvas!.Y + canvas.Height), "the panel is below the canvas on a phone");
        await AssertFitsAsync(Page, 390, "the designer");
        var field = await groups.BoundingBoxAsync();
        Assert.That(field!.X + field.Width, Is.LessThanOrEqualTo(390), "the panel's inputs are on the screen");
    }

    private static readonly System.Xml.Linq.XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly System.Xml.Linq.XNamespace Vupe = "http://vupecases.pe/schema/bpmn/1.0";

    /// <summary>Blur commits a properties-panel field at once (typing alone is debounced).</summary>
    private static async Task FillAsync(ILocator field, string value)
    {
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }

    /// <summary>
    /// Every vupe: attribute and element, located by the nearest element with an id and the path below it (with the
    /// position among same-named siblings), e.g. "tarea|extensionElements/input[1]|source==x".
    /// </summary>
    private static List<string> VupeFacts(System.Xml.Linq.XDocument document)
    {
        var facts = new List<string>();
        foreach (var e in document.Descendants())
        {
            var owner = e.AncestorsAndSelf().FirstOrDefault(a => a.Attribute("id") is not null);
            var path = string.Join("/", e.AncestorsAndSelf().TakeWhile(a => a != owner).Reverse()
                .Select(a => $"{a.Name.LocalName}[{a.ElementsBeforeSelf(a.Name).Count()}]"));
            var where = $"{(string?)owner?.Attribute("id")}|{path}";
            facts.AddRange(e.Attributes().Where(a => a.Name.Namespace == Vupe).Select(a => $"{where}|@{a.Name.LocalName}={a.Value}"));
            if (e.Name.Namespace == Vupe)
                facts.Add($"{where}|<{e.Name.LocalName} {string.Join(" ", e.Attributes().OrderBy(a => a.Name.ToString(), StringComparer.Ordinal).Select(a => $"{a.Name}={a.Value}"))}>{e.Value}");
        }
        facts.Sort(StringComparer.Ordinal);
        return facts;
    }

    private static List<string> Ids(System.Xml.Linq.XDocument document) =>
        [.. document.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().Order(StringComparer.Ordinal)];

    [Test]
    public async Task A_script_task_takes_its_FEEL_script_and_result_variable_from_the_panel()
    {
        await Page.GotoAsync("/disenador/proceso");
        await SignInAsync(Page, "supervisor.nacional");
        await Expect(Page.Locator(".vupe-modeler[data-ready='true']")).ToBeVisibleAsync();
        await Page.EvaluateAsync("""
            () => {
              const m = document.querySelector('.vupe-modeler').vupeModeler;
              const shape = m.get('modeling').createShape(m.get('elementFactory').createShape({ type: 'bpmn:ScriptTask' }),
                { x: 400, y: 118 }, m.get('canvas').getRootElement());
              m.get('selection').select(shape);
            }
            """);

        var script = Page.GetByLabel("Script (FEEL)");
        await script.FillAsync("edad >= 18");
        await script.PressAsync("Tab");
        var result = Page.GetByLabel("Variable de resultado");
        await result.FillAsync("mayorDeEdad");
        await result.PressAsync("Tab");

        var xml = await Page.EvaluateAsync<string>("async () => (await document.querySelector('.vupe-modeler').vupeModeler.saveXML()).xml");
        Assert.That(xml, Does.Match("<bpmn:scriptTask id=\"[^\"]+\" vupe:resultVariable=\"mayorDeEdad\">"));
        Assert.That(xml, Does.Match("<bpmn:script>edad (>|&gt;)= 18</bpmn:script>"));
    }

    private static string Simple(string name) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="http://vupecases.pe/test">
          <bpmn:process id="paso-ui" name="Paso UI" isExecutable="true">
            <bpmn:startEvent id="inicio" />
            <bpmn:sequenceFlow id="f1" sourceRef="inicio" targetRef="paso" />
            <bpmn:userTask id="paso" name="{{name}}" vupe:candidateGroups="=officeCode + &quot;-consultor&quot;" />
            <bpmn:sequenceFlow id="f2" sourceRef="paso" targetRef="fin" />
            <bpmn:endEvent id="fin" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Test]
    public async Task A_supervisor_simulates_and_runs_a_migration_from_the_designer_and_follows_it()
    {
        var national = await Factory.ClientForAsync("supervisor.nacional");
        async Task Deploy(string name)
        {
            var form = new MultipartFormDataContent();
            form.Add(new StringContent(Simple(name), System.Text.Encoding.UTF8), "files", "paso-ui.bpmn");
            (await national.PostAsync("/api/deployments", form)).EnsureSuccessStatusCode();
        }
        await Deploy("Paso");
        var consultant = await Factory.ClientForAsync("consultor.lim");
        var person = await (await consultant.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = (46_000_000 + Random.Shared.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        (await consultant.PostAsJsonAsync("/api/cases", new { partyId = person.GetProperty("id").GetGuid(), procedure = "paso-ui" })).EnsureSuccessStatusCode();
        await Deploy("Paso renovado");

        await Page.GotoAsync("/disenador/migracion?clave=paso-ui");
        await SignInAsync(Page, "supervisor.nacional");
        await Expect(Page.GetByLabel("Versión de origen")).ToHaveValueAsync("paso-ui:1");
        await Expect(Page.GetByLabel("Versión destino")).ToHaveValueAsync("paso-ui:2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Simular" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Simulación: 1 de 1 expedientes se pueden migrar" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Migrar" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/disenador/migraciones/"));
        await Expect(Page.GetByTestId("estado-migracion")).ToHaveTextAsync("Terminada", new() { Timeout = 20_000 });
        await Expect(Page.GetByTestId("migrados")).ToHaveTextAsync("1");
    }

    [Test]
    public async Task An_office_supervisor_edits_and_validates_but_cannot_deploy()
    {
        await Page.GotoAsync("/disenador/proceso");
        await SignInAsync(Page, "supervisor.lim");
        await Expect(Page.Locator(".vupe-modeler[data-ready='true']")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Validar" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Desplegar" })).ToHaveCountAsync(0);
        await Expect(Page.GetByText("despliegan los supervisores nacionales")).ToBeVisibleAsync();
    }
}
