using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.JobBank.Classification;
using Vupe.JobBank.Matching;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.JobBank;
using Vupe.Server.Parties;
using Vupe.Server.Problems;

namespace Vupe.Server.Portal;

/// <summary>A vacancy as a citizen sees it on Mi VUPE: its data, why it suits them or not, and their application if they sent one.</summary>
public sealed record PortalVacancy(VacancyDto Vacancy, IReadOnlyList<MatchReason> Reasons, ReferralDto? Application, bool SharesProfile);

/// <summary>The citizen's applications (and referrals by a consultant) with the company's answers, and their placements.</summary>
public sealed record PortalApplications(IReadOnlyList<ReferralDto> Applications, IReadOnlyList<PortalPlacement> Placements);

public sealed record PortalPlacement(string Title, string CompanyName, string RegionName, DateOnly StartDate);

/// <summary>
/// The job bank on Mi VUPE, over the staff job bank's own services: national search, recommendations with the reasons,
/// applying with the ficha's profile, following the answers. Whose data is always decided from the signed-in account's
/// ficha, never from an id in the request.
/// </summary>
public sealed class CitizenJobBank(
    CitizenAccounts accounts, VacancyService vacancies, MatchingService matching, SeekerService seekers, ReferralService referrals, PartyDirectory parties,
    VupeDbContext db, AuditLog audit)
{
    public const string ConsentTextVersion = "mi-vupe-bolsa-v1";

    public Task<VacancyPage> SearchAsync(string? text, string? occupation, string? region, decimal? minSalary, int? page, CancellationToken ct) =>
        vacancies.SearchAsync(text, occupation, region, minSalary, "Open", page, 20, ct);

    /// <summary>The best open vacancies of the country for the citizen's profile, with the reasons; none without a profile yet.</summary>
    public async Task<IReadOnlyList<VacancyMatchDto>> RecommendedAsync(Guid accountId, CancellationToken ct)
    {
        var partyId = await PartyOfAsync(accountId, ct);
        if (!await db.JobSeekers.AnyAsync(s => s.PartyId == partyId, ct)) return [];
        return await matching.VacanciesForAsync(partyId, 5, ct);
    }

    /// <summary>A vacancy: open ones to anyone signed in; a closed one only to who applied to it (404 otherwise, as if it did not exist).</summary>
    public async Task<PortalVacancy> VacancyAsync(Guid accountId, Guid vacancyId, CancellationToken ct)
    {
        var partyId = await PartyOfAsync(accountId, ct);
        var vacancy = await vacancies.GetAsync(vacancyId, ct);
        var mine = (await referrals.ForSeekerAsync(partyId, ct)).FirstOrDefault(r => r.VacancyId == vacancyId);
        if (vacancy.Status != VacancyStatus.Open && mine is null) throw new NotFoundException($"Vacancy {vacancyId} is not open.");
        IReadOnlyList<MatchReason> reasons = [];
        if (await db.JobSeekers.AnyAsync(s => s.PartyId == partyId, ct)) reasons = (await matching.ExplainToSeekerAsync(vacancyId, partyId, ct)).Reasons;
        return new PortalVacancy(vacancy, reasons, mine, await seekers.SharesProfileAsync(partyId, ct));
    }

    /// <summary>
    /// Applies with the ficha's profile. Only with the intermediacion-laboral consent: given before, or given now with
    /// <paramref name="consentNow"/> (the box the page shows to whom has not). A citizen without a job-bank profile gets one
    /// seeking the vacancy's occupation anywhere in the country, the rest from the ficha.
    /// </summary>
    public async Task<ReferralDto> ApplyAsync(Guid accountId, Guid vacancyId, bool consentNow, CancellationToken ct)
    {
        var partyId = await PartyOfAsync(accountId, ct);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await ApplyAsync(accountId, partyId, vacancyId, consentNow, ct);
            }
            catch (Exception e) when (e is ConflictException or DbUpdateException && attempt < 2)
            {
                // A double tap: the other request gave the consent, created the profile or applied first (or is doing so).
                // Start again from what it committed: its consent and profile are used, and its application is this one.
                db.ChangeTracker.Clear();
                db.PendingAudit.Clear();
            }
        }
    }

    private async Task<ReferralDto> ApplyAsync(Guid accountId, Guid partyId, Guid vacancyId, bool consentNow, CancellationToken ct)
    {
        var vacancy = await vacancies.GetAsync(vacancyId, ct);
        if (!await seekers.SharesProfileAsync(partyId, ct))
        {
            if (!consentNow)
                throw new FieldValidationException(new Dictionary<string, string[]>
                {
                    ["consent"] = ["Para postular, marque la autorización para compartir su perfil con las empresas (Ley 29733)."],
                });
            await parties.AddConsentAsync(partyId, new ConsentInput(SeekerSnapshot.ConsentPurpose, true, "digital", ConsentTextVersion), UserScope.Citizen(), ct);
        }
        if (!await db.JobSeekers.AnyAsync(s => s.PartyId == partyId, ct))
            await seekers.SaveAsync(partyId, new SeekerInput([vacancy.OccupationCode], Mobility.Nacional, [], null, true), UserScope.Citizen(), ct);
        return await referrals.ApplyAsync(vacancyId, partyId, $"ciudadano:{accountId}", ct);
    }

    public async Task<PortalApplications> ApplicationsAsync(Guid accountId, CancellationToken ct)
    {
        var partyId = await PartyOfAsync(accountId, ct);
        var list = await referrals.ForSeekerAsync(partyId, ct);
        var placements = await (from p in db.Placements.AsNoTracking()
                                join v in db.Vacancies.AsNoTracking() on p.VacancyId equals v.Id
                                where p.SeekerPartyId == partyId
                                orderby p.StartDate
                                select new { v.Title, v.CompanyName, p.RegionCode, p.StartDate }).ToListAsync(ct);
        await audit.AppendAsync(AuditTrails.ForParty(partyId), "portal.jobbank.read", new { account = accountId, applications = list.Count }, ct);
        return new PortalApplications([.. list.OrderByDescending(r => r.ReferredAt)],
            [.. placements.Select(p => new PortalPlacement(p.Title, p.CompanyName, Regions.NameOf(p.RegionCode), p.StartDate))]);
    }

    private async Task<Guid> PartyOfAsync(Guid accountId, CancellationToken ct) => (await accounts.AccountAsync(accountId, ct)).PartyId;
}
