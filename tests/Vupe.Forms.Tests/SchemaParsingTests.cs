using static Vupe.Forms.Tests.TestForms;

namespace Vupe.Forms.Tests;

/// <summary>Reading form-js schemas, and refusing broken ones whole with problems that name the component.</summary>
public class SchemaParsingTests
{
    [Test]
    public void Reads_form_id_version_and_component_tree()
    {
        var form = FormSchema.Parse(Fixture("diagnostico-empleabilidad.form.json"));

        Assert.That(form.Id, Is.EqualTo("Form_diagnostico_empleabilidad"));
        Assert.That(form.SchemaVersion, Is.EqualTo(18));
        Assert.That(form.Components, Has.Count.EqualTo(20));
        var list = form.Components.Single(c => c.Type == "dynamiclist");
        Assert.That(list.Path, Is.EqualTo("experiencia"));
        Assert.That(list.Components.Select(c => c.Key), Is.EqualTo(new[] { "empresa", "cargo", "meses", "actual", "fechaCese" }));
        var edad = form.Components.Single(c => c.Key == "edad");
        Assert.That((edad.Id, edad.Type, edad.Label), Is.EqualTo(("Field_1edad7k", "number", "Edad")));
    }

    [Test]
    public void Keeps_unknown_component_types_without_validating_them()
    {
        var form = Form(
            """{ "type": "signature-pad", "id": "Field_sig", "key": "firma", "validate": { "required": true } }""",
            """{ "type": "textfield", "id": "Field_n", "key": "nombre" }""");

        Assert.That(form.Components[0].Type, Is.EqualTo("signature-pad"));
        Assert.That(form.Components[0].IsKnownType, Is.False);
        Assert.That(form.Components[1].IsKnownType, Is.True);
        Assert.That(form.Validate("{}").IsValid, Is.True, "an unknown component's rules are not enforced");
    }

    [Test]
    public void Malformed_json_gives_line_and_column()
    {
        var e = Assert.Throws<FormSchemaException>(() => FormSchema.Parse("{\n  \"components\": [\n    { \"type\": \"textfield\" \"key\": \"a\" }\n  ]\n}"))!;

        Assert.That(e.Message, Does.StartWith("The form schema is not valid JSON (line 3, column 27)"));
        Assert.That(e.InnerException, Is.Not.Null);
    }

    [Test]
    public void A_schema_without_components_is_refused()
    {
        var e = Assert.Throws<FormSchemaException>(() => FormSchema.Parse("""{ "type": "default", "id": "Form_x" }"""))!;

        Assert.That(e.Problems.Single().Message, Is.EqualTo("A form schema needs a 'components' array."));
    }

    [Test]
    public void A_schema_that_is_not_an_object_is_refused()
    {
        var e = Assert.Throws<FormSchemaException>(() => FormSchema.Parse("[]"))!;

        Assert.That(e.Message, Is.EqualTo("A form schema must be a JSON object, not an array."));
    }

    [Test]
    public void An_input_without_key_is_named_by_its_id()
    {
        var e = Rejects("""{ "type": "number", "id": "Field_edad", "label": "Edad" }""");

        var problem = e.Problems.Single();
        Assert.That(problem.ComponentId, Is.EqualTo("Field_edad"));
        Assert.That(problem.Location, Is.EqualTo("components[0]"));
        Assert.That(problem.Message, Is.EqualTo("A 'number' field needs a 'key' to bind its value."));
        Assert.That(e.Message, Does.Contain("component 'Field_edad' at components[0]: A 'number' field needs a 'key'"));
    }

    [Test]
    public void A_component_without_type_is_refused()
    {
        var e = Rejects("""{ "id": "Field_x", "key": "x" }""");

        Assert.That(e.Problems.Single().Message, Is.EqualTo("The component has no 'type'."));
    }

    [Test]
    public void Duplicate_keys_at_the_same_level_are_refused()
    {
        var e = Rejects(
            """{ "type": "textfield", "id": "Field_a", "key": "nombre" }""",
            """{ "type": "textarea", "id": "Field_b", "key": "nombre" }""");

        var problem = e.Problems.Single();
        Assert.That((problem.ComponentId, problem.Key), Is.EqualTo(("Field_b", "nombre")));
        Assert.That(problem.Message, Does.Contain("already bound by component 'nombre' (Field_a)"));
    }

    [Test]
    public void A_key_in_a_group_without_path_collides_with_the_same_key_outside()
    {
        var e = Rejects(
            """{ "type": "textfield", "id": "Field_a", "key": "dni" }""",
            """{ "type": "group", "id": "Group_1", "components": [ { "type": "textfield", "id": "Field_b", "key": "dni" } ] }""");

        Assert.That(e.Problems.Single().ComponentId, Is.EqualTo("Field_b"));
    }

