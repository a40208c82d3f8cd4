using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// The DMN editor in a real browser: a national supervisor opens a catalogue decision from the designer, edits a
/// rule's output cell, tests the edited (not deployed) table with inputs that match that rule, sees the new output and
/// the rule marked in the table, then deploys it as version 2.
/// </summary>
public sealed class DecisionEditorTests : BrowserTestBase
{
    private const string NewReason = "Motivo cambiado en el editor";

    [Test]
    public async Task A_national_supervisor_edits_a_rule_tests_the_edited_decision_and_deploys_it()
    {
        await Page.GotoAsync("/disenador");
        await SignInAsync(Page, "supervisor.nacional");
        var row = Page.Locator("tr[data-decision-key='elegibilidad-empleo-temporal']");
        await Expect(row).ToContainTextAsync("v1");
        await row.GetByRole(AriaRole.Link, new() { Name = "Abrir" }).ClickAsync();
        await Expect(Page.Locator(".vupe-dmn[data-ready='true']")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Elegibilidad para los programas de empleo temporal (tabla)" })).ToHaveAttributeAsync("aria-selected", "true");

        // The rules' reasons (DMN 1.3 annotation entries in the file) are shown in the table's annotations column.
        await Expect(Page.Locator(".vupe-dmn-canvas tr:has(td[data-row-id='lurawi_pobreza']) td.annotation").First)
            .ToContainTextAsync("Lurawi Perú: empleo temporal para mayores de 18 años en pobreza");

        // The rule "lurawi_pobreza": its third output, the reason given to the citizen.
        var cell = Page.Locator(".vupe-dmn-canvas td[data-element-id='lurawi_pobreza_s3']");
        await cell.ClickAsync();
        var editor = cell.Locator(".cm-content");
        await Expect(editor).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.TypeAsync($"\"{NewReason}\"");
        await Page.GetByRole(AriaRole.Heading, new() { Name = "Probar decisión" }).ClickAsync();
        await Expect(cell).ToContainTextAsync(NewReason);

        var panel = Page.Locator(".vupe-dmn-test");
        await panel.GetByLabel("Edad").FillAsync("30");
        await panel.GetByLabel("Situación laboral").SelectOptionAsync("desempleado");
        await panel.GetByLabel("Clasificación SISFOH").SelectOptionAsync("pobre");
        await panel.GetByLabel("¿En situación de vulnerabilidad?").SelectOptionAsync(new SelectOptionValue { Label = "No" });
        await panel.GetByLabel("¿Quiere capacitarse con práctica?").SelectOptionAsync(new SelectOptionValue { Label = "No" });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Probar" }).ClickAsync();

        var result = panel.Locator(".vupe-dmn-result");
        await Expect(result.Locator("table.vupe-dmn-output")).ToContainTextAsync(NewReason);
        await Expect(result.Locator("li[data-rule-id='lurawi_pobreza']")).ToContainTextAsync("Regla 1 — Lurawi Perú");
        await Expect(Page.Locator(".vupe-dmn-canvas td[data-row-id='lurawi_pobreza']").First).ToHaveCSSAsync("background-color", "rgb(254, 243, 199)");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Desplegar" }).ClickAsync();
        await Expect(Page.Locator(".vupe-dmn-status")).ToContainTextAsync("elegibilidad-empleo-temporal versión 2");

        var client = await Factory.ClientForAsync("supervisor.nacional");
        var listed = (await client.GetFromJsonAsync<JsonElement>("/api/decisions")).EnumerateArray().Single(d => d.GetProperty("id").GetString() == "elegibilidad-empleo-temporal");
        Assert.That(listed.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        var deployed = await client.GetStringAsync("/api/decisions/elegibilidad-empleo-temporal/xml?version=2");
        Assert.That(deployed, Does.Contain(NewReason));
        Assert.That(System.Xml.Linq.XDocument.Parse(deployed).Descendants().Single(e => e.Name.LocalName == "rule" && (string?)e.Attribute("id") == "lurawi_pobreza")
            .Elements().First().Value.Trim(), Does.StartWith("Lurawi Perú: empleo temporal para mayores de 18 años en pobreza"),
            "the rule's reason is kept, as its description (what dmn-js edits and the engine reads when there is no annotation entry)");
    }

    [Test]
    public async Task An_office_supervisor_opens_a_new_decision_tests_it_but_cannot_deploy_and_an_old_DMN_file_is_explained()
    {
        await Page.GotoAsync("/disenador/decision");
        await SignInAsync(Page, "supervisor.lim");
        await Expect(Page.Locator(".vupe-dmn[data-ready='true']")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Desplegar" })).ToHaveCountAsync(0);
        var panel = Page.Locator(".vupe-dmn-test");
        await panel.GetByLabel("Entrada").FillAsync("cualquiera");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Probar" }).ClickAsync();
        await Expect(panel.Locator(".vupe-dmn-result output")).ToHaveTextAsync("valor");

        await Page.Locator(".vupe-dmn-toolbar input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "antigua.dmn", MimeType = "application/xml",
            Buffer = System.Text.Encoding.UTF8.GetBytes("""<?xml version="1.0"?><definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd" id="d" name="d" namespace="x"/>"""),
        });
        await Expect(Page.Locator(".vupe-dmn-status")).ToContainTextAsync("El archivo está en DMN 1.1; el editor abre DMN 1.3 o posterior.");
    }

    [TestCase("acercamiento-empresarial")]
    [TestCase("elegibilidad-empleo-temporal")]
    [TestCase("procedimiento-por-servicio")]
    [TestCase("triaje-empleabilidad")]
    public async Task Every_catalogue_decision_opens_in_the_editor_without_import_warnings(string key)
    {
        await Page.GotoAsync($"/disenador/decision?clave={key}");
        await SignInAsync(Page, "supervisor.lim");
        await Expect(Page.Locator(".vupe-dmn[data-ready='true']")).ToBeVisibleAsync();
        await Expect(Page.Locator($".vupe-dmn-tab[data-view='{key}']")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Page.Locator(".vupe-dmn-canvas td[data-row-id]").First).ToBeVisibleAsync();
        await Expect(Page.Locator(".vupe-dmn-status")).ToBeEmptyAsync();
        Assert.That(await Page.Locator(".vupe-dmn-test .vupe-dmn-fields input, .vupe-dmn-test .vupe-dmn-fields select").CountAsync(), Is.GreaterThan(1),
            "the test form follows the table's inputs");
    }

    [Test]
    public async Task A_list_input_is_typed_as_JSON_in_the_test_form()
    {
        await Page.GotoAsync("/disenador/decision?clave=procedimiento-por-servicio");
        await SignInAsync(Page, "supervisor.lim");
        await Expect(Page.Locator(".vupe-dmn[data-ready='true']")).ToBeVisibleAsync();
        var panel = Page.Locator(".vupe-dmn-test");
        await panel.GetByLabel("Tipo de usuario").SelectOptionAsync("ciudadano");
        await panel.GetByLabel("Servicios confirmados").FillAsync("[\"cul\"]");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Probar" }).ClickAsync();
        await Expect(panel.Locator(".vupe-dmn-result table.vupe-dmn-output")).ToContainTextAsync("certificado-unico-laboral");
        await Expect(panel.Locator(".vupe-dmn-result li[data-rule-id='cul']")).ToBeVisibleAsync();
    }
}
