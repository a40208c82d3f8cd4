using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// The designer's versions page in a real browser: every version of a procedure with who deployed it, and the visual
/// diff of two versions — an added task marked on the new diagram, a renamed task and a changed candidate group
/// (an engine attribute bpmn-js-differ does not see by itself) listed in Spanish.
/// </summary>
public sealed class VersionDiffTests : BrowserTestBase
{
    private const string Consultant = "=officeCode + &quot;-consultor&quot;";
    private const string Specialist = "=officeCode + &quot;-especialista&quot;";

    /// <summary>A straight line start → tasks → end with a diagram (ids of flows name their ends, so v1 and v2 share them where they can).</summary>
    private static string Linear(params (string Id, string Name, string Groups)[] tasks)
    {
        var nodes = new List<(string Id, string Xml, int X, int Width, int Height)> { ("inicio", "<bpmn:startEvent id=\"inicio\" name=\"Inicio\" />", 100, 36, 36) };
        var x = 190;
        foreach (var (id, name, groups) in tasks)
        {
            nodes.Add((id, $"<bpmn:userTask id=\"{id}\" name=\"{name}\" vupe:candidateGroups=\"{groups}\" />", x, 100, 80));
            x += 150;
        }
        nodes.Add(("fin", "<bpmn:endEvent id=\"fin\" name=\"Fin\" />", x, 36, 36));
        const int middle = 138;
        var process = new StringBuilder();
        var diagram = new StringBuilder();
        for (var i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            process.Append(n.Xml);
            diagram.Append(CultureInfo.InvariantCulture, $"<bpmndi:BPMNShape id=\"{n.Id}_di\" bpmnElement=\"{n.Id}\"><dc:Bounds x=\"{n.X}\" y=\"{middle - n.Height / 2}\" width=\"{n.Width}\" height=\"{n.Height}\" /></bpmndi:BPMNShape>");
            if (i == 0) continue;
            var from = nodes[i - 1];
            var flow = $"f_{from.Id}_{n.Id}";
            process.Append(CultureInfo.InvariantCulture, $"<bpmn:sequenceFlow id=\"{flow}\" sourceRef=\"{from.Id}\" targetRef=\"{n.Id}\" />");
            diagram.Append(CultureInfo.InvariantCulture, $"<bpmndi:BPMNEdge id=\"{flow}_di\" bpmnElement=\"{flow}\"><di:waypoint x=\"{from.X + from.Width}\" y=\"{middle}\" /><di:waypoint x=\"{n.X}\" y=\"{middle}\" /></bpmndi:BPMNEdge>");
        }
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
              xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
              xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="http://vupecases.pe/test">
              <bpmn:process id="diff-ui" name="Comparación UI" isExecutable="true">{process}</bpmn:process>
              <bpmndi:BPMNDiagram id="diagrama"><bpmndi:BPMNPlane id="plano" bpmnElement="diff-ui">{diagram}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
    }