    [Test]
    public void The_same_key_in_a_group_with_path_or_in_a_list_item_is_another_place()
    {
        var form = Form(
            """{ "type": "textfield", "id": "Field_a", "key": "nombre" }""",
            """{ "type": "group", "id": "Group_1", "path": "contacto", "components": [ { "type": "textfield", "id": "Field_b", "key": "nombre" } ] }""",
            """{ "type": "dynamiclist", "id": "List_1", "path": "hijos", "isRepeating": true, "components": [ { "type": "textfield", "id": "Field_c", "key": "nombre" } ] }""");

        Assert.That(form.Components, Has.Count.EqualTo(3));
    }

    [Test]
    public void A_single_value_cannot_also_be_the_object_another_field_nests_into()
    {
        var e = Rejects(
            """{ "type": "textfield", "id": "Field_a", "key": "direccion" }""",
            """{ "type": "textfield", "id": "Field_b", "key": "direccion.distrito" }""");

        Assert.That(e.Problems.Single().Message, Does.Contain("nests inside 'direccion', which component 'direccion' (Field_a) binds to a single value"));
    }

    [Test]
    public void Two_groups_may_share_a_path()
    {
        var form = Form(
            """{ "type": "group", "id": "G1", "path": "contacto", "components": [ { "type": "textfield", "id": "F1", "key": "correo" } ] }""",
            """{ "type": "group", "id": "G2", "path": "contacto", "components": [ { "type": "textfield", "id": "F2", "key": "telefono" } ] }""");

        Assert.That(form.Validate("""{ "contacto": { "correo": "a@b.pe", "telefono": "+51987654321" } }""").Data["contacto"],
            Is.EqualTo(new Dictionary<string, object?> { ["correo"] = "a@b.pe", ["telefono"] = "+51987654321" }));
    }

    [Test]
    public void Duplicate_ids_are_refused()
    {
        var e = Rejects(
            """{ "type": "textfield", "id": "Field_1", "key": "a" }""",
            """{ "type": "textfield", "id": "Field_1", "key": "b" }""");

        Assert.That(e.Problems.Single().Message, Does.StartWith("The id 'Field_1' is used by another component too (components[0])"));
    }

    [Test]
    public void An_invalid_regular_expression_is_refused()
    {
        var e = Rejects("""{ "type": "textfield", "id": "Field_dni", "key": "dni", "validate": { "pattern": "^[0-9{8}$" } }""");

        var problem = e.Problems.Single();
        Assert.That(problem.Key, Is.EqualTo("dni"));
        Assert.That(problem.Message, Does.StartWith("validate.pattern \"^[0-9{8}$\" is not a valid regular expression"));
    }

    [Test]
    public void Unparsable_feel_in_a_hide_condition_is_refused_with_its_position()
    {
        var e = Rejects("""{ "type": "number", "id": "Field_m", "key": "meses", "conditional": { "hide": "=situacion = (\"desempleado\"" } }""");

        Assert.That(e.Problems.Single().Message, Does.StartWith("Invalid FEEL in conditional.hide \"=situacion = (\"desempleado\"\": FEEL syntax error at line 1, column"));
    }

    [Test]
    public void An_unknown_feel_function_is_refused()
    {
        var e = Rejects("""{ "type": "number", "id": "Field_m", "key": "meses", "conditional": { "hide": "=esMenor(edad)" } }""");

        Assert.That(e.Problems.Single().Message, Is.EqualTo("Unknown FEEL function 'esMenor' in conditional.hide \"=esMenor(edad)\" at column 1."));
    }

    [Test]
    public void A_hide_condition_without_equals_sign_is_refused()
    {
        // form-js silently ignores such a condition (the field always shows); a deploy should say so instead.
        var e = Rejects("""{ "type": "number", "id": "Field_m", "key": "meses", "conditional": { "hide": "edad < 18" } }""");

        Assert.That(e.Problems.Single().Message, Is.EqualTo("conditional.hide must be a FEEL expression starting with '=': \"edad < 18\"."));
    }

    [Test]
    public void Feel_in_readonly_disabled_expression_and_options_is_checked_too()
    {
        var e = Rejects(
            """{ "type": "textfield", "id": "F1", "key": "a", "readonly": "=foo +" }""",
            """{ "type": "textfield", "id": "F2", "key": "b", "disabled": "yes" }""",
            """{ "type": "expression", "id": "F3", "key": "c", "expression": "=1 +" }""",
            """{ "type": "select", "id": "F4", "key": "d", "valuesExpression": "=[" }""");

        Assert.That(e.Problems.Select(p => p.ComponentId), Is.EqualTo(new[] { "F1", "F2", "F3", "F4" }));
        Assert.That(e.Problems[1].Message, Is.EqualTo("disabled must be a FEEL expression starting with '=': \"yes\"."));
    }

