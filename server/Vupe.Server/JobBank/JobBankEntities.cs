using Vupe.JobBank.Matching;

namespace Vupe.Server.JobBank;

/// <summary><see cref="Held"/>: posted by a company still in validation; not published (not searched, not matched) until it is approved.</summary>
public enum VacancyStatus { Open, Closed, Filled, Held }

/// <summary>
/// A vacancy of a company (a party with a RUC), registered by a consultant on its behalf or, with the virtual window,
/// by the company. Open vacancies of every region are in the national matching until they close or fill.
/// </summary>
public sealed class Vacancy
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CompanyPartyId { get; init; }
    public required string CompanyName { get; set; }
    /// <summary>The office that registered it; vacancies are national, the office answers for it.</summary>
    public required string OfficeCode { get; init; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    /// <summary>Four-digit code of the occupational classification (Vupe.JobBank's ocupaciones.csv).</summary>
    public required string OccupationCode { get; set; }
    /// <summary>Where the job is: ubigeo of 2, 4 or 6 digits.</summary>
    public required string Ubigeo { get; set; }
    /// <summary>The ubigeo's department, for figures by region.</summary>
    public required string RegionCode { get; set; }
    public bool Remote { get; set; }
    /// <summary>Minimum education (ficha codes: sin-estudios … posgrado).</summary>
    public required string MinEducation { get; set; }
    public int MinExperienceMonths { get; set; }
    public List<string> Certifications { get; set; } = [];
    public List<string> Skills { get; set; } = [];
    public decimal? SalaryMin { get; set; }
    public decimal? SalaryMax { get; set; }
    public int Positions { get; set; }
    public int PositionsFilled { get; set; }
    public DateOnly ClosingDate { get; set; }
    public VacancyStatus Status { get; set; }
    /// <summary>Title, description, skills, company and occupation, folded: what the full-text index (FTS5) reads.</summary>
    public required string SearchText { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// A citizen in the job bank: what they seek (occupations, how far they would go, certifications held) and a
/// snapshot of their ficha (education, experience, skills, residence) refreshed whenever the ficha changes, so the
/// national matching reads one small row per seeker. <see cref="SharesProfile"/> follows the latest
/// intermediacion-laboral consent (Ley 29733): without it the seeker is offered vacancies but is never shown to
/// companies or to consultants searching candidates.
/// </summary>
public sealed class JobSeeker
{
    public Guid PartyId { get; init; }
    public required string DisplayName { get; set; }
    public List<string> Occupations { get; set; } = [];
    public Mobility Mobility { get; set; }
    public List<string> Certifications { get; set; } = [];
    public decimal? ExpectedSalary { get; set; }
    /// <summary>Looking for work now; an inactive seeker keeps the profile but leaves the matching.</summary>
    public bool Active { get; set; }
    public bool SharesProfile { get; set; }
    public int EducationRank { get; set; }
    public int ExperienceMonths { get; set; }
    public List<string> Skills { get; set; } = [];
    public required string Ubigeo { get; set; }
    public required string OfficeCode { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public long Version { get; set; }
}

public enum ReferralStatus { Referred, Interview, Hired, Rejected, Withdrawn, NoAnswer }

/// <summary>How a seeker reached a vacancy: referred by a consultant, or applying online from Mi VUPE (a postulación).</summary>
public enum ReferralChannel { Referral, Application }

/// <summary>
/// A seeker put forward to a vacancy — referred by a consultant or applying online (<see cref="Channel"/>) — with the match
/// as it stood, and the company's answer. One per seeker and vacancy, whichever came first (a unique index).
/// </summary>
public sealed class JobReferral
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid VacancyId { get; init; }
    public Guid SeekerPartyId { get; init; }
    public required string OfficeCode { get; init; }
    /// <summary>The bolsa-trabajo case that referred, when the referral came from a procedure.</summary>
    public Guid? CaseId { get; init; }
    public int Score { get; init; }
    public ReferralChannel Channel { get; init; }
    /// <summary>The match's reasons as JSON, kept as shown when the consultant referred (or the citizen applied).</summary>
    public required string Explanation { get; init; }
    public ReferralStatus Status { get; set; }
    public DateTimeOffset ReferredAt { get; init; }
    public required string ReferredBy { get; init; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
    public string? Notes { get; set; }
    public long Version { get; set; }
}

/// <summary>A colocación: a referred seeker hired. The ministry's placement figures count these rows.</summary>
public sealed class Placement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ReferralId { get; init; }
    public Guid VacancyId { get; init; }
    public Guid SeekerPartyId { get; init; }
    public Guid CompanyPartyId { get; init; }
    public required string OfficeCode { get; init; }
    public required string RegionCode { get; init; }
    public required string OccupationCode { get; init; }
    public DateOnly StartDate { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
}