    private async Task DeployAsync(string xml, string name)
    {
        var national = await Factory.ClientForAsync("supervisor.nacional");
        var form = new MultipartFormDataContent { { new StringContent(name), "name" } };
        form.Add(new StringContent(xml, Encoding.UTF8), "files", "diff-ui.bpmn");
        var response = await national.PostAsync("/api/deployments", form);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_versions_page_lists_who_deployed_each_version_and_the_diff_marks_and_lists_the_changes()
    {
        await DeployAsync(Linear(("revisar", "Revisar solicitud", Consultant), ("prestar", "Prestar el servicio", Consultant)), "primera versión");
        await DeployAsync(Linear(("revisar", "Revisar documentos", Consultant), ("prestar", "Prestar el servicio", Specialist),
            ("notificar", "Notificar al ciudadano", Consultant)), "segunda versión");

        await Page.GotoAsync("/disenador");
        await SignInAsync(Page, "supervisor.nacional");
        await Page.Locator("tr[data-key='diff-ui']").GetByRole(AriaRole.Link, new() { Name = "Versiones" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/disenador/versiones\\?clave=diff-ui"));
        var rows = Page.Locator("table[aria-label='Versiones'] tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-version", "2");
        await Expect(rows.Nth(0)).ToContainTextAsync("segunda versión");
        await Expect(rows.Nth(0)).ToContainTextAsync("supervisor.nacional");
        await Expect(rows.Nth(1)).ToContainTextAsync("primera versión");
        await Expect(rows.Nth(1)).ToContainTextAsync("supervisor.nacional");
        await Expect(rows.Nth(1).GetByRole(AriaRole.Link, new() { Name = "Abrir la versión 1" })).ToHaveAttributeAsync("href", "/disenador/proceso?definicion=diff-ui%3A1");

        await Expect(Page.GetByLabel("Versión anterior")).ToHaveValueAsync("diff-ui:1");
        await Expect(Page.GetByLabel("Versión nueva")).ToHaveValueAsync("diff-ui:2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Comparar" }).ClickAsync();
        await Expect(Page.Locator(".vupe-diff[data-ready='true']")).ToBeVisibleAsync();

        var oldSide = Page.Locator(".vupe-diff-pane--old");
        var newSide = Page.Locator(".vupe-diff-pane--new");
        await Expect(newSide.Locator(".djs-element[data-element-id='notificar']")).ToHaveClassAsync(new Regex("\\bvupe-diff-added\\b"));
        await Expect(oldSide.Locator(".djs-element[data-element-id='notificar']")).ToHaveCountAsync(0);
        await Expect(oldSide.Locator(".djs-element[data-element-id='f_prestar_fin']")).ToHaveClassAsync(new Regex("\\bvupe-diff-removed\\b"));
        foreach (var side in new[] { oldSide, newSide })
        {
            await Expect(side.Locator(".djs-element[data-element-id='revisar']")).ToHaveClassAsync(new Regex("\\bvupe-diff-changed\\b"));
            await Expect(side.Locator(".djs-element[data-element-id='prestar']")).ToHaveClassAsync(new Regex("\\bvupe-diff-changed\\b"));
            await Expect(side.Locator(".djs-element[data-element-id='fin']")).ToHaveClassAsync(new Regex("\\bvupe-diff-layout\\b"));
            await Expect(side.Locator(".djs-element[data-element-id='inicio']")).Not.ToHaveClassAsync(new Regex("vupe-diff"));
        }

        var changes = Page.Locator(".vupe-diff-changes");
        await Expect(changes.Locator("li[data-element-id='notificar']")).ToHaveTextAsync("Añadido: Tarea de usuario «Notificar al ciudadano» (notificar)");
        await Expect(changes.Locator("li[data-element-id='revisar']")).ToHaveTextAsync("Cambiado: «Revisar documentos» — nombre: «Revisar solicitud» → «Revisar documentos»");
        await Expect(changes.Locator("li[data-element-id='prestar']")).ToHaveTextAsync(
            "Cambiado: «Prestar el servicio» — grupos candidatos: «=officeCode + \"-consultor\"» → «=officeCode + \"-especialista\"»");
        await Expect(changes.Locator("li[data-element-id='f_prestar_fin']")).ToHaveTextAsync("Eliminado: Flujo de secuencia (f_prestar_fin)");
        await Expect(changes.Locator("li[data-element-id='fin']")).ToHaveTextAsync("Movido: «Fin»");
        await Expect(Page.Locator(".vupe-diff-summary")).ToContainTextAsync("añadidos");

        // The list works from the keyboard: the item's button selects the element on the diagrams.
        await changes.Locator("li[data-element-id='notificar'] button").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(newSide.Locator(".djs-element[data-element-id='notificar']")).ToHaveClassAsync(new Regex("\\bselected\\b"));
        await changes.Locator("li[data-element-id='prestar'] button").ClickAsync();
        await Expect(oldSide.Locator(".djs-element[data-element-id='prestar']")).ToHaveClassAsync(new Regex("\\bselected\\b"));
        await Expect(newSide.Locator(".djs-element[data-element-id='prestar']")).ToHaveClassAsync(new Regex("\\bselected\\b"));

        // Zoom and scroll follow from one side to the other.
        var synced = await Page.EvaluateAsync<double[]>("""
            () => {
              const [left, right] = document.querySelector('.vupe-diff').__vupeViewers.map(v => v.get('canvas'));
              left.zoom(1.7);
              left.scroll({ dx: -40, dy: 25 });
              const a = left.viewbox(), b = right.viewbox();
              return [a.scale, b.scale, a.x, b.x, a.y, b.y];
            }
            """);
        Assert.That(synced[1], Is.EqualTo(synced[0]).Within(0.001), "same zoom");
        Assert.That(synced[3], Is.EqualTo(synced[2]).Within(0.5), "same horizontal scroll");
        Assert.That(synced[5], Is.EqualTo(synced[4]).Within(0.5), "same vertical scroll");

        // On a phone the two diagrams stack and nothing overflows sideways.
        await Page.SetViewportSizeAsync(390, 844);
        await Page.ReloadAsync();
        await Expect(Page.Locator(".vupe-diff[data-ready='true']")).ToBeVisibleAsync();
        await AssertFitsAsync(Page, 390, "the version diff");
        var oldBox = await oldSide.BoundingBoxAsync();
        var newBox = await newSide.BoundingBoxAsync();
        Assert.That(newBox!.Y, Is.GreaterThanOrEqualTo(oldBox!.Y + oldBox.Height), "the new version is below the old one");
    }

    [Test]
    public async Task A_decision_lists_its_versions_without_a_diagram_diff()
    {
        await Page.GotoAsync("/disenador/versiones?clave=elegibilidad-empleo-temporal&tipo=decision");
        await SignInAsync(Page, "supervisor.lim");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("elegibilidad-empleo-temporal");
        var row = Page.Locator("table[aria-label='Versiones'] tbody tr[data-version='1']");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "Descargar la versión 1" })).ToHaveAttributeAsync("href", new Regex("^/api/deployments/[0-9a-f-]+/files/elegibilidad-empleo-temporal\\.dmn$"));
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Comparar" })).ToHaveCountAsync(0);
        Assert.That((await Page.GotoAsync("/disenador/versiones?clave=no-existe"))!.Status, Is.EqualTo(404));
    }
}