    [Test]
    public void A_select_without_options_is_refused()
    {
        var e = Rejects("""{ "type": "select", "id": "Field_s", "key": "nivel", "values": [] }""");

        Assert.That(e.Problems.Single().Message, Is.EqualTo("A 'select' field needs options: static 'values', a 'valuesKey' or a 'valuesExpression'."));
    }

    [Test]
    public void An_option_offered_twice_is_refused()
    {
        var e = Rejects("""{ "type": "radio", "id": "Field_r", "key": "r", "values": [ { "label": "A", "value": "a" }, { "label": "Otra A", "value": "a" } ] }""");

        Assert.That(e.Problems.Single().Message, Is.EqualTo("values[1] offers the string \"a\" again; option values must be unique."));
    }

    [Test]
    public void A_default_value_the_field_would_reject_is_refused()
    {
        var e = Rejects(
            """{ "type": "number", "id": "F1", "key": "edad", "defaultValue": "dieciocho" }""",
            """{ "type": "select", "id": "F2", "key": "nivel", "values": [ { "label": "Primaria", "value": "primaria" } ], "defaultValue": "doctorado" }""");

        Assert.That(e.Problems.Select(p => p.Message), Is.EqualTo(new[]
        {
            "The defaultValue, the string \"dieciocho\", does not fit the field (type).",
            "The defaultValue, the string \"doctorado\", does not fit the field (option).",
        }));
    }

    [Test]
    public void Keys_and_paths_follow_form_js_syntax()
    {
        var e = Rejects(
            """{ "type": "textfield", "id": "F1", "key": "nombre completo" }""",
            """{ "type": "group", "id": "G1", "path": "datos..personales", "components": [] }""");

        Assert.That(e.Problems.Select(p => p.ComponentId), Is.EqualTo(new[] { "F1", "G1" }));
        Assert.That(e.Problems[0].Message, Does.StartWith("The key 'nombre completo' is not valid"));
    }

    [Test]
    public void A_repeating_dynamic_list_needs_a_path()
    {
        var e = Rejects("""{ "type": "dynamiclist", "id": "List_1", "isRepeating": true, "components": [] }""");

        Assert.That(e.Problems.Single().Message, Is.EqualTo("A repeating dynamic list needs a 'path' for its items."));
    }

    [Test]
    public void Validate_settings_must_have_the_right_types()
    {
        var e = Rejects(
            """{ "type": "number", "id": "F1", "key": "a", "validate": { "min": "cero", "required": "si" } }""",
            """{ "type": "textfield", "id": "F2", "key": "b", "validate": { "minLength": 2.5, "validationType": "dni" } }""",
            """{ "type": "number", "id": "F3", "key": "c", "decimalDigits": -1, "increment": 0 }""",
            """{ "type": "datetime", "id": "F4", "key": "d", "subtype": "week" }""");

        Assert.That(e.Problems.Select(p => p.Message), Is.EqualTo(new[]
        {
            "'validate.required' must be true or false, not the string \"si\".",
            "validate.min must be a number or a FEEL expression starting with '=', not \"cero\".",
            "validate.validationType 'dni' is not known: use 'email', 'phone' or leave it empty.",
            "validate.minLength must be a whole number of characters, 0 or more.",
            "decimalDigits must be a whole number, 0 or more, not the number -1.",
            "increment must be a number greater than 0, not the number 0.",
            "subtype 'week' is not known: use 'date', 'time' or 'datetime'.",
        }));
    }

    [Test]
    public void Every_problem_is_reported_at_once()
    {
        var e = Rejects(
            """{ "type": "textfield", "id": "F1" }""",
            """{ "type": "number", "id": "F2", "key": "n", "validate": { "pattern": "(" } }""",
            """{ "type": "group", "id": "G1", "components": [ { "type": "checkbox", "id": "F3" } ] }""");

        Assert.That(e.Problems, Has.Count.EqualTo(3));
        Assert.That(e.Problems[2].Location, Is.EqualTo("components[2].components[0]"));
        Assert.That(e.Message, Does.StartWith("Invalid form schema (3 problems):"));
    }

    [Test]
    public void Numeric_strings_and_empty_strings_in_settings_are_accepted_as_the_editor_writes_them()
    {
        var form = Form("""{ "type": "number", "id": "F1", "key": "monto", "increment": "0.5", "validate": { "min": "1", "max": "", "minLength": "" } }""");

        Assert.That(form.Validate("""{ "monto": 0.5 }""").Codes(), Is.EqualTo(new[] { "monto:min" }));
        Assert.That(form.Validate("""{ "monto": 1000.5 }""").IsValid, Is.True);
    }
}
