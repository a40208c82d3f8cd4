using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Problems;

namespace Vupe.Server.JobBank;

/// <summary>
/// Referrals of seekers to vacancies and the company's answers; a hire is a placement (colocación), fills a position
/// and, when the last one is filled, takes the vacancy out of the matching.
/// </summary>
public sealed class ReferralService(VupeDbContext db, AuditLog audit, NationalMatching matching, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ReferralDto> ReferAsync(Guid vacancyId, ReferralInput input, UserScope user, CancellationToken ct)
    {
        if (input.PartyId is not { } partyId) throw new FieldValidationException(new Dictionary<string, string[]> { ["partyId"] = ["Este campo es obligatorio."] });
        var vacancy = await db.Vacancies.FirstOrDefaultAsync(v => v.Id == vacancyId, ct) ?? throw new NotFoundException($"Vacancy {vacancyId} does not exist.");
        var seeker = await db.JobSeekers.AsNoTracking().FirstOrDefaultAsync(s => s.PartyId == partyId, ct)
            ?? throw new StateConflictException("El ciudadano no tiene perfil en la bolsa de trabajo.");
        if (vacancy.Status != VacancyStatus.Open || vacancy.ClosingDate < matching.Today) throw new StateConflictException("La vacante ya no está abierta.");
        if (!seeker.SharesProfile)
            throw new StateConflictException("El ciudadano no ha dado su consentimiento para la intermediación laboral (Ley 29733): sus datos no se pueden compartir con la empresa.");
        var explanation = matching.Index.Explain(NationalMatching.ProfileOf(seeker), NationalMatching.ProfileOf(vacancy));
        if (!explanation.Eligible)
            throw new StateConflictException("No cumple un requisito obligatorio de la vacante: " + string.Join("; ", explanation.Reasons.Where(r => !r.Met && r.Points == 0).Select(r => r.Text)) + ".");
        if (await db.JobReferrals.AnyAsync(r => r.VacancyId == vacancyId && r.SeekerPartyId == partyId, ct))
            throw new StateConflictException("El ciudadano ya fue derivado a esta vacante.");

        var referral = new JobReferral
        {
            VacancyId = vacancyId, SeekerPartyId = partyId, OfficeCode = user.OfficeCode ?? seeker.OfficeCode, CaseId = input.CaseId,
            Score = explanation.Score, Explanation = JsonSerializer.Serialize(explanation.Reasons, Json), Status = ReferralStatus.Referred,
            ReferredAt = time.GetUtcNow(), ReferredBy = user.UserName,
        };
        db.JobReferrals.Add(referral);
        audit.Stage(db, AuditTrails.ForParty(partyId), "jobbank.referred", new { vacancyId, vacancy.Title, vacancy.CompanyName, referral.Score, by = user.UserName });
        audit.Stage(db, AuditTrails.ForVacancy(vacancyId), "jobbank.referred", new { partyId, referral.Score, by = user.UserName });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two consultants referred the same person at once: the unique index let one through.
            if (await AlreadyReferredAsync(vacancyId, partyId, ct)) throw new StateConflictException("El ciudadano ya fue derivado a esta vacante.");
            throw;
        }
        return ToDto(referral, vacancy, seeker.DisplayName);
    }

    /// <summary>
    /// A citizen applies online (Mi VUPE) with the ficha's profile: one application per seeker and vacancy — a repeated or
    /// concurrent request (a double tap) gets the one already there, and so does a seeker a consultant already referred.
    /// The caller has checked the consent; the match is kept as it stood, met or not (the company reads the reasons).
    /// </summary>
    public async Task<ReferralDto> ApplyAsync(Guid vacancyId, Guid partyId, string applicant, CancellationToken ct)
    {
        var vacancy = await db.Vacancies.AsNoTracking().FirstOrDefaultAsync(v => v.Id == vacancyId, ct) ?? throw new NotFoundException($"Vacancy {vacancyId} does not exist.");
        var seeker = await db.JobSeekers.AsNoTracking().FirstOrDefaultAsync(s => s.PartyId == partyId, ct)
            ?? throw new StateConflictException("Todavía no tiene perfil en la bolsa de trabajo.");
        if (await ExistingAsync(vacancyId, partyId, vacancy, seeker.DisplayName, ct) is { } existing) return existing;
        if (vacancy.Status != VacancyStatus.Open || vacancy.ClosingDate < matching.Today) throw new StateConflictException("La vacante ya no recibe postulaciones.");
        if (!seeker.SharesProfile)
            throw new StateConflictException("Para postular debe autorizar que la VUPE comparta su perfil con las empresas (Ley 29733).");
        var index = await matching.ReadyAsync(ct);
        var explanation = index.Explain(NationalMatching.ProfileOf(seeker), NationalMatching.ProfileOf(vacancy));
        var application = new JobReferral
        {
            VacancyId = vacancyId, SeekerPartyId = partyId, OfficeCode = vacancy.OfficeCode, Channel = ReferralChannel.Application,
            Score = explanation.Score, Explanation = JsonSerializer.Serialize(explanation.Reasons, Json), Status = ReferralStatus.Referred,
            ReferredAt = time.GetUtcNow(), ReferredBy = applicant,
        };
        db.JobReferrals.Add(application);
        audit.Stage(db, AuditTrails.ForParty(partyId), "jobbank.applied", new { vacancyId, vacancy.Title, vacancy.CompanyName, application.Score, by = applicant });
        audit.Stage(db, AuditTrails.ForVacancy(vacancyId), "jobbank.applied", new { partyId, application.Score, by = applicant });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same citizen's other tap (or a consultant's referral) got in first: that one is the application.
            db.ChangeTracker.Clear();
            db.PendingAudit.Clear();
            return await ExistingAsync(vacancyId, partyId, vacancy, seeker.DisplayName, ct) ?? throw new StateConflictException("No se pudo registrar la postulación; vuelva a intentarlo.");
        }
        return ToDto(application, vacancy, seeker.DisplayName);
    }

    private async Task<ReferralDto?> ExistingAsync(Guid vacancyId, Guid partyId, Vacancy vacancy, string name, CancellationToken ct) =>
        await db.JobReferrals.AsNoTracking().FirstOrDefaultAsync(r => r.VacancyId == vacancyId && r.SeekerPartyId == partyId, ct) is { } r ? ToDto(r, vacancy, name) : null;

    public async Task<ReferralDto> AnswerAsync(Guid referralId, ReferralAnswerInput input, UserScope user, CancellationToken ct)
    {
        var referral = await db.JobReferrals.FirstOrDefaultAsync(r => r.Id == referralId, ct) ?? throw new NotFoundException($"Referral {referralId} does not exist.");
        var errors = new FieldErrors();
        if (input.Status is not (ReferralStatus.Interview or ReferralStatus.Hired or ReferralStatus.Rejected or ReferralStatus.Withdrawn or ReferralStatus.NoAnswer))
            errors.Add("status", "Responda Interview (entrevista), Hired (contratado), Rejected (no seleccionado), NoAnswer (sin respuesta) o Withdrawn (retirado).");
        if (input.Status == ReferralStatus.Hired && input.StartDate is null) errors.Add("startDate", "Indique la fecha de inicio del contrato.");
        errors.Text("notes", input.Notes, 1000, required: false);
        errors.ThrowIfAny();
        if (input.Version is { } version && version != referral.Version) throw new ConflictException($"Referral {referralId} is at version {referral.Version}, the answer read {version}.");
        if (referral.Status is not (ReferralStatus.Referred or ReferralStatus.Interview))
            throw new StateConflictException($"La derivación ya tiene respuesta final ({JobBankTexts.Of(referral.Status)}).");
        var vacancy = await db.Vacancies.FirstAsync(v => v.Id == referral.VacancyId, ct);
        if (!user.CanSeeOffice(referral.OfficeCode) && !user.CanSeeOffice(vacancy.OfficeCode))
            throw new AccessDeniedException("La derivación la gestiona otra oficina.");

        var now = time.GetUtcNow();
        referral.Status = input.Status!.Value;
        referral.AnsweredAt = now;
        referral.AnsweredBy = user.UserName;
        referral.Notes = input.Notes?.Trim();
        referral.Version++;
        if (referral.Status == ReferralStatus.Hired)
        {
            if (vacancy.PositionsFilled >= vacancy.Positions) throw new StateConflictException("La vacante ya tiene todos sus puestos cubiertos.");
            db.Placements.Add(new Placement
            {
                ReferralId = referral.Id, VacancyId = vacancy.Id, SeekerPartyId = referral.SeekerPartyId, CompanyPartyId = vacancy.CompanyPartyId,
                OfficeCode = referral.OfficeCode, RegionCode = vacancy.RegionCode, OccupationCode = vacancy.OccupationCode,
                StartDate = input.StartDate!.Value, RecordedAt = now, RecordedBy = user.UserName,
            });
            vacancy.PositionsFilled++;
            if (vacancy.PositionsFilled == vacancy.Positions) vacancy.Status = VacancyStatus.Filled;
            vacancy.UpdatedAt = now;
            vacancy.Version++;
        }
        audit.Stage(db, AuditTrails.ForParty(referral.SeekerPartyId), "jobbank.answered", new { referral.VacancyId, status = referral.Status, input.StartDate, by = user.UserName });
        audit.Stage(db, AuditTrails.ForVacancy(vacancy.Id), "jobbank.answered", new { referral.SeekerPartyId, status = referral.Status, by = user.UserName });
        await db.SaveChangesAsync(ct);
        matching.Apply(vacancy);
        var name = await db.JobSeekers.Where(s => s.PartyId == referral.SeekerPartyId).Select(s => s.DisplayName).FirstAsync(ct);
        return ToDto(referral, vacancy, name);
    }

    /// <summary>
    /// The vacancy's referrals, as the company (and the consultant answering for it) sees them: a person who has since
    /// withdrawn the consent is listed without their name (Ley 29733) — the referral stays, for the placement figures and
    /// the answer the office records.
    /// </summary>
    public async Task<IReadOnlyList<ReferralDto>> ForVacancyAsync(Guid vacancyId, CancellationToken ct)
    {
        var vacancy = await db.Vacancies.AsNoTracking().FirstOrDefaultAsync(v => v.Id == vacancyId, ct) ?? throw new NotFoundException($"Vacancy {vacancyId} does not exist.");
        var rows = await (from r in db.JobReferrals.AsNoTracking()
                          join s in db.JobSeekers.AsNoTracking() on r.SeekerPartyId equals s.PartyId
                          where r.VacancyId == vacancyId
                          orderby r.ReferredAt
                          select new { r, s.DisplayName, s.SharesProfile }).ToListAsync(ct);
        return [.. rows.Select(x => x.SharesProfile ? ToDto(x.r, vacancy, x.DisplayName) : ToDto(x.r, vacancy, WithheldName) with { Withheld = true })];
    }

    /// <summary>What a list shared with the company shows instead of the name of a person who withdrew the consent.</summary>
    public const string WithheldName = "Datos reservados: la persona retiró su consentimiento (Ley 29733)";

    public async Task<IReadOnlyList<ReferralDto>> ForSeekerAsync(Guid partyId, CancellationToken ct)
    {
        var rows = await (from r in db.JobReferrals.AsNoTracking()
                          join v in db.Vacancies.AsNoTracking() on r.VacancyId equals v.Id
                          join s in db.JobSeekers.AsNoTracking() on r.SeekerPartyId equals s.PartyId
                          where r.SeekerPartyId == partyId
                          orderby r.ReferredAt
                          select new { r, v, s.DisplayName }).ToListAsync(ct);
        return [.. rows.Select(x => ToDto(x.r, x.v, x.DisplayName))];
    }

    private async Task<bool> AlreadyReferredAsync(Guid vacancyId, Guid partyId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.JobReferrals.AnyAsync(r => r.VacancyId == vacancyId && r.SeekerPartyId == partyId, ct);
    }

    internal static ReferralDto ToDto(JobReferral r, Vacancy v, string seekerName) => new(
        r.Id, r.VacancyId, v.Title, v.CompanyName, r.SeekerPartyId, seekerName, r.OfficeCode, r.CaseId, r.Score, r.Status, JobBankTexts.Of(r.Status, r.Channel),
        r.ReferredAt, r.ReferredBy, r.AnsweredAt, r.Notes, r.Version, r.Channel);
}
