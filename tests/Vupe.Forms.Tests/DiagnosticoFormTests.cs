using static Vupe.Forms.Tests.TestForms;

namespace Vupe.Forms.Tests;

/// <summary>
/// The consultant's "diagnóstico de empleabilidad", saved as the form-js editor saves it (Forms/), validated the way
/// the server will when a consultant completes the triage task.
/// </summary>
public class DiagnosticoFormTests
{
    private static readonly FormSchema Form = FormSchema.Parse(Fixture("diagnostico-empleabilidad.form.json"));

    private static readonly FormValidationOptions Opened = new()
    {
        // What the task showed: the DNI came from the case file (read-only in the form).
        Variables = new Dictionary<string, object?> { ["dni"] = "45871236", ["oficina"] = "LIM" },
    };

    [Test]
    public void A_complete_interview_is_valid_and_normalised()
    {
        var result = Form.Validate("""
            {
              "dni": "45871236",
              "nombres": "Rosa Mamani Quispe",
              "edad": "34",
              "fechaNacimiento": "1991-05-14",
              "situacionLaboral": "desempleado",
              "mesesDesempleo": 8,
              "nivelEducativo": "secundaria",
              "barreras": ["cuidado", "transporte"],
              "competencias": ["atencion_cliente", "ventas"],
              "tieneDiscapacidad": false,
              "contacto": { "correo": "rosa.mamani@correo.pe", "telefono": "+51987654321" },
              "experiencia": [
                { "empresa": "Bodega Don Lucho", "cargo": "Vendedora", "meses": 30, "actual": false, "fechaCese": "2024-07-31" }
              ],
              "requiereCapacitacion": true,
              "observaciones": "Interesada en capacitación en ventas.",
              "autorizaDatos": true,
              "rolInterno": "supervisor"
            }
            """, Opened);

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Errors));
        Assert.That(result.Data, Is.EqualTo(new Dictionary<string, object?>
        {
            ["nombres"] = "Rosa Mamani Quispe",
            ["edad"] = 34m,
            ["fechaNacimiento"] = "1991-05-14",
            ["situacionLaboral"] = "desempleado",
            ["mesesDesempleo"] = 8m,
            ["nivelEducativo"] = "secundaria",
            ["disponibilidad"] = "tiempo_completo",
            ["barreras"] = new List<object?> { "cuidado", "transporte" },
            ["competencias"] = new List<object?> { "atencion_cliente", "ventas" },
            ["tieneDiscapacidad"] = false,
            ["contacto"] = new Dictionary<string, object?> { ["correo"] = "rosa.mamani@correo.pe", ["telefono"] = "+51987654321" },
            ["experiencia"] = new List<object?>
            {
                new Dictionary<string, object?> { ["empresa"] = "Bodega Don Lucho", ["cargo"] = "Vendedora", ["meses"] = 30m, ["actual"] = false, ["fechaCese"] = "2024-07-31" },
            },
            ["requiereCapacitacion"] = false,
            ["observaciones"] = "Interesada en capacitación en ventas.",
            ["autorizaDatos"] = true,
        }));
    }

    [Test]
    public void A_careless_submission_gets_every_field_error_in_spanish()
    {
        var result = Form.Validate("""
            {
              "nombres": "R",
              "edad": 16.5,
              "fechaNacimiento": "2009-02-29",
              "situacionLaboral": "jubilado",
              "nivelEducativo": "primaria",
              "disponibilidad": "noches",
              "competencias": ["magia"],
              "tieneDiscapacidad": true,
              "registroConadis": "ABC",
              "contacto": { "correo": "rosa@", "telefono": "987654321" },
              "experiencia": [
                { "empresa": "Bodega Don Lucho", "cargo": "Vendedora", "meses": 0.5, "actual": true },
                { "cargo": "Ayudante de cocina" }
              ]
            }
            """, Opened);

        Assert.That(result.Errors.Select(e => $"{e.Path}|{e.Code}|{e.Message}"), Is.EqualTo(new[]
        {
            "nombres|minLength|Debe tener al menos 2 caracteres.",
            "edad|min|Debe ser un número mayor o igual a 18.",
            "edad|decimalDigits|Debe ser un número entero.",
            "fechaNacimiento|format|Debe ser una fecha válida (AAAA-MM-DD).",
            "situacionLaboral|option|Seleccione una opción válida.",
            "disponibilidad|option|Seleccione una opción válida.",
            "competencias|option|Contiene una opción que no es válida.",
            "registroConadis|pattern|El formato no es válido.",
            "contacto.correo|email|Debe ser un correo electrónico válido.",
            "contacto.telefono|phone|Debe ser un número de teléfono internacional válido (por ejemplo, +51987654321).",
            "experiencia[0].meses|min|Debe ser un número mayor o igual a 1.",
            "experiencia[0].meses|decimalDigits|Debe ser un número entero.",
            "experiencia[1].empresa|required|Este campo es obligatorio.",
            "experiencia[1].fechaCese|required|Este campo es obligatorio.",
            "autorizaDatos|required|Este campo es obligatorio.",
        }));
        Assert.That(result.Errors.First(e => e.Path == "experiencia[1].empresa").ComponentId, Is.EqualTo("Field_0empres"));
    }

    [Test]
    public void Months_unemployed_are_asked_only_of_the_unemployed()
    {
        var employed = Form.Validate("""
            { "nombres": "Jorge Huamán", "edad": 41, "situacionLaboral": "empleado", "mesesDesempleo": "no aplica",
              "nivelEducativo": "universitaria", "contacto": { "telefono": "+51912345678" }, "autorizaDatos": true }
            """, Opened);

        Assert.That(employed.IsValid, Is.True, string.Join("; ", employed.Errors));
        Assert.That(employed.Data.ContainsKey("mesesDesempleo"), Is.False);
        Assert.That(employed.Data["experiencia"], Is.EqualTo(new List<object?>()));
        Assert.That(employed.Data["requiereCapacitacion"], Is.EqualTo(false));
    }

    [Test]
    public void The_training_flag_is_computed_from_the_education_level()
    {
        var result = Form.Validate("""
            { "nombres": "Jorge Huamán", "edad": 41, "situacionLaboral": "empleado", "nivelEducativo": "primaria",
              "contacto": { "telefono": "+51912345678" }, "autorizaDatos": true, "requiereCapacitacion": false }
            """, Opened);

        Assert.That(result.Data["requiereCapacitacion"], Is.EqualTo(true));
    }

    [Test]
    public void The_read_only_dni_never_reaches_the_process()
    {
        var result = Form.Validate("""
            { "dni": "00000000", "nombres": "Jorge Huamán", "edad": 41, "situacionLaboral": "empleado", "nivelEducativo": "secundaria",
              "contacto": { "telefono": "+51912345678" }, "autorizaDatos": true }
            """, Opened);

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Data.ContainsKey("dni"), Is.False);
    }
}
