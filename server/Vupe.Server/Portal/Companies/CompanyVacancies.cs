using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.JobBank.Classification;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.JobBank;
using Vupe.Server.Offices;
using Vupe.Server.Problems;

namespace Vupe.Server.Portal.Companies;

/// <summary>
/// A candidate as the company sees one: only what the seeker's intermediacion-laboral consent shares (name, region,
/// education, experience, skills, certifications — never document, birth date, address or contacts). When the consent
/// was withdrawn after applying, <see cref="Shared"/> is false and nothing about the person is shown.
/// </summary>
public sealed record CompanyCandidate(
    Guid ReferralId, ReferralChannel Channel, string ChannelName, bool Shared, string Name, string? RegionName, string? Education,
    int? ExperienceMonths, IReadOnlyList<string> Skills, IReadOnlyList<string> Certifications, int Score, ReferralStatus Status, string StatusName,
    DateTimeOffset At, DateTimeOffset? AnsweredAt, long Version);

/// <summary>
/// A company's own vacancies through the virtual window, over the staff job bank's services (<see cref="VacancyService"/>,
/// <see cref="ReferralService"/>): post, edit, close, read the candidates referred and applying, answer each. Every
/// vacancy and referral is checked to be the signed-in company's; another's answers 404, as if it did not exist.
/// </summary>
public sealed class CompanyVacancies(CompanyAccounts accounts, VacancyService vacancies, ReferralService referrals, PlacementFollowUps followUps, VupeDbContext db, AuditLog audit,
    JobBankMail mail)
{
    public async Task<IReadOnlyList<VacancyDto>> ListAsync(Guid accountId, CancellationToken ct)
    {
        var company = await accounts.ProfileAsync(accountId, ct);
        var rows = await db.Vacancies.AsNoTracking().Where(v => v.CompanyPartyId == company.PartyId).OrderByDescending(v => v.CreatedAt).Take(200).ToListAsync(ct);
        return [.. rows.Select(vacancies.ToDto)];
    }

    /// <summary>
    /// Posts a vacancy of the company; the VUPE office of the job's department answers for it (Lima Metropolitana for Lima
    /// and Callao's provinces). A company «En validación» drafts it held, unpublished until a supervisor approves the company;
    /// a rejected company posts nothing.
    /// </summary>
    public async Task<VacancyDto> CreateAsync(Guid accountId, VacancyInput input, CancellationToken ct)
    {
        var company = await accounts.ProfileAsync(accountId, ct);
        if (company.Validation == CompanyValidation.Rejected)
            throw new StateConflictException("La VUPE no validó a su empresa, así que no puede publicar vacantes. Acérquese a una oficina con la ficha RUC.");
        var office = OfficeFor(input.Ubigeo);
        return await vacancies.CreateAsync(input with { CompanyPartyId = company.PartyId }, UserScope.Company(accountId, company.Ruc, office), ct, publish: company.Publishes);
    }

    public async Task<VacancyDto> GetAsync(Guid accountId, Guid vacancyId, CancellationToken ct) => (await OwnAsync(accountId, vacancyId, ct)).Vacancy;

    public async Task<VacancyDto> UpdateAsync(Guid accountId, Guid vacancyId, VacancyInput input, CancellationToken ct)
    {
        var (company, vacancy) = await OwnAsync(accountId, vacancyId, ct);
        return await vacancies.UpdateAsync(vacancyId, input with { CompanyPartyId = company.PartyId }, UserScope.Company(accountId, company.Ruc, vacancy.OfficeCode), ct);
    }

    public async Task<VacancyDto> CloseAsync(Guid accountId, Guid vacancyId, long? version, CancellationToken ct)
    {
        var (company, vacancy) = await OwnAsync(accountId, vacancyId, ct);
        return await vacancies.CloseAsync(vacancyId, version, UserScope.Company(accountId, company.Ruc, vacancy.OfficeCode), ct);
    }

    /// <summary>The seekers referred to the vacancy and those who applied, each showing only what they consent to share; the read is logged in each one's trail.</summary>
    public async Task<IReadOnlyList<CompanyCandidate>> CandidatesAsync(Guid accountId, Guid vacancyId, CancellationToken ct)
    {
        var (company, _) = await OwnAsync(accountId, vacancyId, ct);
        var rows = await (from r in db.JobReferrals.AsNoTracking()
                          join s in db.JobSeekers.AsNoTracking() on r.SeekerPartyId equals s.PartyId
                          where r.VacancyId == vacancyId
                          orderby r.ReferredAt
                          select new { r, s }).ToListAsync(ct);
        var result = rows.Select(x => x.s.SharesProfile
            ? new CompanyCandidate(x.r.Id, x.r.Channel, JobBankTexts.Of(x.r.Channel), true, x.s.DisplayName, Regions.NameOf(x.s.Ubigeo),
                EducationLevels.NameOf(x.s.EducationRank), x.s.ExperienceMonths, x.s.Skills, x.s.Certifications, x.r.Score, x.r.Status,
                JobBankTexts.Of(x.r.Status, x.r.Channel), x.r.ReferredAt, x.r.AnsweredAt, x.r.Version)
            : new CompanyCandidate(x.r.Id, x.r.Channel, JobBankTexts.Of(x.r.Channel), false, "Persona que retiró su autorización para compartir sus datos",
                null, null, null, [], [], x.r.Score, x.r.Status, JobBankTexts.Of(x.r.Status, x.r.Channel), x.r.ReferredAt, x.r.AnsweredAt, x.r.Version)).ToList();
        foreach (var x in rows.Where(x => x.s.SharesProfile))
            audit.Stage(db, AuditTrails.ForParty(x.s.PartyId), "jobseeker.listed", new { vacancyId, by = $"empresa:{company.Ruc}" });
        if (rows.Count > 0) await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>
    /// The company's answer to one candidate: an interview, hired (with the start date: the placement, a position filled —
    /// <see cref="ReferralService.AnswerAsync"/>, as when a consultant records it) or not selected. The company and the
    /// citizen are emailed, and an online application's hire opens its 30/90-day follow-up (<see cref="PlacementFollowUps"/>).
    /// </summary>
    public async Task<ReferralDto> AnswerAsync(Guid accountId, Guid referralId, ReferralStatus? status, DateOnly? startDate, string? notes, long? version, CancellationToken ct)
    {
        var vacancyId = await db.JobReferrals.AsNoTracking().Where(r => r.Id == referralId).Select(r => (Guid?)r.VacancyId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Referral {referralId} does not exist.");
        var (company, vacancy) = await OwnAsync(accountId, vacancyId, ct);
        if (status is not (ReferralStatus.Interview or ReferralStatus.Hired or ReferralStatus.Rejected))
            throw new FieldValidationException(new Dictionary<string, string[]> { ["status"] = ["Elija una respuesta: entrevista, contratado o no seleccionado."] });
        var user = UserScope.Company(accountId, company.Ruc, vacancy.OfficeCode);
        var answered = await referrals.AnswerAsync(referralId, new ReferralAnswerInput(status, startDate, notes, version), user, ct);
        // A hire from an online application has no bolsa-trabajo case to follow it up: it gets one.
        await followUps.OpenForAsync(answered, user.UserName, ct);
        await mail.CompanyAnsweredAsync(company, answered, startDate, ct);
        return answered;
    }

    /// <summary>The office that answers for a vacancy posted online: the one of the job's department; Lima Metropolitana for the province of Lima.</summary>
    internal static string OfficeFor(string? ubigeo)
    {
        var value = ubigeo?.Trim() ?? "";
        if (!Regions.IsValidUbigeo(value)) return "LIM"; // the validation refuses it anyway
        var department = Regions.DepartmentOf(value);
        if (department == "15") return value.Length == 2 || value.StartsWith("1501", StringComparison.Ordinal) ? "LIM" : "LIP";
        return OfficeCatalog.All.FirstOrDefault(o => o.UbigeoDepartment == department)?.Code ?? "LIM";
    }

    private async Task<(CompanyProfileView Company, VacancyDto Vacancy)> OwnAsync(Guid accountId, Guid vacancyId, CancellationToken ct)
    {
        var company = await accounts.ProfileAsync(accountId, ct);
        var vacancy = await db.Vacancies.AsNoTracking().FirstOrDefaultAsync(v => v.Id == vacancyId && v.CompanyPartyId == company.PartyId, ct)
            ?? throw new NotFoundException($"Vacancy {vacancyId} is not one of the company's.");
        return (company, vacancies.ToDto(vacancy));
    }
}
