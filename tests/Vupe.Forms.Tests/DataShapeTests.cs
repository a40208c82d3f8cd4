using System.Text.Json;
using static Vupe.Forms.Tests.TestForms;

namespace Vupe.Forms.Tests;

/// <summary>What reaches the normalised data: keys, paths, groups, dynamic lists, defaults, expression fields.</summary>
public class DataShapeTests
{
    [Test]
    public void Unknown_keys_are_ignored_and_not_copied()
    {
        // A client must not be able to set process variables the form does not define.
        var form = Form("""{ "type": "textfield", "id": "F", "key": "nombre" }""");

        var result = form.Validate("""{ "nombre": "Ana", "aprobado": true, "oficina": "LIM" }""");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data.Keys, Is.EqualTo(new[] { "nombre" }));
    }

    [Test]
    public void Dotted_keys_nest_the_value()
    {
        var form = Form(
            """{ "type": "textfield", "id": "F1", "key": "direccion.distrito", "validate": { "required": true } }""",
            """{ "type": "textfield", "id": "F2", "key": "direccion.referencia" }""");

        var result = form.Validate("""{ "direccion": { "distrito": "Comas", "interior": "B" } }""");

        Assert.That(result.Data["direccion"], Is.EqualTo(new Dictionary<string, object?> { ["distrito"] = "Comas", ["referencia"] = "" }));
        Assert.That(form.Validate("{}").Codes(), Is.EqualTo(new[] { "direccion.distrito:required" }));
    }

    [Test]
    public void A_group_path_nests_its_fields_and_a_group_without_path_does_not()
    {
        var form = Form(
            """{ "type": "group", "id": "G1", "path": "contacto", "components": [ { "type": "textfield", "id": "F1", "key": "correo", "validate": { "validationType": "email" } } ] }""",
            """{ "type": "group", "id": "G2", "components": [ { "type": "number", "id": "F2", "key": "edad" } ] }""");

        var result = form.Validate("""{ "contacto": { "correo": "no-es-correo" }, "edad": "40" }""");

        Assert.That(result.Codes(), Is.EqualTo(new[] { "contacto.correo:email" }));
        Assert.That(result.Data["edad"], Is.EqualTo(40m));
    }

    [Test]
    public void A_group_path_that_holds_no_object_is_a_type_error_at_the_path()
    {
        var form = Form("""{ "type": "group", "id": "G1", "path": "contacto", "components": [ { "type": "textfield", "id": "F1", "key": "correo", "validate": { "required": true } } ] }""");

        var error = form.Validate("""{ "contacto": "ana@correo.pe" }""").Single();

        Assert.That((error.Path, error.Code, error.ComponentId, error.Message), Is.EqualTo(("contacto", "type", "G1", "Debe ser un conjunto de campos.")));
    }

    [Test]
    public void A_dotted_key_through_a_non_object_is_a_type_error_where_it_stops()
    {
        var form = Form("""{ "type": "textfield", "id": "F1", "key": "direccion.distrito" }""");

        Assert.That(form.Validate("""{ "direccion": "Av. Salaverry 655" }""").Codes(), Is.EqualTo(new[] { "direccion:type" }));
    }

    private static readonly FormSchema Experience = Form(
        """
        { "type": "dynamiclist", "id": "List_exp", "path": "experiencia", "isRepeating": true, "components": [
            { "type": "textfield", "id": "F_empresa", "key": "empresa", "validate": { "required": true } },
            { "type": "number", "id": "F_meses", "key": "meses", "validate": { "min": 1 } },
            { "type": "checkbox", "id": "F_actual", "key": "actual" },
            { "type": "datetime", "id": "F_cese", "key": "fechaCese", "subtype": "date", "conditional": { "hide": "=this.actual" }, "validate": { "required": true } }
        ] }
        """);

    [Test]
    public void Each_dynamic_list_item_is_validated_with_its_index_in_the_path()
    {
        var result = Experience.Validate("""
            { "experiencia": [
                { "empresa": "Textil San Cristóbal", "meses": 24, "actual": false, "fechaCese": "2024-12-31" },
                { "empresa": "", "meses": "6", "actual": true },
                { "empresa": "Mibanco", "meses": 0, "fechaCese": "2025-02-30" }
            ] }
            """);

        Assert.That(result.Codes(), Is.EqualTo(new[] { "experiencia[1].empresa:required", "experiencia[2].meses:min", "experiencia[2].fechaCese:format" }));
        var error = result.Errors[0];
        Assert.That(error.ComponentId, Is.EqualTo("F_empresa"));
        Assert.That(error.Indexes, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void A_valid_list_is_normalised_item_by_item()
    {
        var result = Experience.Validate("""
            { "experiencia": [
                { "empresa": "Textil San Cristóbal", "meses": "24", "fechaCese": "2024-12-31", "sueldo": 5000 },
                { "empresa": "Mibanco", "actual": true, "fechaCese": "2030-01-01" }
            ] }
            """);

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Errors));
        Assert.That(result.Data["experiencia"], Is.EqualTo(new List<object?>
        {
            new Dictionary<string, object?> { ["empresa"] = "Textil San Cristóbal", ["meses"] = 24m, ["actual"] = false, ["fechaCese"] = "2024-12-31" },
            new Dictionary<string, object?> { ["empresa"] = "Mibanco", ["meses"] = null, ["actual"] = true },
        }));
    }

    [Test]
    public void An_absent_list_is_an_empty_list()
    {
        var result = Experience.Validate("{}");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data["experiencia"], Is.EqualTo(new List<object?>()));
    }

    [Test]
    public void A_list_that_is_no_list_or_has_non_object_items_is_a_type_error()
    {
        Assert.That(Experience.Validate("""{ "experiencia": { "empresa": "X" } }""").Single(),
            Has.Property("Path").EqualTo("experiencia").And.Property("Message").EqualTo("Debe ser una lista."));
        Assert.That(Experience.Validate("""{ "experiencia": [ "Mibanco" ] }""").Single(),
            Has.Property("Path").EqualTo("experiencia[0]").And.Property("Message").EqualTo("Cada elemento de la lista debe ser un conjunto de campos."));
    }

    [Test]
    public void Nested_lists_carry_both_indexes()
    {
        var form = Form("""
            { "type": "dynamiclist", "id": "L1", "path": "hogares", "isRepeating": true, "components": [
                { "type": "dynamiclist", "id": "L2", "path": "miembros", "isRepeating": true, "components": [
                    { "type": "number", "id": "F_edad", "key": "edad", "validate": { "required": true } }
                ] }
            ] }
            """);

        var error = form.Validate("""{ "hogares": [ { "miembros": [ { "edad": 40 } ] }, { "miembros": [ { "edad": 12 }, {} ] } ] }""").Single();

        Assert.That(error.Path, Is.EqualTo("hogares[1].miembros[1].edad"));
        Assert.That(error.Indexes, Is.EqualTo(new[] { 1, 1 }));
    }

    [Test]
    public void A_non_repeating_dynamic_list_nests_like_a_group()
    {
        var form = Form("""{ "type": "dynamiclist", "id": "L1", "path": "conyuge", "isRepeating": false, "components": [ { "type": "textfield", "id": "F1", "key": "nombre" } ] }""");

        Assert.That(form.Validate("""{ "conyuge": { "nombre": "Luis" } }""").Data["conyuge"], Is.EqualTo(new Dictionary<string, object?> { ["nombre"] = "Luis" }));
    }

    [Test]
    public void An_absent_field_takes_its_default_value_but_an_explicit_null_does_not()
    {
        var form = Form(
            """{ "type": "radio", "id": "F1", "key": "turno", "values": [ { "label": "Mañana", "value": "manana" }, { "label": "Tarde", "value": "tarde" } ], "defaultValue": "manana" }""",
            """{ "type": "number", "id": "F2", "key": "hijos", "defaultValue": 0 }""",
            """{ "type": "checklist", "id": "F3", "key": "dias", "values": [ { "label": "Lunes", "value": "lun" } ], "defaultValue": ["lun"] }""");

        var absent = form.Validate("{}");
        var explicitNull = form.Validate("""{ "turno": null }""");

        Assert.That(absent.Data["turno"], Is.EqualTo("manana"));
        Assert.That(absent.Data["hijos"], Is.EqualTo(0m));
        Assert.That(absent.Data["dias"], Is.EqualTo(new List<object?> { "lun" }));
        Assert.That(explicitNull.Data["turno"], Is.Null);
        ((List<object?>)absent.Data["dias"]!).Add("mar");
        Assert.That(form.Validate("{}").Data["dias"], Is.EqualTo(new List<object?> { "lun" }), "each result gets its own copy of a list default");
    }

    [Test]
    public void An_untouched_text_field_is_empty_text_and_an_untouched_checkbox_is_false()
    {
        var form = Form("""{ "type": "textfield", "id": "F1", "key": "nombre" }""", """{ "type": "checkbox", "id": "F2", "key": "acepta" }""");

        var result = form.Validate("{}");

        Assert.That(result.Data["nombre"], Is.EqualTo(string.Empty));
        Assert.That(result.Data["acepta"], Is.EqualTo(false));
    }

    [Test]
    public void Expression_fields_are_computed_on_the_server_not_taken_from_the_client()
    {
        var form = Form(
            """{ "type": "number", "id": "F1", "key": "edad" }""",
            """{ "type": "expression", "id": "F2", "key": "esJoven", "expression": "=edad >= 15 and edad <= 29", "computeOn": "change" }""",
            """{ "type": "expression", "id": "F3", "key": "resumen", "expression": "={ joven: esJoven, inicio: date(\"2025-03-31\") }" }""");

        var result = form.Validate("""{ "edad": "22", "esJoven": false }""");

        Assert.That(result.Data["esJoven"], Is.EqualTo(true), "computed over the normalised age; the client's false is ignored");
        Assert.That(result.Data["resumen"], Is.EqualTo(new Dictionary<string, object?> { ["joven"] = true, ["inicio"] = "2025-03-31" }));
    }

    [Test]
    public void An_unknown_component_type_passes_its_keyed_value_through_untouched()
    {
        var form = Form("""{ "type": "signature-pad", "id": "F1", "key": "firma" }""");

        var result = form.Validate("""{ "firma": { "trazos": [1, 2] } }""");

        Assert.That(result.Data["firma"], Is.EqualTo(new Dictionary<string, object?> { ["trazos"] = new List<object?> { 1m, 2m } }));
    }

    [Test]
    public void Presentation_components_bind_nothing()
    {
        var form = Form(
            """{ "type": "text", "id": "T1", "text": "# Hola" }""",
            """{ "type": "button", "id": "B1", "action": "submit", "label": "Enviar" }""",
            """{ "type": "spacer", "id": "S1", "height": 60 }""");

        Assert.That(form.Validate("""{ "Enviar": true }""").Data, Is.Empty);
    }

    [Test]
    public void Dictionary_input_takes_clr_values_and_json_elements()
    {
        var form = Form(
            """{ "type": "number", "id": "F1", "key": "edad" }""",
            """{ "type": "number", "id": "F2", "key": "sueldo", "decimalDigits": 2 }""",
            """{ "type": "datetime", "id": "F3", "key": "fecha" }""",
            """{ "type": "checklist", "id": "F4", "key": "dias", "values": [ { "label": "Lunes", "value": "lun" }, { "label": "Martes", "value": "mar" } ] }""",
            """{ "type": "textfield", "id": "F5", "key": "nombre" }""");
        using var name = JsonDocument.Parse("\"Ana\"");

        var result = form.Validate(new Dictionary<string, object?>
        {
            ["edad"] = 30,
            ["sueldo"] = 1025.5,
            ["fecha"] = new DateOnly(2025, 3, 31),
            ["dias"] = new[] { "lun", "mar" },
            ["nombre"] = name.RootElement,
        });

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Errors));
        Assert.That(result.Data["edad"], Is.EqualTo(30m));
        Assert.That(result.Data["sueldo"], Is.EqualTo(1025.5m));
        Assert.That(result.Data["fecha"], Is.EqualTo("2025-03-31"));
        Assert.That(result.Data["dias"], Is.EqualTo(new List<object?> { "lun", "mar" }));
        Assert.That(result.Data["nombre"], Is.EqualTo("Ana"));
    }

    [Test]
    public void Typed_dictionaries_are_objects_when_their_keys_are_strings()
    {
        var form = Form("""{ "type": "group", "id": "G", "path": "contacto", "components": [ { "type": "textfield", "id": "F", "key": "correo" } ] }""");

        var typed = form.Validate(new Dictionary<string, object?> { ["contacto"] = new Dictionary<string, string> { ["correo"] = "a@b.pe" } });
        var intKeys = form.Validate(new Dictionary<string, object?> { ["contacto"] = new Dictionary<int, string> { [1] = "a@b.pe" } });

        Assert.That(typed.Data["contacto"], Is.EqualTo(new Dictionary<string, object?> { ["correo"] = "a@b.pe" }));
        Assert.That(intKeys.Codes(), Is.EqualTo(new[] { "contacto:type" }));
    }

    [Test]
    public void Values_no_field_can_take_are_type_errors()
    {
        var form = Form("""{ "type": "number", "id": "F1", "key": "edad" }""", """{ "type": "textfield", "id": "F2", "key": "nombre" }""");

        var result = form.Validate(new Dictionary<string, object?> { ["edad"] = double.NaN, ["nombre"] = new Uri("https://example.org") });

        Assert.That(result.Codes(), Is.EqualTo(new[] { "edad:type", "nombre:type" }));
        Assert.That(form.Validate("""{ "edad": 1e300 }""").Single().Code, Is.EqualTo("type"));
    }

    [Test]
    public void Data_that_is_not_a_json_object_is_an_argument_error()
    {
        var form = Form("""{ "type": "textfield", "id": "F", "key": "nombre" }""");

        Assert.Throws<ArgumentException>(() => form.Validate(Data("[]")));
    }
}
