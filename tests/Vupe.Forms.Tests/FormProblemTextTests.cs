using Vupe.Testing;
using Vupe.Forms.Parsing;

namespace Vupe.Forms.Tests;

/// <summary>
/// A form schema's problems (what deploying a .form.json reports) speak the UI culture's language: English by
/// default (what the other tests read), Spanish when the host's users read Spanish. Every text has both.
/// </summary>
public sealed class FormProblemTextTests
{
    private const string Broken = """
        { "components": [
          { "type": "number", "id": "Field_edad", "label": "Edad" },
          { "type": "textfield", "id": "Field_a", "key": "nombre", "conditional": { "hide": "=cumple(edad)" } },
          { "type": "textfield", "id": "Field_b", "key": "nombre" }
        ] }
        """;

    private static List<string> Problems() =>
        [.. Assert.Throws<FormSchemaException>(() => FormSchema.Parse(Broken))!.Problems.Select(p => p.Message)];

    [Test]
    [SetUICulture("es-PE")]
    public void Under_a_Spanish_ui_culture_the_problems_are_Spanish()
    {
        Assert.That(Problems(), Is.EqualTo(new[]
        {
            "Un campo «number» necesita una «key» para vincular su valor.",
            "Función FEEL desconocida «cumple» en «conditional.hide» \"=cumple(edad)\", columna 1.",
            "La ruta de datos «nombre» ya la vincula el componente «nombre» (Field_a); las claves deben ser únicas en cada nivel.",
        }));
    }

    [Test]
    [SetUICulture("en-US")]
    public void Under_any_other_ui_culture_they_stay_English()
    {
        Assert.That(Problems()[0], Is.EqualTo("A 'number' field needs a 'key' to bind its value."));
        Assert.That(Problems()[2], Is.EqualTo("The data path 'nombre' is already bound by component 'nombre' (Field_a); keys must be unique at each level."));
    }

    [Test]
    public void Every_text_of_the_catalogue_has_an_English_and_a_different_Spanish_form() =>
        CatalogueTexts.AssertBilingual(typeof(FormProblemText), atLeast: 35);
}
