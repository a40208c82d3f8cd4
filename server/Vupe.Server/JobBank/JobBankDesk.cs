using Microsoft.EntityFrameworkCore;
using Vupe.JobBank.Handlers;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Problems;

namespace Vupe.Server.JobBank;

/// <summary>
/// The bolsa-trabajo procedure's steps over the same services the API and the pages use (one application layer):
/// each call runs in its own scope, and its writes join the engine command's transaction through the one writer.
/// </summary>
internal sealed class JobBankDesk(IServiceScopeFactory scopes) : IJobBankDesk
{
    public async Task<SeekerReadiness> CheckSeekerAsync(Guid partyId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VupeDbContext>();
        var seeker = await db.JobSeekers.AsNoTracking().FirstOrDefaultAsync(s => s.PartyId == partyId, ct);
        var missing = new List<string>();
        if (seeker is null) missing.Add("el perfil de búsqueda (las ocupaciones que busca y hasta dónde se movería).");
        else
        {
            if (seeker.Occupations.Count == 0) missing.Add("las ocupaciones que busca.");
            if (!seeker.SharesProfile) missing.Add("el consentimiento para la intermediación laboral (Ley 29733), sin el cual sus datos no se comparten con empresas.");
            if (!seeker.Active) missing.Add("reactivar el perfil (está marcado como que ya no busca empleo).");
        }
        return new SeekerReadiness(missing.Count == 0, missing);
    }

    public async Task<IReadOnlyList<OfferedVacancy>> RecommendAsync(Guid partyId, int top, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var matches = await scope.ServiceProvider.GetRequiredService<MatchingService>().VacanciesForAsync(partyId, top, ct);
        return [.. matches.Select(m => new OfferedVacancy(m.Vacancy.Id, m.Vacancy.Title, m.Vacancy.CompanyName, m.Vacancy.RegionName, m.Score,
            m.Reasons.Where(r => !r.Met).Select(r => r.Text).DefaultIfEmpty("cumple todos los requisitos").Aggregate((a, b) => $"{a}; {b}")))];
    }

    public async Task<IReadOnlyList<ReferralMade>> ReferAsync(Guid partyId, IReadOnlyList<Guid> vacancyIds, Guid caseId, DeskActor actor, CancellationToken ct)
    {
        var made = new List<ReferralMade>();
        foreach (var vacancyId in vacancyIds.Distinct())
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VupeDbContext>();
            // A retried step finds what it referred the first time.
            var existing = await (from r in db.JobReferrals.AsNoTracking()
                                  join v in db.Vacancies.AsNoTracking() on r.VacancyId equals v.Id
                                  where r.VacancyId == vacancyId && r.SeekerPartyId == partyId
                                  select new ReferralMade(r.Id, v.Id, v.Title, v.CompanyName)).FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                made.Add(existing);
                continue;
            }
            try
            {
                var referral = await scope.ServiceProvider.GetRequiredService<ReferralService>()
                    .ReferAsync(vacancyId, new ReferralInput(partyId, caseId), UserScope.ProcedureStep(actor.UserName, actor.OfficeCode ?? "NAC"), ct);
                made.Add(new ReferralMade(referral.Id, vacancyId, referral.VacancyTitle, referral.CompanyName));
            }
            catch (StateConflictException)
            {
                // The vacancy closed or filled since it was offered: the others still go; the consultant sees which were referred.
            }
        }
        return made;
    }

    public async Task<IReadOnlyList<MarketLine>> MarketAsync(string? regionCode, int top, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<LabourMarketReport>().ForAsync(regionCode, null, top, ct);
        return [.. report.Lines.Select(l => new MarketLine(l.OccupationCode, l.OccupationName, l.OpenVacancies, l.OpenPositions, l.AverageSalaryOffered, l.Placements, l.ActiveSeekers))];
    }

    public async Task AnswerAsync(Guid referralId, string answer, DateOnly? startDate, string? notes, DeskActor actor, CancellationToken ct)
    {
        var status = answer switch
        {
            "contratado" => ReferralStatus.Hired,
            "no-seleccionado" => ReferralStatus.Rejected,
            "sin-respuesta" => ReferralStatus.NoAnswer,
            _ => throw new InvalidOperationException($"'{answer}' is not an answer of the company: contratado, no-seleccionado or sin-respuesta."),
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VupeDbContext>();
        var current = await db.JobReferrals.AsNoTracking().Where(r => r.Id == referralId).Select(r => (ReferralStatus?)r.Status).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Referral {referralId} does not exist.");
        if (current == status) return; // a retried step: already recorded
        await scope.ServiceProvider.GetRequiredService<ReferralService>()
            .AnswerAsync(referralId, new ReferralAnswerInput(status, startDate, notes, null), UserScope.ProcedureStep(actor.UserName, actor.OfficeCode ?? "NAC"), ct);
    }
}
