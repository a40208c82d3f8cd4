using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Vupe.Connectors;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.JobBank;
using Vupe.Workflows;

namespace Vupe.Server.Tests.Portal;

/// <summary>
/// A hire from an online application opens the same 30/90-day follow-up the bolsa-trabajo procedure gives a staff
/// referral: a bolsa-trabajo case at the vacancy's office, waiting for 30 days, then the consultant's follow-up task —
/// then 90 days, recorded in the ficha — one per placement, however often the hire is answered, audited in the citizen's and
/// the vacancy's trails.
/// </summary>
public sealed class OnlineHireFollowUpTests : ServerTestBase
{
    private const string Password = "Clave2026Segura";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:CitizenRequestsPerMinute"] = "1000";
        settings["Vupe:CitizenRequestsPerDniPerHour"] = "50";
    }

    protected override void ConfigureServices(VupeServerFactory factory) =>
        factory.ServiceChanges = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));

    private string Iso(int daysFromToday) => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<PortalBrowser> CompanyAsync(string legalName)
    {
        var ruc = JobBankRequests.FreshRuc();
        var email = $"e{ruc}@example.pe";
        // A company the VUPE knew with this email: it publishes at once. (Registered through the service: this test's clock outruns staff tokens.)
        await using (var scope = Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Vupe.Server.Parties.PartyDirectory>().CreateCompanyAsync(
                new Vupe.Server.Parties.CreateCompanyRequest(ruc, legalName, null, null, null, null, null, null, null, email),
                Vupe.Server.Auth.UserScope.ProcedureStep("consultor.lim", "LIM"), CancellationToken.None);
        var browser = new PortalBrowser(Factory);
        await browser.GetAsync("/empresas/registro");
        await browser.PostFormAsync("/empresas/registro?handler=codigo", new() { ["Ruc"] = ruc, ["Email"] = email });
        var done = await browser.PostFormAsync("/empresas/registro", new()
        {
            ["Ruc"] = ruc, ["Email"] = email, ["Code"] = SentCodes.LatestMailed(Factory, email), ["Password"] = Password, ["PasswordAgain"] = Password,
        });
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        return browser;
    }

    private Task<HttpResponseMessage> HireAsync(PortalBrowser company, Guid vacancyId, JsonElement referral) =>
        company.PostFormAsync($"/empresas/vacantes/{vacancyId}?handler=responder", new()
        {
            ["referralId"] = referral.GetProperty("id").GetGuid().ToString(), ["respuesta"] = "Hired", ["fechaInicio"] = Iso(7),
            ["version"] = referral.GetProperty("version").GetInt64().ToString(CultureInfo.InvariantCulture),
        });

    [Test]
    public async Task A_company_hiring_an_online_applicant_opens_one_follow_up_case_whose_30_day_task_reaches_the_consultant()
    {
        using var company = await CompanyAsync("Hoteles de la Costa Verde S.A.C.");
        await company.GetAsync("/empresas/vacantes/publicar");
        var posted = await company.PostFormAsync("/empresas/vacantes/publicar", new()
        {
            ["Title"] = "Recepcionista bilingüe", ["Description"] = "Atención de huéspedes", ["OccupationCode"] = "5120", ["Ubigeo"] = "150101",
            ["MinEducation"] = "secundaria", ["MinExperienceMonths"] = "0", ["Skills"] = "inglés", ["SalaryMin"] = "1500", ["SalaryMax"] = "2200", ["Positions"] = "1",
            ["ClosingDate"] = Iso(20),
        });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), company.Html);
        var vacancyId = Guid.Parse(posted.Headers.Location!.OriginalString.Split('/')[^1]);

        using var citizen = await PortalCitizens.SignUpAsync(Factory, Citizen(c => c.Status == IdentityStatus.Valid));
        await citizen.GetAsync($"/mi-vupe/empleos/{vacancyId}");
        var applied = await citizen.PostFormAsync($"/mi-vupe/empleos/{vacancyId}", new() { ["Consent"] = "true" });
        Assert.That(applied.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), citizen.Html);

        var staff = await As("consultor.lim");
        var referral = (await staff.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancyId}/referrals"))[0];
        Assert.That(referral.GetProperty("channel").GetString(), Is.EqualTo("Application"));
        var partyId = referral.GetProperty("seekerPartyId").GetGuid();
        await company.GetAsync($"/empresas/vacantes/{vacancyId}");
        Assert.That((await HireAsync(company, vacancyId, referral)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), company.Html);
        // "Contratado" again (a second tap, a retry): refused as a final answer already given, and no second follow-up.
        await company.GetAsync($"/empresas/vacantes/{vacancyId}");
        Assert.That((await HireAsync(company, vacancyId, referral)).StatusCode, Is.Not.EqualTo(HttpStatusCode.Redirect));

        var engine = Factory.Services.GetRequiredService<ProcessEngine>();
        var cases = await engine.Cases.QueryAsync(new CaseFilter { SubjectId = partyId.ToString(), ProcessKey = VupeProcesses.JobBank });
        Assert.That(cases, Has.Count.EqualTo(1), "one follow-up case for the placement");
        var followUp = cases[0];
        Assert.That(followUp.OfficeCode, Is.EqualTo("LIM"), "at the vacancy's office");
        var variables = await engine.Cases.GetVariablesAsync(followUp.Id);
        Guid placementId;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.VupeDbContext>();
            placementId = db.Placements.Single(p => p.ReferralId == referral.GetProperty("id").GetGuid()).Id;
            // Asked again for the same hire (as a retried answer would), the service finds the case it opened.
            var answered = (await scope.ServiceProvider.GetRequiredService<ReferralService>().ForVacancyAsync(vacancyId, CancellationToken.None)).Single();
            var again = await scope.ServiceProvider.GetRequiredService<PlacementFollowUps>().OpenForAsync(answered, "prueba", CancellationToken.None);
            Assert.That(again, Is.EqualTo(followUp.CaseNumber));
        }
        Assert.That(variables[PlacementFollowUps.PlacementVariable], Is.EqualTo(placementId.ToString()));
        Assert.That(await engine.Cases.QueryAsync(new CaseFilter { SubjectId = partyId.ToString(), ProcessKey = VupeProcesses.JobBank }), Has.Count.EqualTo(1));

        var audit = Factory.Services.GetRequiredService<AuditLog>();
        Assert.That((await audit.ReadAsync(AuditTrails.ForParty(partyId), CancellationToken.None)).Count(e => e.Action == "jobbank.followup.opened"), Is.EqualTo(1));
        Assert.That((await audit.ReadAsync(AuditTrails.ForVacancy(vacancyId), CancellationToken.None)).Count(e => e.Action == "jobbank.followup.opened"), Is.EqualTo(1));

        // The case waits 30 days, skipping the search steps; then the consultant of the office gets the follow-up.
        var instanceId = (await engine.Runtime.ListInstancesAsync(followUp.Id)).Single().Id;
        var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/cases/{followUp.Id}");
        Assert.That(detail.GetProperty("tasks").GetArrayLength(), Is.Zero, "nothing to do before the 30 days");
        var timer = (await engine.Management.ListJobsAsync(instanceId)).Single(j => j.ElementId == "esperar30");
        Assert.That(await engine.Management.ExecuteJobAsync(timer.Id), Is.False, "not due yet");
        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        Assert.That(await engine.Management.ExecuteJobAsync(timer.Id), Is.True);
        var relogged = await Factory.ClientForAsync("consultor.lim"); // the clock moved past the earlier token's expiry
        await CompleteStepAsync(relogged, followUp.Id, "seguimiento30", new { resultadoSeguimiento = "sigue-trabajando" });
        var ninety = (await engine.Management.ListJobsAsync(instanceId)).Single(j => j.ElementId == "esperar90");
        _clock.Advance(TimeSpan.FromDays(60) + TimeSpan.FromMinutes(1));
        Assert.That(await engine.Management.ExecuteJobAsync(ninety.Id), Is.True);
        relogged = await Factory.ClientForAsync("consultor.lim");
        await CompleteStepAsync(relogged, followUp.Id, "seguimiento90", new { resultadoSeguimiento = "sigue-trabajando" });

        // As a staff referral's: the follow-up is recorded in the ficha's history and the case closes.
        Assert.That((await engine.Cases.GetAsync(followUp.Id)).Status, Is.EqualTo(CaseStatus.Closed));
        var history = await relogged.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/history");
        var entry = history.EnumerateArray().Single(h => h.GetProperty("caseId").GetGuid() == followUp.Id);
        Assert.That(entry.GetProperty("outcome").GetString(), Is.EqualTo("sigue-trabajando"), entry.GetRawText());
        Assert.That(entry.GetProperty("service").GetString(), Is.EqualTo("bolsa-trabajo"));
    }

    [Test]
    public async Task A_hire_whose_follow_up_a_stop_left_unopened_gets_it_from_the_repair_once_settled_and_only_once()
    {
        using var company = await CompanyAsync("Textiles del Rímac S.A.C.");
        await company.GetAsync("/empresas/vacantes/publicar");
        var posted = await company.PostFormAsync("/empresas/vacantes/publicar", new()
        {
            ["Title"] = "Operario de confección", ["Description"] = "Costura industrial", ["OccupationCode"] = "7531", ["Ubigeo"] = "150101",
            ["MinEducation"] = "secundaria", ["MinExperienceMonths"] = "0", ["Skills"] = "costura", ["SalaryMin"] = "1200", ["SalaryMax"] = "1600", ["Positions"] = "1",
            ["ClosingDate"] = Iso(20),
        });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), company.Html);
        var vacancyId = Guid.Parse(posted.Headers.Location!.OriginalString.Split('/')[^1]);
        using var citizen = await PortalCitizens.SignUpAsync(Factory, Citizen(c => c.Status == IdentityStatus.Valid));
        await citizen.GetAsync($"/mi-vupe/empleos/{vacancyId}");
        Assert.That((await citizen.PostFormAsync($"/mi-vupe/empleos/{vacancyId}", new() { ["Consent"] = "true" })).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), citizen.Html);

        Guid partyId;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // The hire recorded, and the process stopped before the follow-up: the answer alone, without PlacementFollowUps.
            var referrals = scope.ServiceProvider.GetRequiredService<ReferralService>();
            var referral = (await referrals.ForVacancyAsync(vacancyId, CancellationToken.None)).Single();
            partyId = referral.SeekerPartyId;
            await referrals.AnswerAsync(referral.Id, new ReferralAnswerInput(ReferralStatus.Hired, DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(7), null, referral.Version),
                Auth.UserScope.ProcedureStep("consultor.lim", "LIM"), CancellationToken.None);
        }
        var engine = Factory.Services.GetRequiredService<ProcessEngine>();
        Task<List<CaseFileInfo>> FollowUpsAsync() => engine.Cases.QueryAsync(new CaseFilter { SubjectId = partyId.ToString(), ProcessKey = VupeProcesses.JobBank });
        Assert.That(await FollowUpsAsync(), Is.Empty, "the stop left the hire without its follow-up");

        async Task<int> RepairAsync()
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PlacementFollowUps>().RepairAsync(_clock.GetUtcNow(), TimeSpan.FromDays(14), TimeSpan.FromMinutes(5), CancellationToken.None);
        }
        Assert.That(await RepairAsync(), Is.Zero, "a hire of a moment ago may still be opening its follow-up: left alone");
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.That(await RepairAsync(), Is.EqualTo(1));
        Assert.That(await RepairAsync(), Is.Zero, "opened once");
        var cases = await FollowUpsAsync();
        Assert.That(cases, Has.Count.EqualTo(1));
        Assert.That(cases[0].OfficeCode, Is.EqualTo("LIM"));
        var audit = Factory.Services.GetRequiredService<AuditLog>();
        Assert.That((await audit.ReadAsync(AuditTrails.ForParty(partyId), CancellationToken.None)).Count(e => e.Action == "jobbank.followup.opened"), Is.EqualTo(1));
    }
}
