using Microsoft.Extensions.DependencyInjection;
using Vupe.Connectors.Simulation;

namespace Vupe.Connectors.Tests;

/// <summary>SUNAT's padrón RUC: the HTTP contract (GET contribuyentes/{ruc}) and the simulator's table.</summary>
public sealed class TaxpayerRegistryTests
{
    private const string Ruc = "20512333797";
    private static readonly TaxpayerRequest Request = new(Ruc, "empresa-1");

    [Test]
    public async Task Http_reads_the_taxpayer_with_state_and_condition_and_a_404_is_not_registered()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.Script((context, n) => n == 1
            ? FakeBackOffice.Respond(context, 200, $$"""{ "reference": "SUNAT-77", "ruc": "{{Ruc}}", "legalName": "Distribuidora El Pacífico S.A.C.", "state": "Active", "condition": "NotLocated" }""")
            : FakeBackOffice.Respond(context, 404, "{}"));
        await using var services = HttpConnectorHost.For(backOffice);
        var sunat = services.GetRequiredService<ITaxpayerRegistry>();

        var found = await sunat.LookUpAsync(Request, CancellationToken.None);
        Assert.That(found.Value.Taxpayer, Is.EqualTo(new Taxpayer(Ruc, "Distribuidora El Pacífico S.A.C.", TaxpayerState.Active, TaxpayerCondition.NotLocated)));
        Assert.That(found.Value.Taxpayer!.InGoodStanding, Is.False);
        Assert.That(found.Value.Taxpayer.ConditionText, Is.EqualTo("NO HABIDO"));
        Assert.That(found.Source, Is.EqualTo(SourceNames.Sunat));
        Assert.That(found.Reference, Is.EqualTo("SUNAT-77"));
        Assert.That(backOffice.Hits[0].Path, Is.EqualTo($"/backoffice/contribuyentes/{Ruc}"));
        Assert.That(backOffice.Hits[0].IdempotencyKey, Is.EqualTo("empresa-1"));

        var missing = await sunat.LookUpAsync(Request, CancellationToken.None);
        Assert.That(missing.Value.Found, Is.False);
        Assert.That(missing.Call.Outcome, Is.EqualTo(ConnectorCallOutcome.NotFound));
    }

    [Test]
    public async Task Http_refuses_an_answer_about_another_RUC()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.AlwaysRespond(200, """{ "reference": "SUNAT-78", "ruc": "20131312955", "legalName": "Otra S.A.C.", "state": "Active", "condition": "Located" }""");
        await using var services = HttpConnectorHost.For(backOffice);

        var error = await Assert.ThrowsAsync<ConnectorContractException>(() => services.GetRequiredService<ITaxpayerRegistry>().LookUpAsync(Request, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("another RUC"));
    }

    [Test]
    public async Task The_simulator_answers_its_table_a_generated_active_taxpayer_otherwise_and_what_a_test_sets()
    {
        var control = new SimulatorControl();
        var sunat = new SimulatedTaxpayerRegistry(control, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SimulatedTaxpayerRegistry>.Instance);
        async Task<Taxpayer?> Ask(string ruc) => (await sunat.LookUpAsync(new TaxpayerRequest(ruc, "k"), CancellationToken.None)).Value.Taxpayer;

        Assert.That(await Ask(SimulatedRucs.NotInSunat), Is.Null);
        Assert.That((await Ask(SimulatedRucs.Deregistered))!.State, Is.EqualTo(TaxpayerState.Deregistered));
        Assert.That((await Ask(SimulatedRucs.NotLocated))!.Condition, Is.EqualTo(TaxpayerCondition.NotLocated));
        Assert.That((await Ask(SimulatedRucs.Suspended))!.State, Is.EqualTo(TaxpayerState.TemporarilySuspended));
        Assert.That(await Ask("20512333790"), Is.Null, "a wrong check digit is no RUC");
        var generated = await Ask(Ruc);
        Assert.That(generated!.InGoodStanding, Is.True);
        Assert.That((await Ask(Ruc))!.LegalName, Is.EqualTo(generated.LegalName), "the same RUC, the same name");

        control.SetTaxpayer(Ruc, new Taxpayer(Ruc, "Fijada S.A.C.", TaxpayerState.Active, TaxpayerCondition.Located));
        Assert.That((await Ask(Ruc))!.LegalName, Is.EqualTo("Fijada S.A.C."));
        control.SetDown(ConnectorNames.Taxpayers);
        await Assert.ThrowsAsync<ConnectorUnavailableException>(() => Ask(Ruc));
        control.Reset();
        Assert.That((await Ask(Ruc))!.LegalName, Is.EqualTo(generated.LegalName));
    }
}
