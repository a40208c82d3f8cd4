using static Vupe.Forms.Tests.TestForms;

namespace Vupe.Forms.Tests;

/// <summary>One rule at a time: required, types, numbers, text, options. Each error carries a Spanish message.</summary>
public class FieldRuleTests
{
    private static readonly FormSchema Required = Form(
        """{ "type": "textfield", "id": "F_nombre", "key": "nombre", "validate": { "required": true } }""",
        """{ "type": "number", "id": "F_edad", "key": "edad", "validate": { "required": true } }""",
        """{ "type": "checkbox", "id": "F_acepta", "key": "acepta", "validate": { "required": true } }""",
        """{ "type": "checklist", "id": "F_barreras", "key": "barreras", "values": [ { "label": "Transporte", "value": "transporte" } ], "validate": { "required": true } }""",
        """{ "type": "select", "id": "F_nivel", "key": "nivel", "values": [ { "label": "Primaria", "value": "primaria" } ], "validate": { "required": true } }""");

    [Test]
    public void Required_fields_missing_from_the_data_are_reported_in_schema_order()
    {
        var result = Required.Validate("{}");

        Assert.That(result.Codes(), Is.EqualTo(new[] { "nombre:required", "edad:required", "acepta:required", "barreras:required", "nivel:required" }));
        Assert.That(result.Errors.Select(e => e.Message).Distinct(), Is.EqualTo(new[] { "Este campo es obligatorio." }));
        Assert.That(result.Errors[0].ComponentId, Is.EqualTo("F_nombre"));
        Assert.That(result.IsValid, Is.False);
    }

    [TestCase("""{ "nombre": null }""")]
    [TestCase("""{ "nombre": "" }""")]
    [TestCase("""{ "nombre": "   " }""")]
    public void Null_empty_and_blank_text_do_not_fill_a_required_field(string data)
    {
        var form = Form("""{ "type": "textfield", "id": "F", "key": "nombre", "validate": { "required": true } }""");

        Assert.That(form.Validate(data).Single().Code, Is.EqualTo(FormErrorCodes.Required));
    }

    [Test]
    public void An_unchecked_checkbox_and_an_empty_list_do_not_fill_required_fields()
    {
        var result = Required.Validate("""{ "nombre": "Ana", "edad": 30, "acepta": false, "barreras": [], "nivel": "primaria" }""");

        Assert.That(result.Codes(), Is.EqualTo(new[] { "acepta:required", "barreras:required" }));
    }

