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
        await groups.FillAsync("=officeCode +");
        await groups.PressAsync("Tab");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Validar" }).ClickAsync();
        await Expect(Page.Locator(".vupe-modeler-errors li[data-element-id='prestarServicio']")).ToBeVisibleAsync();
        await Expect(Page.Locator(".djs-element.vupe-error[data-element-id='prestarServicio']")).ToBeVisibleAsync();

        await groups.FillAsync("=officeCode + \"-consultor\"");
        await groups.PressAsync("Tab");
        var name = Page.GetByLabel("Nombre");
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
