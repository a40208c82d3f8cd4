using Vupe.Testing;
using Vupe.Engine.Parsing;

namespace Vupe.Engine.Tests;

/// <summary>
/// Deployment problems speak the UI culture's language: English by default (what the other tests read), Spanish
/// when the host's users read Spanish (the server sets es-PE). Every text of the catalogue has both.
/// </summary>
public sealed class ProblemTextTests : SqliteEngineTestBase
{
    private const string Broken = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:task id="a" />
            <bpmn:sequenceFlow id="f0" sourceRef="a" targetRef="g" />
            <bpmn:exclusiveGateway id="g" />
            <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="t"><bpmn:conditionExpression>edad(x) &gt; 3</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="fin" />
            <bpmn:intermediateCatchEvent id="t"><bpmn:timerEventDefinition><bpmn:timeDuration>15 minutos</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="t" targetRef="fin" />
            <bpmn:endEvent id="fin" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<Dictionary<string, string>> ProblemsAsync()
    {
        var e = await Assert.ThrowsAsync<DeploymentException>(() => Engine.Repository.DeployAsync("rota",
            [new DeploymentResource("rota.bpmn", Broken), new DeploymentResource("notas.txt", "hola")]));
        return e!.Problems.ToDictionary(p => p.ElementId ?? p.Resource, p => p.Message);
    }

    [Test]
    [SetUICulture("es-PE")]
    public async Task Under_a_Spanish_ui_culture_the_problems_are_Spanish()
    {
        var problems = await ProblemsAsync();

        Assert.That(problems["p"], Is.EqualTo("El proceso «p» no tiene evento de inicio."));
        Assert.That(problems["f1"], Is.EqualTo("Función FEEL desconocida «edad» en la condición del flujo de secuencia «f1», columna 1."));
        Assert.That(problems["f2"], Is.EqualTo("El flujo de secuencia «f2» sale de la compuerta exclusiva «g» sin condición y no es su flujo por defecto."));
        Assert.That(problems["t"], Is.EqualTo("Valor no válido en «timeDuration» del temporizador («15 minutos»): se esperaba una duración ISO-8601, p. ej. PT15M o P3D"));
        Assert.That(problems["notas.txt"], Is.EqualTo("Este tipo de archivo no se puede desplegar; se aceptan: BPMN (.bpmn)."));
        Assert.That(problems, Has.Count.EqualTo(5));
    }

    [Test]
    [SetUICulture("en-US")]
    public async Task Under_any_other_ui_culture_they_stay_English()
    {
        var problems = await ProblemsAsync();

        Assert.That(problems["p"], Is.EqualTo("Process 'p' has no start event."));
        Assert.That(problems["f2"], Is.EqualTo("Sequence flow 'f2' leaves exclusiveGateway 'g' without a condition and is not its default flow."));
        Assert.That(problems["t"], Is.EqualTo("Invalid timer duration '15 minutos': expected an ISO-8601 duration, e.g. PT15M or P3D"));
    }

    [Test]
    [SetUICulture("es")]
    public void Spanish_element_names_carry_their_article_and_contract_it()
    {
        Assert.That(ProblemText.Element("userTask", "revisar"), Is.EqualTo("la tarea de usuario «revisar»"));
        Assert.That(ProblemText.EventGatewayTarget("subProcess", "s"), Does.EndWith("no al subproceso «s»."));
        Assert.That(ProblemText.EventGatewayTarget("userTask", "u"), Does.EndWith("no a la tarea de usuario «u»."));
        Assert.That(ProblemText.FlowWithoutCondition("f", "inclusiveGateway", "g"), Does.Contain("sale de la compuerta inclusiva «g»"));
        Assert.That(ProblemText.TaskNeedsType("sendTask"), Does.StartWith("La tarea de envío necesita «vupe:type»"));
    }

    [Test]
    public void Every_text_of_the_catalogue_has_an_English_and_a_different_Spanish_form() =>
        CatalogueTexts.AssertBilingual(typeof(ProblemText), atLeast: 60);
}
