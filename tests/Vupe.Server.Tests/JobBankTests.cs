using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vupe.Server.Tests;

/// <summary>The national job bank through the API: vacancies, seeker profiles from the ficha, matching with reasons, consent, referral, placement.</summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class JobBankTests(TestStore store) : ServerTestBase(store)
{
    private async Task<Guid> CreateCompanyAsync(string name) => await JobBankRequests.CreateCompanyAsync(await As("consultor.lim"), name);

    private async Task<JsonElement> PostVacancyAsync(Guid company, string title, string occupation, string ubigeo, string minEducation,
        int months = 0, string[]? skills = null, string[]? certifications = null, int positions = 1) =>
        await JobBankRequests.PostVacancyAsync(await As("consultor.lim"), company, title, occupation, ubigeo, minEducation, months, skills, certifications, positions);

    /// <summary>A citizen of Cusco with secondary education, two years as a cook, willing to work anywhere in Peru.</summary>
    private async Task<Guid> CuscoCookAsync(bool consent)
    {
        var cusco = await As("consultor.cus");
        var person = await CreatePersonAsync("consultor.cus");
        var partyId = person.GetProperty("id").GetGuid();
        var ficha = await cusco.PutAsJsonAsync($"/api/parties/{partyId}/ficha", new
        {
            version = person.GetProperty("version").GetInt64(), ubigeo = "080101",
            education = new[] { new { level = "secundaria", completed = true } },
            workExperience = new[] { new { employer = "Restaurante Inti", position = "Cocinera", from = "2022-01-01", to = "2024-01-01", certified = true } },
            skills = new[] { "Cocina novoandina", "Manipulación de alimentos" },
        });
        Assert.That(ficha.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ficha.Content.ReadAsStringAsync());
        if (consent)
            (await cusco.PostAsJsonAsync($"/api/parties/{partyId}/consents", new { purpose = "intermediacion-laboral", granted = true, channel = "escrito", textVersion = "v1" })).EnsureSuccessStatusCode();
        var profile = await cusco.PutAsJsonAsync($"/api/parties/{partyId}/jobseeker", new { occupations = new[] { "5120" }, mobility = "Nacional" });
        Assert.That(profile.StatusCode, Is.EqualTo(HttpStatusCode.OK), await profile.Content.ReadAsStringAsync());
        return partyId;
    }

    [Test]
    public async Task A_seeker_in_Cusco_is_offered_a_Lima_vacancy_that_fits_and_not_one_that_does_not_with_the_reasons()
    {
        var company = await CreateCompanyAsync("Hoteles del Pacífico SAC");
        var fits = await PostVacancyAsync(company, "Cocinero de hotel", "5120", "150122", "secundaria", months: 12, skills: ["Manipulación de alimentos", "Repostería"]);
        var needsDegree = await PostVacancyAsync(company, "Chef ejecutivo", "5120", "150122", "universitaria");
        var otherTrade = await PostVacancyAsync(company, "Recepcionista", "4226", "150122", "secundaria");
        var seeker = await CuscoCookAsync(consent: true);

        var cusco = await As("consultor.cus");
        var matches = await cusco.GetFromJsonAsync<JsonElement>($"/api/parties/{seeker}/matches");
        var ids = matches.EnumerateArray().Select(m => m.GetProperty("vacancy").GetProperty("id").GetGuid()).ToList();
        Assert.That(ids, Does.Contain(fits.GetProperty("id").GetGuid()), "a Lima vacancy that fits is offered in Cusco");
        Assert.That(ids, Does.Not.Contain(needsDegree.GetProperty("id").GetGuid()), "not one that asks for a degree she does not have");
        Assert.That(ids, Does.Not.Contain(otherTrade.GetProperty("id").GetGuid()), "nor one of an unrelated occupation");

        var offered = matches.EnumerateArray().Single(m => m.GetProperty("vacancy").GetProperty("id").GetGuid() == fits.GetProperty("id").GetGuid());
        var reasons = offered.GetProperty("reasons").EnumerateArray().ToDictionary(r => r.GetProperty("criterion").GetString()!, r => r);
        Assert.That(reasons["ocupacion"].GetProperty("met").GetBoolean(), Is.True);
        Assert.That(reasons["ubicacion"].GetProperty("text").GetString(), Does.Contain("Lima").And.Contain("Cusco"));
        Assert.That(reasons["habilidades"].GetProperty("met").GetBoolean(), Is.False, "one of the two skills is missing");
        Assert.That(reasons["habilidades"].GetProperty("text").GetString(), Does.Contain("Repostería"));
        Assert.That(offered.GetProperty("score").GetInt32(), Is.EqualTo(30 + 20 + 10 + 4 + 20 + 5), "occupation, education, certifications, another region, 24 of 12 months, 1 of 2 skills");

        // Asked why the other one is not offered, the job bank names the requirement.
        var why = await cusco.GetFromJsonAsync<JsonElement>($"/api/vacancies/{needsDegree.GetProperty("id").GetGuid()}/match/{seeker}");
        Assert.That(why.GetProperty("eligible").GetBoolean(), Is.False);
        Assert.That(why.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("criterion").GetString() == "educacion").GetProperty("text").GetString(),
            Does.Contain("Educación insuficiente").And.Contain("Universitaria"));

        // Seen from the vacancy in Lima, the Cusco seeker is a candidate.
        var lima = await As("consultor.lim");
        var candidates = await lima.GetFromJsonAsync<JsonElement>($"/api/vacancies/{fits.GetProperty("id").GetGuid()}/candidates");
        var candidate = candidates.EnumerateArray().Single(c => c.GetProperty("partyId").GetGuid() == seeker);
        Assert.That(candidate.GetProperty("regionName").GetString(), Is.EqualTo("Cusco"));
        Assert.That(candidate.TryGetProperty("documentNumber", out _), Is.False, "no document number is shared");
    }

    [Test]
    public async Task Without_consent_a_seeker_is_offered_vacancies_but_never_shown_or_referred_and_withdrawing_takes_effect()
    {
        var company = await CreateCompanyAsync("Restaurantes Andinos SAC");
        var vacancy = (await PostVacancyAsync(company, "Cocinero", "5120", "080101", "secundaria")).GetProperty("id").GetGuid();
        var seeker = await CuscoCookAsync(consent: false);
        var cusco = await As("consultor.cus");

        var matches = await cusco.GetFromJsonAsync<JsonElement>($"/api/parties/{seeker}/matches");
        Assert.That(matches.EnumerateArray().Select(m => m.GetProperty("vacancy").GetProperty("id").GetGuid()), Does.Contain(vacancy));
        var candidates = await cusco.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancy}/candidates");
        Assert.That(candidates.EnumerateArray().Select(c => c.GetProperty("partyId").GetGuid()), Does.Not.Contain(seeker));
        var refused = await cusco.PostAsJsonAsync($"/api/vacancies/{vacancy}/referrals", new { partyId = seeker });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await ProblemOf(refused)).GetProperty("title").GetString(), Does.Contain("consentimiento").And.Contain("29733"));

        (await cusco.PostAsJsonAsync($"/api/parties/{seeker}/consents", new { purpose = "intermediacion-laboral", granted = true, channel = "escrito" })).EnsureSuccessStatusCode();
        candidates = await cusco.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancy}/candidates");
        Assert.That(candidates.EnumerateArray().Select(c => c.GetProperty("partyId").GetGuid()), Does.Contain(seeker), "consent given: shown");

        (await cusco.PostAsJsonAsync($"/api/parties/{seeker}/consents", new { purpose = "intermediacion-laboral", granted = false, channel = "escrito" })).EnsureSuccessStatusCode();
        candidates = await cusco.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancy}/candidates");
        Assert.That(candidates.EnumerateArray().Select(c => c.GetProperty("partyId").GetGuid()), Does.Not.Contain(seeker), "consent withdrawn: no longer shown");
        Assert.That((await cusco.PostAsJsonAsync($"/api/vacancies/{vacancy}/referrals", new { partyId = seeker })).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task A_referral_answered_hired_records_a_placement_and_filling_the_last_position_closes_the_vacancy()
    {
        var company = await CreateCompanyAsync("Cocinas del Sur SAC");
        var vacancy = (await PostVacancyAsync(company, "Cocinero", "5120", "080101", "primaria", positions: 1)).GetProperty("id").GetGuid();
        var seeker = await CuscoCookAsync(consent: true);
        var cusco = await As("consultor.cus");

        var referred = await cusco.PostAsJsonAsync($"/api/vacancies/{vacancy}/referrals", new { partyId = seeker });
        Assert.That(referred.StatusCode, Is.EqualTo(HttpStatusCode.Created), await referred.Content.ReadAsStringAsync());
        var referral = await referred.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((await cusco.PostAsJsonAsync($"/api/vacancies/{vacancy}/referrals", new { partyId = seeker })).StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "once per vacancy");

        var missingDate = await cusco.PostAsJsonAsync($"/api/referrals/{referral.GetProperty("id").GetGuid()}/answer", new { status = "Hired" });
        Assert.That(missingDate.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var hired = await cusco.PostAsJsonAsync($"/api/referrals/{referral.GetProperty("id").GetGuid()}/answer",
            new { status = "Hired", startDate = "2027-01-04", version = referral.GetProperty("version").GetInt64() });
        Assert.That(hired.StatusCode, Is.EqualTo(HttpStatusCode.OK), await hired.Content.ReadAsStringAsync());
        Assert.That((await hired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusName").GetString(), Is.EqualTo("Contratado"));

        var after = await cusco.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancy}");
        Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("Filled"));
        Assert.That(after.GetProperty("positionsFilled").GetInt32(), Is.EqualTo(1));
        var matches = await cusco.GetFromJsonAsync<JsonElement>($"/api/parties/{seeker}/matches");
        Assert.That(matches.EnumerateArray().Select(m => m.GetProperty("vacancy").GetProperty("id").GetGuid()), Does.Not.Contain(vacancy), "a filled vacancy leaves the matching");
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties/{seeker}/audit");
        Assert.That(trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()), Does.Contain("jobbank.referred").And.Contain("jobbank.answered"));
    }

    [Test]
    public async Task Vacancies_are_searched_by_words_without_accents_and_bad_input_is_refused_field_by_field()
    {
        var company = await CreateCompanyAsync("Constructora Ñawi SAC");
        var vacancy = (await PostVacancyAsync(company, "Albañil con experiencia en acabados", "7112", "040101", "primaria")).GetProperty("id").GetGuid();
        var client = await As("consultor.lim");
        var found = await client.GetFromJsonAsync<JsonElement>("/api/vacancies?q=albanil acab&region=04");
        Assert.That(found.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()), Does.Contain(vacancy));
        var none = await client.GetFromJsonAsync<JsonElement>("/api/vacancies?q=albanil&region=08");
        Assert.That(none.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()), Does.Not.Contain(vacancy));
        var syntax = await client.GetAsync("/api/vacancies?q=%22OR%20NEAR(");
        Assert.That(syntax.StatusCode, Is.EqualTo(HttpStatusCode.OK), "FTS5 syntax in the words is searched as words, not run");

        var bad = await client.PostAsJsonAsync("/api/vacancies", new { companyPartyId = company, title = "", occupationCode = "0000", ubigeo = "99", positions = 0, closingDate = "2020-01-01" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await ProblemOf(bad)).GetProperty("errors");
        foreach (var field in new[] { "title", "occupationCode", "ubigeo", "positions", "closingDate" })
            Assert.That(errors.TryGetProperty(field, out _), Is.True, field);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/vacancies?pageSize=100");
        Assert.That(list.GetProperty("total").GetInt32(), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task The_labour_market_procedure_reports_the_regions_vacancies_placements_and_seekers_and_records_what_was_explained()
    {
        var company = await CreateCompanyAsync("Minera del Sur SAC");
        await PostVacancyAsync(company, "Operador de montacargas", "8344", "180101", "secundaria", positions: 3);
        await PostVacancyAsync(company, "Soldador", "7212", "180101", "secundaria", positions: 2);
        await PostVacancyAsync(company, "Soldador en Lima", "7212", "150101", "secundaria", positions: 9);
        var client = await As("consultor.lim");

        var raw = await client.GetAsync("/api/labour-market?region=18");
        Assert.That(raw.StatusCode, Is.EqualTo(HttpStatusCode.OK), await raw.Content.ReadAsStringAsync());
        var report = await raw.Content.ReadFromJsonAsync<JsonElement>();
        var lines = report.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("occupationCode").GetString()!);
        Assert.That(report.GetProperty("regionName").GetString(), Is.EqualTo("Moquegua"));
        Assert.That(lines["8344"].GetProperty("openPositions").GetInt32(), Is.EqualTo(3));
        Assert.That(lines["7212"].GetProperty("openPositions").GetInt32(), Is.EqualTo(2), "Lima's vacancy is not Moquegua's");
        var csv = await client.GetAsync("/api/labour-market?region=18&format=csv");
        Assert.That(csv.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
        Assert.That(await csv.Content.ReadAsStringAsync(), Does.Contain("Operadores de montacargas;1;3;"));
        Assert.That((await client.GetAsync("/api/labour-market?region=99")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var opened = await client.PostAsJsonAsync("/api/cases", new { partyId, procedure = "informacion-mercado-trabajo" });
        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.Created), await opened.Content.ReadAsStringAsync());
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await CompleteStepAsync(client, caseId, "registrarConsulta", new { regionConsulta = "18", objetivoConsulta = "donde-hay-empleo" });
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var informe = detail.GetProperty("variables").GetProperty("informeMercado").EnumerateArray().ToList();
        Assert.That(informe[0].GetProperty("codigo").GetString(), Is.EqualTo("8344"), "most positions to fill first");
        Assert.That(informe[0].GetProperty("puestos").GetInt32(), Is.EqualTo(3));
        await CompleteStepAsync(client, caseId, "explicarInforme", new { conclusiones = "Hay demanda de operadores de montacargas", resultadoPrestacion = "prestado" });

        var history = await client.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/history");
        var entry = history.EnumerateArray().Single(h => h.GetProperty("caseId").GetGuid() == caseId);
        Assert.That(entry.GetProperty("service").GetString(), Is.EqualTo("informacion-mercado-trabajo"));
        Assert.That(entry.GetProperty("outcome").GetString(), Is.EqualTo("prestado"));
    }

    [Test]
    public async Task A_vacancy_closed_by_another_node_leaves_this_nodes_matching_at_the_next_sync_and_an_older_version_never_comes_back()
    {
        var company = await CreateCompanyAsync("Cocinas del Sur SAC");
        var posted = await PostVacancyAsync(company, "Ayudante de cocina", "5120", "150122", "secundaria");
        var vacancyId = posted.GetProperty("id").GetGuid();
        var seeker = await CuscoCookAsync(consent: true);
        var cusco = await As("consultor.cus");
        async Task<bool> OfferedAsync() => (await cusco.GetFromJsonAsync<JsonElement>($"/api/parties/{seeker}/matches"))
            .EnumerateArray().Any(m => m.GetProperty("vacancy").GetProperty("id").GetGuid() == vacancyId);
        Assert.That(await OfferedAsync(), Is.True);

        // Another node closes it: its write reaches this database, not this node's index.
        var contexts = Factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Vupe.Server.Data.VupeDbContext>>();
        Vupe.Server.JobBank.Vacancy asRead;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            asRead = await db.Vacancies.AsNoTracking().SingleAsync(v => v.Id == vacancyId);
            var closedAt = DateTimeOffset.UtcNow;
            await db.Vacancies.Where(v => v.Id == vacancyId).ExecuteUpdateAsync(u => u
                .SetProperty(v => v.Status, Vupe.Server.JobBank.VacancyStatus.Closed).SetProperty(v => v.Version, asRead.Version + 1).SetProperty(v => v.UpdatedAt, closedAt));
        }
        Assert.That(await OfferedAsync(), Is.True, "not seen before the sync");

        var matching = Factory.Services.GetRequiredService<Vupe.Server.JobBank.NationalMatching>();
        await matching.SyncAsync(DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);
        Assert.That(await OfferedAsync(), Is.False, "the sync applied the other node's close");

        matching.Apply(asRead); // a late write of the version before
        Assert.That(await OfferedAsync(), Is.False, "an older version never replaces a newer one");
    }
}
