using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.JobBank.Classification;
using Vupe.JobBank.Matching;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;

namespace Vupe.Server.JobBank;

/// <summary>
/// National matching with explanations: vacancies of every region for a seeker, consenting seekers of every region
/// for a vacancy. Every list of people shown is a read of personal data, logged in each person's trail.
/// </summary>
public sealed class MatchingService(VupeDbContext db, AuditLog audit, NationalMatching matching, VacancyService vacancies)
{
    public const int MaxResults = 50;

    public async Task<IReadOnlyList<VacancyMatchDto>> VacanciesForAsync(Guid partyId, int? top, CancellationToken ct)
    {
        var seeker = await SeekerAsync(partyId, ct);
        var index = await matching.ReadyAsync(ct);
        var profile = NationalMatching.ProfileOf(seeker);
        var ranked = index.VacanciesFor(profile, Math.Clamp(top ?? 20, 1, MaxResults), matching.Today);
        var ids = ranked.Select(r => r.Id).ToList();
        var rows = await db.Vacancies.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var result = ranked.Where(r => rows.ContainsKey(r.Id)).Select(r =>
        {
            var explanation = index.Explain(profile, NationalMatching.ProfileOf(rows[r.Id]));
            return new VacancyMatchDto(vacancies.ToDto(rows[r.Id]), r.Score, explanation.Reasons);
        }).ToList();
        await audit.AppendAsync(AuditTrails.ForParty(partyId), "jobseeker.matched", new { vacancies = result.Count }, ct);
        return result;
    }

    public async Task<IReadOnlyList<CandidateDto>> CandidatesForAsync(Guid vacancyId, int? top, CancellationToken ct)
    {
        var vacancy = await db.Vacancies.AsNoTracking().FirstOrDefaultAsync(v => v.Id == vacancyId, ct) ?? throw new NotFoundException($"Vacancy {vacancyId} does not exist.");
        var index = await matching.ReadyAsync(ct);
        var profile = NationalMatching.ProfileOf(vacancy);
        var ranked = index.SeekersFor(profile, Math.Clamp(top ?? 20, 1, MaxResults));
        var ids = ranked.Select(r => r.Id).ToList();
        var seekers = await db.JobSeekers.AsNoTracking().Where(s => ids.Contains(s.PartyId) && s.SharesProfile).ToDictionaryAsync(s => s.PartyId, ct);
        var referrals = await db.JobReferrals.AsNoTracking().Where(r => r.VacancyId == vacancyId && ids.Contains(r.SeekerPartyId))
            .ToDictionaryAsync(r => r.SeekerPartyId, r => r.Status, ct);
        var result = ranked.Where(r => seekers.ContainsKey(r.Id)).Select(r =>
        {
            var s = seekers[r.Id];
            var explanation = index.Explain(NationalMatching.ProfileOf(s), profile);
            return new CandidateDto(s.PartyId, s.DisplayName, Regions.NameOf(s.Ubigeo), EducationLevels.NameOf(s.EducationRank), s.ExperienceMonths,
                s.Skills, s.Certifications, r.Score, explanation.Reasons, referrals.TryGetValue(s.PartyId, out var status) ? status : null);
        }).ToList();
        foreach (var candidate in result)
            audit.Stage(db, AuditTrails.ForParty(candidate.PartyId), "jobseeker.listed", new { vacancyId, candidate.Score });
        if (result.Count > 0) await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>
    /// Why one seeker and one vacancy match or not (also when they do not). The reasons tell the seeker's education,
    /// experience and place: without the job-bank consent only the seeker's own office (national staff too) reads them.
    /// </summary>
    public Task<MatchExplanation> ExplainAsync(Guid vacancyId, Guid partyId, UserScope reader, CancellationToken ct) =>
        ExplainAsync(vacancyId, partyId, seeker => seeker.SharesProfile || reader.CanSeeOffice(seeker.OfficeCode), ct);

    /// <summary>The same, read by the seeker themself (Mi VUPE): their own profile, whatever they share with others.</summary>
    public Task<MatchExplanation> ExplainToSeekerAsync(Guid vacancyId, Guid partyId, CancellationToken ct) =>
        ExplainAsync(vacancyId, partyId, _ => true, ct);

    private async Task<MatchExplanation> ExplainAsync(Guid vacancyId, Guid partyId, Func<JobSeeker, bool> mayRead, CancellationToken ct)
    {
        var vacancy = await db.Vacancies.AsNoTracking().FirstOrDefaultAsync(v => v.Id == vacancyId, ct) ?? throw new NotFoundException($"Vacancy {vacancyId} does not exist.");
        var seeker = await SeekerAsync(partyId, ct);
        if (!mayRead(seeker))
            throw new Problems.StateConflictException("El ciudadano no ha dado su consentimiento para la intermediación laboral (Ley 29733): su perfil solo lo ve su oficina.");
        await audit.AppendAsync(AuditTrails.ForParty(partyId), "jobseeker.explained", new { vacancyId }, ct);
        return matching.Index.Explain(NationalMatching.ProfileOf(seeker), NationalMatching.ProfileOf(vacancy));
    }

    private async Task<JobSeeker> SeekerAsync(Guid partyId, CancellationToken ct)
    {
        var seeker = await db.JobSeekers.AsNoTracking().FirstOrDefaultAsync(s => s.PartyId == partyId, ct);
        if (seeker is not null) return seeker;
        if (!await db.Parties.AnyAsync(p => p.Id == partyId, ct)) throw new NotFoundException($"Party {partyId} does not exist.");
        throw new Problems.StateConflictException("El ciudadano aún no tiene perfil en la bolsa de trabajo: registre las ocupaciones que busca.");
    }
}
