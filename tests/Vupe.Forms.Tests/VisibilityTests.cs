using static Vupe.Forms.Tests.TestForms;

namespace Vupe.Forms.Tests;

/// <summary>Hidden, disabled and read-only fields: not validated, not submitted.</summary>
public class VisibilityTests
{
    private static readonly FormSchema Employment = Form(
        """{ "type": "select", "id": "F_sit", "key": "situacion", "values": [ { "label": "Desempleado", "value": "desempleado" }, { "label": "Empleado", "value": "empleado" } ] }""",
        """{ "type": "number", "id": "F_meses", "key": "mesesDesempleo", "conditional": { "hide": "=situacion != \"desempleado\"" }, "validate": { "required": true, "min": 0 } }""");

    [Test]
    public void A_hidden_field_is_not_validated_and_its_value_is_dropped()
    {
        var result = Employment.Validate("""{ "situacion": "empleado", "mesesDesempleo": "mucho" }""");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data.ContainsKey("mesesDesempleo"), Is.False);
    }

    [Test]
    public void A_shown_field_is_validated()
    {
        Assert.That(Employment.Validate("""{ "situacion": "desempleado" }""").Codes(), Is.EqualTo(new[] { "mesesDesempleo:required" }));
        Assert.That(Employment.Validate("""{ "situacion": "desempleado", "mesesDesempleo": 7 }""").Data["mesesDesempleo"], Is.EqualTo(7m));
    }

    [Test]
    public void Conditions_see_normalised_values()
    {
        // "17" from an API client compares as the number 17, as it would in the form-js viewer.
        var form = Form(
            """{ "type": "number", "id": "F_edad", "key": "edad" }""",
            """{ "type": "textfield", "id": "F_tutor", "key": "tutor", "conditional": { "hide": "=edad >= 18" }, "validate": { "required": true } }""");

        Assert.That(form.Validate("""{ "edad": "17" }""").Codes(), Is.EqualTo(new[] { "tutor:required" }));
        Assert.That(form.Validate("""{ "edad": "30" }""").IsValid, Is.True);
    }

    [Test]
    public void Conditions_see_default_values_of_absent_fields()
    {
        var form = Form(
            """{ "type": "checkbox", "id": "F_d", "key": "discapacidad", "defaultValue": true }""",
            """{ "type": "textfield", "id": "F_c", "key": "conadis", "conditional": { "hide": "=not(discapacidad)" }, "validate": { "required": true } }""");

        Assert.That(form.Validate("{}").Codes(), Is.EqualTo(new[] { "conadis:required" }));
        Assert.That(form.Validate("""{ "discapacidad": false }""").IsValid, Is.True);
    }

    [Test]
    public void A_condition_that_is_not_true_shows_the_field()
    {
        // form-js hides only on true: null (a missing variable, a type clash) shows the field.
        var form = Form("""{ "type": "textfield", "id": "F", "key": "motivo", "conditional": { "hide": "=noExiste > 3" }, "validate": { "required": true } }""");

        Assert.That(form.Validate("{}").Codes(), Is.EqualTo(new[] { "motivo:required" }));
    }

    [Test]
    public void A_hidden_group_hides_everything_in_it()
    {
        var form = Form(
            """{ "type": "checkbox", "id": "F_e", "key": "esEmpresa" }""",
            """{ "type": "group", "id": "G", "path": "empresa", "conditional": { "hide": "=not(esEmpresa)" }, "components": [ { "type": "textfield", "id": "F_ruc", "key": "ruc", "validate": { "required": true } } ] }""");

        var result = form.Validate("""{ "esEmpresa": false, "empresa": { "ruc": "x" } }""");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data.Keys, Is.EqualTo(new[] { "esEmpresa" }));
        Assert.That(form.Validate("""{ "esEmpresa": true }""").Codes(), Is.EqualTo(new[] { "empresa.ruc:required" }));
    }

    [Test]
    public void A_hidden_dynamic_list_is_dropped_whole()
    {
        var form = Form(
            """{ "type": "checkbox", "id": "F_s", "key": "sinExperiencia" }""",
            """{ "type": "dynamiclist", "id": "L", "path": "experiencia", "isRepeating": true, "conditional": { "hide": "=sinExperiencia" }, "components": [ { "type": "textfield", "id": "F_emp", "key": "empresa", "validate": { "required": true } } ] }""");

        var result = form.Validate("""{ "sinExperiencia": true, "experiencia": [ {} ] }""");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data.ContainsKey("experiencia"), Is.False);
    }

    [Test]
    public void In_a_list_item_this_is_the_item_parent_the_enclosing_data_and_i_the_index()
    {
        var form = Form(
            """{ "type": "number", "id": "F_max", "key": "maxHijos" }""",
            """
            { "type": "dynamiclist", "id": "L", "path": "hijos", "isRepeating": true, "components": [
                { "type": "checkbox", "id": "F_est", "key": "estudia" },
                { "type": "textfield", "id": "F_col", "key": "colegio", "conditional": { "hide": "=not(this.estudia)" }, "validate": { "required": true } },
                { "type": "textfield", "id": "F_extra", "key": "nota", "conditional": { "hide": "=i[1] <= parent.maxHijos" }, "validate": { "required": true } }
            ] }
            """);

        var result = form.Validate("""{ "maxHijos": 1, "hijos": [ { "estudia": true }, { "estudia": false } ] }""");

        Assert.That(result.Codes(), Is.EqualTo(new[] { "hijos[0].colegio:required", "hijos[1].nota:required" }));
    }

    [Test]
    public void At_the_top_level_this_is_the_whole_data_and_i_is_empty()
    {
        var form = Form(
            """{ "type": "checkbox", "id": "F_a", "key": "a" }""",
            """{ "type": "textfield", "id": "F_b", "key": "b", "conditional": { "hide": "=this.a and count(i) = 0 and count(_i_) = 0" }, "validate": { "required": true } }""");

        Assert.That(form.Validate("""{ "a": true }""").IsValid, Is.True);
        Assert.That(form.Validate("""{ "a": false }""").Codes(), Is.EqualTo(new[] { "b:required" }));
    }

    [Test]
    public void A_data_value_named_this_wins_over_the_scope_but_underscored_names_reach_it()
    {
        var form = Form(
            """{ "type": "checkbox", "id": "F_a", "key": "a" }""",
            """{ "type": "textfield", "id": "F_b", "key": "b", "conditional": { "hide": "=_this_.a" }, "validate": { "required": true } }""",
            """{ "type": "textfield", "id": "F_c", "key": "c", "conditional": { "hide": "=this = \"x\"" }, "validate": { "required": true } }""");

        Assert.That(form.Validate("""{ "a": true, "this": "x" }""").IsValid, Is.True);
    }

    [Test]
    public void Top_level_names_in_a_list_item_read_the_whole_data_as_in_form_js()
    {
        var form = Form(
            """{ "type": "checkbox", "id": "F_a", "key": "ocultarTodo" }""",
            """{ "type": "dynamiclist", "id": "L", "path": "items", "isRepeating": true, "components": [ { "type": "textfield", "id": "F_n", "key": "nombre", "conditional": { "hide": "=ocultarTodo" }, "validate": { "required": true } } ] }""");

        Assert.That(form.Validate("""{ "ocultarTodo": true, "items": [ {}, {} ] }""").IsValid, Is.True);
    }

    [Test]
    public void Conditions_read_the_variables_the_form_was_opened_with()
    {
        var form = Form("""{ "type": "textfield", "id": "F_ruc", "key": "ruc", "conditional": { "hide": "=tipoSolicitante != \"empresa\"" }, "validate": { "required": true } }""");
        var company = new FormValidationOptions { Variables = new Dictionary<string, object?> { ["tipoSolicitante"] = "empresa" } };
        var citizen = new FormValidationOptions { Variables = new Dictionary<string, object?> { ["tipoSolicitante"] = "ciudadano" } };

        Assert.That(form.Validate("{}", company).Codes(), Is.EqualTo(new[] { "ruc:required" }));
        Assert.That(form.Validate("{}", citizen).IsValid, Is.True);
        Assert.That(form.Validate("""{ "tipoSolicitante": "empresa" }""", citizen).Codes(), Is.EqualTo(new[] { "ruc:required" }), "submitted values win over variables");
        Assert.That(form.Validate("{}", citizen).Data.ContainsKey("tipoSolicitante"), Is.False, "variables are read, never copied out");
    }

    [Test]
    public void Variables_keep_their_feel_types()
    {
        var form = Form("""{ "type": "textfield", "id": "F", "key": "motivo", "conditional": { "hide": "=fechaRegistro < date(\"2025-01-01\")" }, "validate": { "required": true } }""");
        var options = new FormValidationOptions { Variables = new Dictionary<string, object?> { ["fechaRegistro"] = new DateOnly(2024, 6, 1) } };

        Assert.That(form.Validate("{}", options).IsValid, Is.True);
    }

    [Test]
    public void Disabled_fields_are_neither_validated_nor_submitted()
    {
        var form = Form("""{ "type": "number", "id": "F", "key": "puntaje", "disabled": true, "validate": { "required": true, "max": 10 } }""");

        var result = form.Validate("""{ "puntaje": 99 }""");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data, Is.Empty);
    }

    [Test]
    public void Read_only_fields_are_neither_validated_nor_submitted()
    {
        // The process keeps its own value (a DNI verified with RENIEC): a client cannot overwrite it through the form.
        var form = Form("""{ "type": "textfield", "id": "F", "key": "dni", "readonly": true, "validate": { "required": true, "pattern": "^[0-9]{8}$" } }""");

        var result = form.Validate("""{ "dni": "99999999x" }""");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data, Is.Empty);
    }

    [Test]
    public void Read_only_and_disabled_may_be_feel_expressions()
    {
        var form = Form(
            """{ "type": "checkbox", "id": "F_v", "key": "verificado" }""",
            """{ "type": "textfield", "id": "F_n", "key": "nombre", "readonly": "=verificado", "validate": { "required": true } }""",
            """{ "type": "number", "id": "F_s", "key": "sueldo", "disabled": "=not(verificado)", "validate": { "required": true } }""");

        Assert.That(form.Validate("""{ "verificado": true, "sueldo": 1200 }""").Data.Keys, Is.EqualTo(new[] { "verificado", "sueldo" }));
        Assert.That(form.Validate("""{ "verificado": false }""").Codes(), Is.EqualTo(new[] { "nombre:required" }));
    }
}
