using Vupe.Testing;

namespace Vupe.Dmn.Tests;

/// <summary>
/// A DMN file's problems speak the UI culture's language: English by default (what the other tests read), Spanish
/// when the host's users read Spanish (the server sets es-PE). Every text of the catalogue has both.
/// </summary>
public sealed class DmnProblemTextTests
{
    private static readonly string Broken = DmnXml.Definitions(DmnXml.Input("Age", "tNope") + """
        <decision id="d1" name="One"><literalExpression><text>1 +</text></literalExpression></decision>
        <decision id="d2" name="Two"><informationRequirement><requiredInput href="#i_gone"/></informationRequirement><literalExpression><text>2</text></literalExpression></decision>
        <decision id="d" name="Decision"><decisionTable id="t" hitPolicy="SOMETIMES"><output name="o"/></decisionTable></decision>
        """);

    [Test]
    [SetUICulture("es-PE")]
    public void Under_a_Spanish_ui_culture_a_deployed_files_problems_are_Spanish()
    {
        var problems = new DmnResourceKind().Check("umbral.dmn", Broken).Problems.Select(p => p.Message).ToList();

        Assert.That(problems, Has.Count.EqualTo(4));
        Assert.That(problems[0], Is.EqualTo("Dato de entrada «i_Age»: tipo desconocido «tNope»"));
        Assert.That(problems[1], Does.StartWith("Decisión «d1»: error de sintaxis FEEL en la posición 3 (línea 1, columna 4) de «1 +»: "));
        Assert.That(problems[2], Is.EqualTo("Decisión «d»: política de aciertos desconocida «SOMETIMES»"));
        Assert.That(problems[3], Is.EqualTo("Decisión «d2»: «informationRequirement» (línea 2) apunta al dato de entrada «#i_gone», que no está en este archivo"));
    }

    [Test]
    [SetUICulture("en-US")]
    public void Under_any_other_ui_culture_they_stay_English()
    {
        var problems = new DmnResourceKind().Check("umbral.dmn", Broken).Problems.Select(p => p.Message).ToList();

        Assert.That(problems[0], Is.EqualTo("Input data 'i_Age': unknown type 'tNope'"));
        Assert.That(problems[2], Is.EqualTo("Decision 'd': unknown hit policy 'SOMETIMES'"));
    }

    [Test]
    public void Every_text_of_the_catalogue_has_an_English_and_a_different_Spanish_form() =>
        CatalogueTexts.AssertBilingual(typeof(DmnProblemText), atLeast: 40);
}
