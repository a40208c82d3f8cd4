using Vupe.Dmn;

namespace Vupe.Workflows.Tests;

/// <summary>
/// The decisions of the service procedures: which procedure each service opens (procedimiento-por-servicio) and who is
/// eligible for the temporary-work programmes and why (elegibilidad-empleo-temporal).
/// </summary>
public sealed class ServiceDecisionTests
{
    private static readonly VupeCatalogue Catalogue = VupeCatalogue.Load();
    private static readonly DmnDecisionEvaluator Evaluator = Catalogue.CreateDecisionEvaluator();

    private static async Task<Dictionary<string, string>> ProceduresAsync(string userKind, IEnumerable<string> services)
    {
        var result = await Evaluator.EvaluateAsync(VupeProcesses.ProcedureByService,
            new Dictionary<string, object?> { ["tipoUsuario"] = userKind, ["serviciosConfirmados"] = services.ToList<object?>() }, CancellationToken.None);
        return Rows(result.Value).ToDictionary(r => (string)r["servicio"]!, r => (string)r["proceso"]!);
    }

    private static List<Dictionary<string, object?>> Rows(object? value) => value is null ? [] : [.. ((List<object?>)value).Cast<Dictionary<string, object?>>()];

    [Test]
    public async Task Every_service_a_citizen_is_referred_to_opens_its_own_procedure()
    {
        var procedures = await ProceduresAsync("ciudadano", VupeServices.All.Select(s => s.Code));
        Assert.That(procedures.Keys, Is.EquivalentTo(VupeServices.All.Select(s => s.Code)), "one procedure per service, none missing, none twice");
        Assert.That(procedures, Is.EquivalentTo(new Dictionary<string, string>
        {
            [VupeServices.LabourMarketInformation] = VupeProcesses.LabourMarketInformation,
            [VupeServices.JobBank] = VupeProcesses.JobBank,
            [VupeServices.BusinessOutreach] = VupeProcesses.BusinessOutreachFollowUp,
            [VupeServices.VocationalGuidance] = VupeProcesses.VocationalGuidance,
            [VupeServices.JobTraining] = VupeProcesses.JobTraining,
            [VupeServices.EntrepreneurshipTraining] = VupeProcesses.EntrepreneurshipTraining,
            [VupeServices.EntrepreneurshipGuidance] = VupeProcesses.EntrepreneurshipGuidance,
            [VupeServices.JobSearchCounselling] = VupeProcesses.JobSearchCounselling,
            [VupeServices.SingleLabourCertificate] = VupeProcesses.Cul,
            [VupeServices.TemporaryEmployment] = VupeProcesses.TemporaryEmployment,
            [VupeServices.CompetencyCertification] = VupeProcesses.CompetencyCertification,
            [VupeServices.MigrantGuidance] = VupeProcesses.MigrantGuidance,
        }));
        var deployed = Catalogue.Processes.Select(p => p.Key).ToHashSet();
        Assert.That(procedures.Values.Where(p => !deployed.Contains(p)), Is.Empty, "every procedure the decision names is in the catalogue");
    }

    [Test]
    public async Task The_decision_answers_only_for_the_confirmed_services()
    {
        Assert.That(await ProceduresAsync("ciudadano", ["cul", "empleo-temporal"]), Is.EquivalentTo(new Dictionary<string, string>
            { ["cul"] = VupeProcesses.Cul, ["empleo-temporal"] = VupeProcesses.TemporaryEmployment }));
        Assert.That(await ProceduresAsync("ciudadano", []), Is.Empty);
    }

    [Test]
    public async Task A_company_gets_its_own_attention_and_no_procedure_for_services_that_are_only_for_people()
    {
        var procedures = await ProceduresAsync("empresa", VupeServices.All.Select(s => s.Code));
        Assert.That(procedures, Is.EquivalentTo(new Dictionary<string, string>
        {
            [VupeServices.BusinessOutreach] = VupeProcesses.BusinessOutreachFollowUp,
            [VupeServices.JobTraining] = VupeProcesses.BusinessOutreachFollowUp,
            [VupeServices.CompetencyCertification] = VupeProcesses.BusinessOutreachFollowUp,
            [VupeServices.MigrantGuidance] = VupeProcesses.BusinessOutreachFollowUp,
            [VupeServices.JobBank] = VupeProcesses.BusinessOutreachFollowUp,
            [VupeServices.LabourMarketInformation] = VupeProcesses.LabourMarketInformation,
        }));
    }

