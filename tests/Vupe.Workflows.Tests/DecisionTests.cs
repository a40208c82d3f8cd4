using Vupe.Dmn;

namespace Vupe.Workflows.Tests;

/// <summary>The triage decisions on realistic profiles: exactly which services each one gets, and why.</summary>
public sealed class DecisionTests
{
    private static readonly DmnDecisionEvaluator Evaluator = VupeCatalogue.Load().CreateDecisionEvaluator();

    private static TestCaseData Case(string name, Dictionary<string, object?> profile, params string[] services) =>
        new TestCaseData(profile, services).SetName(name);

    public static IEnumerable<TestCaseData> CitizenProfiles()
    {
        yield return Case("Joven de 19 sin experiencia, 3 meses sin empleo, quiere capacitarse y pide el CUL",
            Profiles.Citizen(19, "desempleado", mesesDesempleo: 3, capacitacion: true, cul: true),
            "bolsa-trabajo", "asesoria-busqueda-empleo", "cul", "capacitacion-laboral");
        yield return Case("Adulto de 47, 14 meses sin empleo, primaria, 10 años de experiencia sin certificar, busca empleo temporal",
            Profiles.Citizen(47, "desempleado", mesesDesempleo: 14, nivel: "primaria", experiencia: "sin-certificar", anios: 10, temporal: true),
            "bolsa-trabajo", "asesoria-busqueda-empleo", "capacitacion-laboral", "certificacion-competencias", "empleo-temporal", "informacion-mercado-trabajo");
        yield return Case("Empleada de 35 con una idea de negocio",
            Profiles.Citizen(35, "empleado", nivel: "tecnica", experiencia: "certificada", anios: 8, emprende: true, etapa: "idea"),
            "orientacion-emprendimiento", "informacion-mercado-trabajo");
        yield return Case("Independiente de 24 con un negocio en inicio",
            Profiles.Citizen(24, "independiente", experiencia: "sin-certificar", anios: 1, emprende: true, etapa: "inicio"),
            "orientacion-emprendimiento", "capacitacion-emprendimiento");
        yield return Case("Independiente de 40 con un negocio en marcha",
            Profiles.Citizen(40, "independiente", nivel: "universitaria", experiencia: "certificada", anios: 15, emprende: true, etapa: "en-marcha"),
            "capacitacion-emprendimiento", "acercamiento-empresarial");
        yield return Case("Extranjero de 28 con título universitario, 2 meses sin empleo",
            Profiles.Citizen(28, "desempleado", mesesDesempleo: 2, nivel: "universitaria", experiencia: "certificada", anios: 4, migracion: "extranjero"),
            "bolsa-trabajo", "orientacion-migrante");
        yield return Case("Estudiante de 17 sin objetivo ocupacional, quiere capacitarse",
            Profiles.Citizen(17, "estudiante", capacitacion: true, objetivo: false),
            "capacitacion-laboral", "informacion-mercado-trabajo", "orientacion-vocacional");
        yield return Case("Persona con discapacidad de 33, 8 meses sin empleo, quiere capacitarse y pide el CUL",
            Profiles.Citizen(33, "desempleado", mesesDesempleo: 8, nivel: "tecnica", experiencia: "certificada", anios: 5, discapacidad: true, capacitacion: true, cul: true),
            "bolsa-trabajo", "asesoria-busqueda-empleo", "cul", "capacitacion-laboral");
        yield return Case("Retornante de 52 subempleado, 20 años de experiencia sin certificar, pide el CUL",
            Profiles.Citizen(52, "subempleado", nivel: "universitaria", experiencia: "sin-certificar", anios: 20, migracion: "retornante", cul: true),
            "bolsa-trabajo", "asesoria-busqueda-empleo", "cul", "certificacion-competencias", "orientacion-migrante", "informacion-mercado-trabajo");
        yield return Case("Empleado de 30 que piensa trabajar en el extranjero y pide el CUL",
            Profiles.Citizen(30, "empleado", nivel: "universitaria", experiencia: "certificada", anios: 6, migracion: "por-emigrar", cul: true),
            "cul", "orientacion-migrante");
        yield return Case("Desempleado de 26 sin objetivo ocupacional, 2 años de experiencia sin certificar, busca empleo temporal",
            Profiles.Citizen(26, "desempleado", mesesDesempleo: 1, experiencia: "sin-certificar", anios: 2, temporal: true, objetivo: false),
            "bolsa-trabajo", "certificacion-competencias", "empleo-temporal", "orientacion-vocacional");
        yield return Case("Empleado de 40 sin necesidades: ningún servicio",
            Profiles.Citizen(40, "empleado", nivel: "tecnica", experiencia: "certificada", anios: 12));
    }