    [Test]
    public void Filled_required_fields_pass_and_are_copied_out()
    {
        var result = Required.Validate("""{ "nombre": "Ana Quispe", "edad": 30, "acepta": true, "barreras": ["transporte"], "nivel": "primaria" }""");

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Errors));
        Assert.That(result.Data["nombre"], Is.EqualTo("Ana Quispe"));
        Assert.That(result.Data["edad"], Is.EqualTo(30m));
        Assert.That(result.Data["acepta"], Is.EqualTo(true));
        Assert.That(result.Data["barreras"], Is.EqualTo(new List<object?> { "transporte" }));
    }

    [TestCase("\"abc\"")]
    [TestCase("\"18 años\"")]
    [TestCase("\"1,5\"")]
    [TestCase("\"1e3\"")]
    [TestCase("\"18\\n\"")]
    [TestCase("true")]
    [TestCase("[18]")]
    [TestCase("{ \"valor\": 18 }")]
    public void A_number_field_refuses_what_is_not_a_number(string value)
    {
        var form = Form("""{ "type": "number", "id": "F_edad", "key": "edad" }""");

        var error = form.Validate($$"""{ "edad": {{value}} }""").Single();

        Assert.That((error.Path, error.Code, error.Message), Is.EqualTo(("edad", "type", "Debe ser un número.")));
    }

    [Test]
    public void A_number_field_accepts_numeric_strings_and_normalises_them_to_decimal()
    {
        var form = Form("""{ "type": "number", "id": "F_edad", "key": "edad" }""", """{ "type": "number", "id": "F_m", "key": "monto" }""");

        var result = form.Validate("""{ "edad": "18", "monto": "-2.50" }""");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data["edad"], Is.EqualTo(18m).And.TypeOf<decimal>());
        Assert.That(result.Data["monto"], Is.EqualTo(-2.5m));
    }

    [Test]
    public void A_number_field_that_serialises_to_string_keeps_a_string()
    {
        var form = Form("""{ "type": "number", "id": "F_m", "key": "monto", "serializeToString": true, "validate": { "max": 100 } }""");

        Assert.That(form.Validate("""{ "monto": 12.50 }""").Data["monto"], Is.EqualTo("12.50"));
        Assert.That(form.Validate("""{ "monto": "150" }""").Single().Code, Is.EqualTo("max"));
    }

    [Test]
    public void An_empty_number_is_no_value()
    {
        var form = Form("""{ "type": "number", "id": "F_m", "key": "meses", "validate": { "min": 1 } }""");

        var result = form.Validate("""{ "meses": "" }""");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data["meses"], Is.Null);
    }

    [Test]
    public void Min_and_max_say_the_bound_in_the_message()
    {
        var form = Form("""{ "type": "number", "id": "F_edad", "key": "edad", "validate": { "min": 18, "max": 65.5 } }""");

        var low = form.Validate("""{ "edad": 17 }""").Single();
        var high = form.Validate("""{ "edad": 66 }""").Single();

        Assert.That((low.Code, low.Message), Is.EqualTo(("min", "Debe ser un número mayor o igual a 18.")));
        Assert.That((high.Code, high.Message), Is.EqualTo(("max", "Debe ser un número menor o igual a 65.5.")));
        Assert.That(form.Validate("""{ "edad": 18 }""").IsValid, Is.True, "bounds are inclusive");
        Assert.That(form.Validate("""{ "edad": 0 }""").Single().Code, Is.EqualTo("min"), "zero is a value, unlike in a careless JavaScript check");
    }

    [Test]
    public void A_bound_may_be_a_feel_expression_over_the_data()
    {
        var form = Form(
            """{ "type": "number", "id": "F_min", "key": "edadMinima" }""",
            """{ "type": "number", "id": "F_edad", "key": "edad", "validate": { "min": "=edadMinima + 1" } }""");

        Assert.That(form.Validate("""{ "edadMinima": 17, "edad": 17 }""").Single().Message, Is.EqualTo("Debe ser un número mayor o igual a 18."));
        Assert.That(form.Validate("""{ "edadMinima": 17, "edad": 18 }""").IsValid, Is.True);
        Assert.That(form.Validate("""{ "edad": 3 }""").IsValid, Is.True, "a bound that evaluates to null checks nothing");
    }

    [Test]
    public void Decimal_digits_limit_the_decimals()
    {
        var integer = Form("""{ "type": "number", "id": "F", "key": "hijos", "decimalDigits": 0 }""");
        var two = Form("""{ "type": "number", "id": "F", "key": "sueldo", "decimalDigits": 2 }""");

        Assert.That(integer.Validate("""{ "hijos": 2.5 }""").Single().Message, Is.EqualTo("Debe ser un número entero."));
        Assert.That(integer.Validate("""{ "hijos": 2.0 }""").IsValid, Is.True, "2.0 has no decimals that count");
        Assert.That(two.Validate("""{ "sueldo": 1025.505 }""").Single(), Has.Property("Code").EqualTo("decimalDigits").And.Property("Message").EqualTo("Debe tener como máximo 2 decimales."));
        Assert.That(two.Validate("""{ "sueldo": 1025.50 }""").IsValid, Is.True);
    }

    [Test]
    public void Trailing_zeros_are_no_decimals_and_bounds_are_written_without_them()
    {
        var form = Form("""{ "type": "number", "id": "F", "key": "nota", "decimalDigits": 1, "validate": { "min": 10.50 } }""");

        Assert.That(form.Validate("""{ "nota": 12.500 }""").IsValid, Is.True);
        Assert.That(form.Validate("""{ "nota": 9 }""").Single().Message, Is.EqualTo("Debe ser un número mayor o igual a 10.5."));
    }

    [Test]
    public void Increment_names_the_two_nearest_valid_values()
    {
        var form = Form("""{ "type": "number", "id": "F", "key": "horas", "increment": 0.5 }""");

        var error = form.Validate("""{ "horas": 7.2 }""").Single();

        Assert.That((error.Code, error.Message), Is.EqualTo(("increment", "Seleccione un valor válido; los dos valores válidos más cercanos son 7 y 7.5.")));
        Assert.That(form.Validate("""{ "horas": 7.5 }""").IsValid, Is.True);
    }

    [TestCase("12345678")]
    [TestCase("true")]
    [TestCase("[\"a\"]")]
    public void A_text_field_refuses_what_is_not_text(string value)
    {
        // A DNI sent as a number would lose its leading zero: text stays text.
        var form = Form("""{ "type": "textfield", "id": "F_dni", "key": "dni" }""");

        var error = form.Validate($$"""{ "dni": {{value}} }""").Single();

        Assert.That((error.Code, error.Message), Is.EqualTo(("type", "Debe ser un texto.")));
    }

    [Test]
    public void Lengths_are_measured_without_surrounding_blanks()
    {
        var form = Form("""{ "type": "textarea", "id": "F", "key": "motivo", "validate": { "minLength": 5, "maxLength": 8 } }""");

        Assert.That(form.Validate("""{ "motivo": "  abc    " }""").Single().Message, Is.EqualTo("Debe tener al menos 5 caracteres."));
        Assert.That(form.Validate("""{ "motivo": "abcdefghi" }""").Single().Message, Is.EqualTo("Debe tener como máximo 8 caracteres."));
        var result = form.Validate("""{ "motivo": "  abcde  " }""");
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data["motivo"], Is.EqualTo("  abcde  "), "the text is kept as typed");
    }

    [Test]
    public void Length_messages_speak_of_one_character_in_the_singular()
    {
        var form = Form("""{ "type": "textfield", "id": "F", "key": "inicial", "validate": { "minLength": 1, "maxLength": 1 } }""");

        Assert.That(form.Validate("""{ "inicial": "AB" }""").Single().Message, Is.EqualTo("Debe tener como máximo 1 carácter."));
    }

    [Test]
    public void A_pattern_is_searched_in_the_value_as_in_the_browser()
    {
        var anchored = Form("""{ "type": "textfield", "id": "F", "key": "dni", "validate": { "pattern": "^[0-9]{8}$" } }""");
        var loose = Form("""{ "type": "textfield", "id": "F", "key": "ruc", "validate": { "pattern": "[0-9]{11}" } }""");

        var error = anchored.Validate("""{ "dni": "1234567" }""").Single();
        Assert.That((error.Code, error.Message), Is.EqualTo(("pattern", "El formato no es válido.")));
        Assert.That(anchored.Validate("""{ "dni": "01234567" }""").IsValid, Is.True);
        Assert.That(loose.Validate("""{ "ruc": "RUC 20123456789" }""").IsValid, Is.True, "unanchored, like JavaScript's RegExp.test");
    }

    [Test]
    public void A_pattern_uses_javascript_character_classes()
    {
        // In .NET \d also matches Arabic-Indic digits; in the browser it does not.
        var form = Form("""{ "type": "textfield", "id": "F", "key": "codigo", "validate": { "pattern": "^\\d+$" } }""");

        Assert.That(form.Validate("""{ "codigo": "١٢٣" }""").Single().Code, Is.EqualTo("pattern"));
        Assert.That(form.Validate("""{ "codigo": "123" }""").IsValid, Is.True);
    }

    [Test]
    public void A_pattern_that_runs_away_refuses_the_value_instead_of_stalling_the_server()
    {
        var form = Form("""{ "type": "textfield", "id": "F", "key": "codigo", "validate": { "pattern": "^(a+)+$" } }""");

        Assert.That(form.Validate("""{ "codigo": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" }""").Single().Code, Is.EqualTo("pattern"));
        Assert.That(form.Validate("""{ "codigo": "aaaa" }""").IsValid, Is.True);
    }

    [TestCase("ana.quispe@trabajo.gob.pe", true)]
    [TestCase("ana+vupe@gmail.com", true)]
    [TestCase("ana.quispe", false)]
    [TestCase("ana@", false)]
    [TestCase("ana quispe@correo.pe", false)]
    public void Email_validation(string email, bool valid)
    {
        var form = Form("""{ "type": "textfield", "id": "F", "key": "correo", "validate": { "validationType": "email" } }""");

        var result = form.Validate($$"""{ "correo": "{{email}}" }""");

        Assert.That(result.IsValid, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(result.Single().Message, Is.EqualTo("Debe ser un correo electrónico válido."));
        }
    }

    [TestCase("+51987654321", true)]
    [TestCase("0051987654321", true)]
    [TestCase("+4930664040900", true)]
    [TestCase("987654321", false)]
    [TestCase("+51 987 654 321", false)]
    [TestCase("+51-ABC", false)]
    public void Phone_validation_wants_an_international_number(string phone, bool valid)
    {
        var form = Form("""{ "type": "textfield", "id": "F", "key": "telefono", "validate": { "validationType": "phone" } }""");

        var result = form.Validate($$"""{ "telefono": "{{phone}}" }""");

        Assert.That(result.IsValid, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(result.Single().Code, Is.EqualTo("phone"));
        }
    }

    [Test]
    public void Text_rules_do_not_apply_to_an_empty_optional_field()
    {
        var form = Form("""{ "type": "textfield", "id": "F", "key": "correo", "validate": { "validationType": "email", "minLength": 5, "pattern": "@" } }""");

        Assert.That(form.Validate("""{ "correo": "" }""").IsValid, Is.True);
    }

    [Test]
    public void Several_failing_rules_on_one_field_are_all_reported()
    {
        var form = Form("""{ "type": "textfield", "id": "F", "key": "correo", "validate": { "validationType": "email", "minLength": 10 } }""");

        Assert.That(form.Validate("""{ "correo": "abc" }""").Codes(), Is.EqualTo(new[] { "correo:minLength", "correo:email" }));
    }

    [Test]
    public void A_checkbox_takes_booleans_and_their_text()
    {
        var form = Form("""{ "type": "checkbox", "id": "F", "key": "discapacidad" }""");

        Assert.That(form.Validate("""{ "discapacidad": "true" }""").Data["discapacidad"], Is.EqualTo(true));
        Assert.That(form.Validate("""{ "discapacidad": null }""").Data["discapacidad"], Is.EqualTo(false));
        Assert.That(form.Validate("""{ "discapacidad": "si" }""").Single().Message, Is.EqualTo("Debe ser verdadero o falso."));
        Assert.That(form.Validate("""{ "discapacidad": 1 }""").Single().Code, Is.EqualTo("type"));
    }

    private static readonly FormSchema Choices = Form(
        """{ "type": "select", "id": "F_nivel", "key": "nivel", "values": [ { "label": "Primaria", "value": "primaria" }, { "label": "Secundaria", "value": "secundaria" } ] }""",
        """{ "type": "radio", "id": "F_hijos", "key": "hijos", "values": [ { "label": "Ninguno", "value": 0 }, { "label": "Uno", "value": 1 } ] }""",
        """{ "type": "checklist", "id": "F_barreras", "key": "barreras", "values": [ { "label": "Transporte", "value": "transporte" }, { "label": "Cuidado", "value": "cuidado" } ] }""",
        """{ "type": "taglist", "id": "F_comp", "key": "competencias", "values": [ { "label": "Ventas", "value": "ventas" }, { "label": "Ofimática", "value": "ofimatica" } ] }""");

    [Test]
    public void Select_and_radio_values_must_be_one_of_the_options()
    {
        var result = Choices.Validate("""{ "nivel": "doctorado", "hijos": 3 }""");

        Assert.That(result.Codes(), Is.EqualTo(new[] { "nivel:option", "hijos:option" }));
        Assert.That(result.Errors[0].Message, Is.EqualTo("Seleccione una opción válida."));
    }

    [Test]
    public void Options_compare_exactly_but_numbers_by_value()
    {
        Assert.That(Choices.Validate("""{ "nivel": "Primaria" }""").Single().Code, Is.EqualTo("option"), "case matters");
        var result = Choices.Validate("""{ "nivel": "primaria", "hijos": "1" }""");
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data["hijos"], Is.EqualTo(1m), "normalised to the option's own value");
    }

    [Test]
    public void A_single_choice_refuses_lists_and_objects()
    {
        Assert.That(Choices.Validate("""{ "nivel": ["primaria"] }""").Single(), Has.Property("Code").EqualTo("type").And.Property("Message").EqualTo("Debe ser una de las opciones."));
    }

    [Test]
    public void Checklist_and_taglist_take_a_list_of_options()
    {
        var result = Choices.Validate("""{ "barreras": ["transporte", "cuidado"], "competencias": ["ventas", "cocina"] }""");

        var error = result.Single();
        Assert.That((error.Path, error.Code, error.Message), Is.EqualTo(("competencias", "option", "Contiene una opción que no es válida.")));
        Assert.That(result.Data["barreras"], Is.EqualTo(new List<object?> { "transporte", "cuidado" }));
        Assert.That(result.Data.ContainsKey("competencias"), Is.False, "a field with an error is left out of the data");
    }

    [Test]
    public void A_multiple_choice_refuses_a_single_value()
    {
        Assert.That(Choices.Validate("""{ "barreras": "transporte" }""").Single(), Has.Property("Code").EqualTo("type").And.Property("Message").EqualTo("Debe ser una lista."));
        Assert.That(Choices.Validate("""{ "barreras": [ { "value": "transporte" } ] }""").Single().Code, Is.EqualTo("type"));
    }

    [Test]
    public void Untouched_choices_take_form_js_empty_values()
    {
        var result = Choices.Validate("{}");

        Assert.That(result.Data["nivel"], Is.Null);
        Assert.That(result.Data["barreras"], Is.EqualTo(new List<object?>()));
        Assert.That(result.Data["competencias"], Is.EqualTo(new List<object?>()));
    }

    [Test]
    public void Dynamic_options_accept_any_simple_value()
    {
        var form = Form(
            """{ "type": "select", "id": "F1", "key": "oficina", "valuesKey": "oficinas" }""",
            """{ "type": "taglist", "id": "F2", "key": "servicios", "valuesExpression": "=catalogo.servicios" }""");

        var result = form.Validate("""{ "oficina": "LIM-01", "servicios": ["cul", 12] }""");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data["servicios"], Is.EqualTo(new List<object?> { "cul", 12m }));
        Assert.That(form.Validate("""{ "oficina": { "id": 1 } }""").Single().Code, Is.EqualTo("type"));
    }

    [Test]
    public void A_file_picker_holds_a_file_reference()
    {
        var form = Form("""{ "type": "filepicker", "id": "F", "key": "cv", "multiple": true, "validate": { "required": true } }""");

        Assert.That(form.Validate("""{ "cv": "files::8c2f" }""").Data["cv"], Is.EqualTo("files::8c2f"));
        Assert.That(form.Validate("""{ "cv": null }""").Single().Code, Is.EqualTo("required"));
        Assert.That(form.Validate("""{ "cv": 12 }""").Single().Message, Is.EqualTo("Debe ser una referencia a archivos."));
    }
}
