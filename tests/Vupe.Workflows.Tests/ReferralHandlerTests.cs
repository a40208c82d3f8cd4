namespace Vupe.Workflows.Tests;

/// <summary>The referral and outcome handlers on their own (the routing end to end is in TriageFlowTests): failures that name the service, what an outcome records.</summary>
public sealed class ReferralHandlerTests
{
    private static ServiceTaskContext Context(Dictionary<string, object?> variables, Dictionary<string, string> headers, string type = VupeTaskTypes.OpenReferrals) => new()
    {
        TaskType = type, InstanceId = Guid.NewGuid(), CaseId = Guid.NewGuid(), CaseNumber = "LIM-2026-000042", ProcessKey = "triaje-ciudadano",
        ElementId = "abrirDerivaciones", IdempotencyKey = "k-" + Guid.NewGuid().ToString("N"), Attempt = 1, Variables = variables, Headers = headers, OfficeCode = "LIM",
    };

    private static Dictionary<string, object?> Confirmed(params string[] services) => new() { ["partyId"] = "p1", ["serviciosConfirmados"] = services.ToList<object?>() };

    private static Dictionary<string, object?> Row(string servicio, string proceso) => new() { ["servicio"] = servicio, ["proceso"] = proceso };

    [Test]
    public async Task A_service_the_decision_gave_no_procedure_fails_naming_it_and_opens_nothing()
    {
        var variables = Confirmed("cul", "orientacion-vocacional");
        variables["procedimientos"] = new List<object?> { Row("cul", "certificado-unico-laboral") };
        var context = Context(variables, new() { ["procedimientos"] = "procedimientos" });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await new OpenReferralsHandler().ExecuteAsync(context, CancellationToken.None));
        Assert.That(e!.Message, Does.StartWith("El servicio «Orientación vocacional e información ocupacional» (orientacion-vocacional) no tiene procedimiento en la decisión procedimiento-por-servicio"));
    }

    [Test]
    public async Task Two_procedures_for_one_service_are_refused_rather_than_picked_by_rule_order()
    {
        var variables = Confirmed("cul");
        variables["procedimientos"] = new List<object?> { Row("cul", "certificado-unico-laboral"), Row("cul", "derivacion-servicio") };
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await new OpenReferralsHandler().ExecuteAsync(Context(variables, new() { ["procedimientos"] = "procedimientos" }), CancellationToken.None));
        Assert.That(e!.Message, Does.Contain("da dos procedimientos al servicio «cul»"));
    }

    [Test]
    public async Task A_triage_of_a_version_before_the_routing_decision_still_opens_its_referrals()
    {
        var context = Context(Confirmed("cul", "bolsa-trabajo"), new() { ["proceso"] = "derivacion-servicio" });
        var result = await new OpenReferralsHandler().ExecuteAsync(context, CancellationToken.None);
        Assert.That(result!["serviciosDerivados"], Is.EqualTo(new[] { "cul", "bolsa-trabajo" }), "the header 'proceso' those versions carry is still honoured");
    }

    [Test]
    public async Task Without_either_header_nothing_is_guessed()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await new OpenReferralsHandler().ExecuteAsync(Context(Confirmed("cul"), []), CancellationToken.None));
        Assert.That(e!.Message, Does.Contain("no dice qué procedimiento abre cada servicio"));
    }

    [Test]
    public async Task An_outcome_records_the_variables_its_procedure_names_as_details()
    {
        var ficha = new InMemoryEmployabilityRecord();
        var context = Context(new()
        {
            ["partyId"] = "p1", ["servicio"] = "orientacion-vocacional", ["resultadoPrestacion"] = "orientacion-completa",
            ["recomendacionOcupacional"] = "Técnico en refrigeración", ["sesionesRealizadas"] = 3m, ["noListada"] = "x",
        }, new() { ["detalles"] = "recomendacionOcupacional, sesionesRealizadas, rutaFormativa" }, VupeTaskTypes.RecordReferralOutcome);
        await new RecordReferralOutcomeHandler(ficha).ExecuteAsync(context, CancellationToken.None);
        var outcome = ficha.Outcomes.Single();
        Assert.That(outcome.DeliveryResult, Is.EqualTo("orientacion-completa"));
        Assert.That(outcome.Details, Is.EquivalentTo(new Dictionary<string, object?> { ["recomendacionOcupacional"] = "Técnico en refrigeración", ["sesionesRealizadas"] = 3m }),
            "the listed variables the case has; a missing one is left out, an unlisted one is not recorded");
    }
}