    private static Dictionary<string, object?> Applicant(int edad, string situacion, string sisfoh = "pobre", bool vulnerable = false, bool formacion = false) => new()
    {
        ["edad"] = edad, ["situacionLaboral"] = situacion, ["clasificacionSisfoh"] = sisfoh, ["condicionVulnerable"] = vulnerable, ["interesFormacion"] = formacion,
    };

    public static IEnumerable<TestCaseData> Applicants()
    {
        yield return new TestCaseData(Applicant(35, "desempleado"), new[] { "lurawi-peru" }, 2).SetName("Desempleado de 35 en pobreza: Lurawi Perú");
        yield return new TestCaseData(Applicant(45, "subempleado", sisfoh: "no-pobre", vulnerable: true), new[] { "lurawi-peru" }, 2)
            .SetName("Subempleada de 45 no pobre pero vulnerable: Lurawi Perú");
        yield return new TestCaseData(Applicant(22, "desempleado", sisfoh: "pobre-extremo", formacion: true), new[] { "lurawi-peru", "jovenes-productivos" }, 2)
            .SetName("Desempleado de 22 en pobreza extrema que quiere capacitarse: los dos programas");
        yield return new TestCaseData(Applicant(16, "desempleado", formacion: true), new[] { "jovenes-productivos" }, 2)
            .SetName("Desempleada de 16 que quiere capacitarse: solo Jóvenes Productivos (Lurawi es desde los 18)");
        yield return new TestCaseData(Applicant(50, "desempleado", sisfoh: "no-pobre"), Array.Empty<string>(), 2)
            .SetName("Desempleado de 50 no pobre ni vulnerable, fuera de la edad de Jóvenes Productivos: ninguno");
        yield return new TestCaseData(Applicant(25, "empleado", formacion: true), Array.Empty<string>(), 2)
            .SetName("Empleado de 25: ninguno, porque ya tiene empleo");
        yield return new TestCaseData(Applicant(29, "subempleado", sisfoh: "sin-clasificacion"), Array.Empty<string>(), 2)
            .SetName("Subempleado de 29 sin clasificación SISFOH ni interés en capacitarse: ninguno");
    }

    [TestCaseSource(nameof(Applicants))]
    public async Task Temporary_work_eligibility_names_each_programme_with_its_reason(Dictionary<string, object?> applicant, string[] eligible, int rows)
    {
        var result = await Evaluator.EvaluateAsync("elegibilidad-empleo-temporal", applicant, CancellationToken.None);
        var answer = Rows(result.Value);
        Assert.That(answer.Where(r => (bool)r["elegible"]!).Select(r => (string)r["programa"]!), Is.EquivalentTo(eligible));
        Assert.That(answer, Has.Count.EqualTo(rows), "each programme says whether and why");
        Assert.That(answer.Select(r => (string)r["motivo"]!), Is.All.Not.Empty, "every row says why");
        Assert.That(answer.Select(r => (string)r["programa"]!), Is.Unique, "a programme is either eligible or not, never both");
    }

    [Test]
    public void The_eligibility_table_explains_each_rule_and_its_form_asks_for_every_input()
    {
        var decision = Catalogue.Decisions.SelectMany(d => d.Decisions).Single(d => d.Id == "elegibilidad-empleo-temporal");
        var table = (DmnDecisionTable)decision.Expression!;
        Assert.That(table.HitPolicy, Is.EqualTo(DmnHitPolicy.Collect));
        Assert.That(table.Outputs.Select(o => o.Name), Is.EqualTo(new[] { "programa", "elegible", "motivo" }));
        Assert.That(table.Rules.Select(r => r.Description), Is.All.Not.Null.And.All.Not.Empty);
        Assert.That(Catalogue.FormFields("et-requisitos"), Is.SupersetOf(decision.RequiredInputs.Select(i => i.Name)));
    }

    [Test]
    public void Every_catalogue_form_is_a_schema_the_server_validates_with()
    {
        foreach (var form in Catalogue.Forms)
            Assert.DoesNotThrow(() => Vupe.Forms.FormSchema.Parse(form.Content), form.Name);
    }
}