    public static IEnumerable<TestCaseData> CompanyProfiles()
    {
        yield return Case("Pequeña empresa con 3 vacantes",
            Profiles.Company("pequena", 5, vacantes: 3),
            "acercamiento-empresarial", "bolsa-trabajo");
        yield return Case("Gran empresa con 25 vacantes que necesita de todo",
            Profiles.Company("grande", 20, vacantes: 25, capacitar: true, sinCertificar: true, informacion: true, extranjeros: true, formativas: true, discapacidad: true),
            "acercamiento-empresarial", "bolsa-trabajo", "capacitacion-laboral", "certificacion-competencias", "informacion-mercado-trabajo", "orientacion-migrante");
        yield return Case("Microempresa de un año sin vacantes",
            Profiles.Company("micro", 1),
            "acercamiento-empresarial", "orientacion-emprendimiento", "capacitacion-emprendimiento");
    }

    [TestCaseSource(nameof(CitizenProfiles))]
    public async Task The_citizen_triage_recommends_exactly(Dictionary<string, object?> profile, string[] services) =>
        Assert.That(await ServicesAsync("triaje-empleabilidad", profile), Is.EquivalentTo(services));

    [TestCaseSource(nameof(CompanyProfiles))]
    public async Task The_company_path_recommends_exactly(Dictionary<string, object?> profile, string[] services) =>
        Assert.That(await ServicesAsync("acercamiento-empresarial", profile), Is.EquivalentTo(services));

    [Test]
    public async Task Every_recommendation_carries_its_rules_reason_and_priority_and_the_explanation_names_the_rules()
    {
        var profile = Profiles.Citizen(33, "desempleado", mesesDesempleo: 8, nivel: "tecnica", experiencia: "certificada", anios: 5, discapacidad: true, capacitacion: true, cul: true);
        var result = await Evaluator.EvaluateAsync("triaje-empleabilidad", profile, CancellationToken.None);

        var recommendations = Recommendations(result.Value);
        Assert.That(recommendations.Select(r => r["motivo"]), Is.All.Not.Empty);
        Assert.That(recommendations.Single(r => (string)r["motivo"]! == "Persona con discapacidad: intermediación preferente con empleadores obligados a la cuota de empleo")["prioridad"],
            Is.EqualTo("alta"));
        var table = ((DmnExplanation)result.Explanation!).Decisions.Single().Tables.Single();
        Assert.That(table.HitPolicy, Is.EqualTo("COLLECT"));
        Assert.That(table.MatchedRuleIds, Is.EqualTo(new[]
        {
            "bolsa_busca_empleo", "bolsa_discapacidad", "asesoria_desempleo_largo", "asesoria_discapacidad", "cul_solicitado",
            "capacitacion_reconversion", "capacitacion_discapacidad",
        }));
        Assert.That(table.MatchedRules, Is.EqualTo(new[] { 1, 2, 3, 6, 8, 11, 13 }));
        Assert.That(table.MatchedRuleAnnotations, Does.Contain("Ley 29973: cuota de empleo para personas con discapacidad"));
        Assert.That(table.Inputs.Single(i => i.Input == "Edad").Value, Is.EqualTo(33m));
    }

    [Test]
    public async Task A_value_the_form_does_not_offer_is_an_error_naming_the_input()
    {
        var profile = Profiles.Citizen(40, "jubilado");
        var e = await Assert.ThrowsAsync<DmnEvaluationException>(async () => await Evaluator.EvaluateAsync("triaje-empleabilidad", profile, CancellationToken.None));
        Assert.That(e!.Message, Does.Contain("'Situación laboral' is \"jubilado\", which is not among its input values"));
    }

    [Test]
    public async Task A_wrongly_typed_answer_is_an_error_naming_the_input_data()
    {
        var profile = Profiles.Citizen(40, "empleado");
        profile["edad"] = "cuarenta";
        var e = await Assert.ThrowsAsync<DmnEvaluationException>(async () => await Evaluator.EvaluateAsync("triaje-empleabilidad", profile, CancellationToken.None));
        Assert.That(e!.Message, Does.Contain("Input data 'edad' does not conform to its type 'number'"));
    }

    private static async Task<List<string>> ServicesAsync(string decision, Dictionary<string, object?> profile)
    {
        var result = await Evaluator.EvaluateAsync(decision, profile, CancellationToken.None);
        return [.. Recommendations(result.Value).Select(r => (string)r["servicio"]!).Distinct()];
    }

    /// <summary>COLLECT gives a list of contexts (servicio, motivo, prioridad), or null when no rule matches.</summary>
    private static List<Dictionary<string, object?>> Recommendations(object? value) =>
        value is null ? [] : [.. ((List<object?>)value).Cast<Dictionary<string, object?>>()];
}
