namespace Vupe.Connectors.Tests;

public sealed class HttpContractTests
{
    private static readonly ConnectorRequest Request = new(Replies.Dni, "case-7:cul");

    [Test]
    public async Task Identity_reads_the_person_and_cites_the_reniec_reference()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.AlwaysRespond(200, Replies.Person);
        await using var services = HttpConnectorHost.For(backOffice);

        var result = await services.GetRequiredService<IIdentityRegistry>().LookUpAsync(Request, CancellationToken.None);

        Assert.That(result.Value.Citizen, Is.EqualTo(new CitizenIdentity("10117410", "María José", "Quispe", "Ñuñez",
            new DateOnly(1994, 3, 15), "Jr. Áncash 1245, Cercado de Lima, Lima, Lima")));
        Assert.That(result.Source, Is.EqualTo("RENIEC"));
        Assert.That(result.Reference, Is.EqualTo("RENIEC-2025-000123"));
        Assert.That(result.Call.Operation, Is.EqualTo("LookUp"));
        Assert.That(result.Call.Attempts, Is.EqualTo(1));
        Assert.That(backOffice.Hits.Single().Path, Is.EqualTo("/backoffice/personas/10117410"));
        Assert.That(backOffice.Hits.Single().IdempotencyKey, Is.EqualTo("case-7:cul"));
    }

    [Test]
    public async Task Identity_reads_RENIEC_status_when_the_reply_carries_one()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.AlwaysRespond(200, Replies.Person.Replace("\"address\"", "\"status\": \"Deceased\", \"address\"", StringComparison.Ordinal));
        await using var services = HttpConnectorHost.For(backOffice);

        var result = await services.GetRequiredService<IIdentityRegistry>().LookUpAsync(Request, CancellationToken.None);

        Assert.That(result.Value.Citizen!.Status, Is.EqualTo(IdentityStatus.Deceased));
        Assert.That(result.Value.Valid, Is.False);
    }

    [Test]
    public async Task Records_sources_read_their_records_or_none()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.Script((context, n) => FakeBackOffice.Respond(context, 200, n == 1 ? Replies.PoliceRecords : Replies.NoRecords));
        await using var services = HttpConnectorHost.For(backOffice);

        var police = await services.GetRequiredService<IPoliceRecords>().GetRecordsAsync(Request, CancellationToken.None);
        var judicial = await services.GetRequiredService<IJudicialRecords>().GetRecordsAsync(Request, CancellationToken.None);
        var penal = await services.GetRequiredService<IPenalRecords>().GetRecordsAsync(Request, CancellationToken.None);

        Assert.That(police.Value.Records, Is.EqualTo(new[]
        {
            new BackgroundRecord(new DateOnly(2019, 8, 14), "Comisaría PNP Zárate", "Denuncia por lesiones leves", "Vigente"),
        }));
        Assert.That(police.Source, Is.EqualTo(SourceNames.Pnp));
        Assert.That(judicial.Value.HasRecords, Is.False);
        Assert.That(judicial.Source, Is.EqualTo(SourceNames.PoderJudicial));
        Assert.That(penal.Source, Is.EqualTo(SourceNames.Inpe));
        Assert.That(backOffice.Hits.Select(h => h.Path), Is.All.EqualTo("/backoffice/antecedentes/10117410"));
    }

    [Test]
    public async Task Education_and_employment_read_their_histories()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.Script((context, _) => FakeBackOffice.Respond(context, 200,
            context.Request.Path.Value!.Contains("educacion", StringComparison.Ordinal) ? Replies.Education : Replies.Employment));
        await using var services = HttpConnectorHost.For(backOffice);

        var education = await services.GetRequiredService<IEducationRecords>().GetEducationAsync(Request, CancellationToken.None);
        var employment = await services.GetRequiredService<IFormalEmploymentHistory>().GetEmploymentHistoryAsync(Request, CancellationToken.None);

        Assert.That(education.Value.Entries.Select(e => (e.Level, e.Year)),
            Is.EqualTo(new[] { (EducationLevel.Secondary, 2011), (EducationLevel.Bachelor, 2017) }));
        Assert.That(employment.Value.Periods, Is.EqualTo(new[]
        {
            new EmploymentPeriod("Distribuidora El Pacífico S.A.C.", "20512333797", new DateOnly(2017, 4, 1), new DateOnly(2020, 2, 29)),
            new EmploymentPeriod("Servicios Contables Amauta E.I.R.L.", "20131312955", new DateOnly(2020, 6, 1), null),
        }));
        Assert.That(employment.Source, Is.EqualTo(SourceNames.PlanillaElectronica));
        Assert.That(backOffice.Hits.Select(h => h.Path),
            Is.EqualTo(new[] { "/backoffice/educacion/10117410", "/backoffice/periodos-laborales/10117410" }));
    }

    [TestCase("{ \"reference\": \"R-1\", \"dni\": \"10117410\", \"givenNames\": ", TestName = "Truncated JSON")]
    [TestCase("<html>Service temporarily moved</html>", TestName = "HTML instead of JSON")]
    [TestCase("{ \"reference\": \"R-1\", \"dni\": \"10117410\", \"givenNames\": \"María\" }", TestName = "Required fields missing")]
    [TestCase("{ \"reference\": \"R-1\", \"dni\": \"10117410\", \"givenNames\": null, \"paternalSurname\": \"Quispe\", \"maternalSurname\": \"Ñuñez\", \"birthDate\": \"1994-03-15\", \"address\": \"x\" }", TestName = "Null where a value is required")]
    [TestCase("{ \"reference\": \"R-1\", \"dni\": \"44556677\", \"givenNames\": \"Juan\", \"paternalSurname\": \"Huamán\", \"maternalSurname\": \"Ñahui\", \"birthDate\": \"1988-11-02\", \"address\": \"x\" }", TestName = "Answer about another DNI")]
    [TestCase("null", TestName = "JSON null")]
    public async Task A_malformed_reply_is_a_contract_fault_and_is_not_retried(string body)
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.AlwaysRespond(200, body);
        await using var services = HttpConnectorHost.For(backOffice);

        var failure = await Assert.ThrowsAsync<ConnectorContractException>(
            () => services.GetRequiredService<IIdentityRegistry>().LookUpAsync(Request, CancellationToken.None));

        Assert.That(failure!.Call.Outcome, Is.EqualTo(ConnectorCallOutcome.Failed));
        Assert.That(failure.Call.Error, Is.Not.Empty);
        Assert.That(backOffice.Hits, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_employer_ruc_that_is_not_11_digits_is_a_contract_fault()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.AlwaysRespond(200, Replies.Employment.Replace("20512333797", "2051233", StringComparison.Ordinal));
        await using var services = HttpConnectorHost.For(backOffice);

        var failure = await Assert.ThrowsAsync<ConnectorContractException>(
            () => services.GetRequiredService<IFormalEmploymentHistory>().GetEmploymentHistoryAsync(Request, CancellationToken.None));

        Assert.That(failure!.Detail, Does.Contain("2051233"));
    }

    [Test]
    public async Task An_unknown_education_level_is_a_contract_fault()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.AlwaysRespond(200, Replies.Education.Replace("\"Bachelor\"", "\"Bachiller\"", StringComparison.Ordinal));
        await using var services = HttpConnectorHost.For(backOffice);

        await Assert.ThrowsAsync<ConnectorContractException>(
            () => services.GetRequiredService<IEducationRecords>().GetEducationAsync(Request, CancellationToken.None));
    }
}
