using Vupe.JobBank.Matching;

namespace Vupe.Server.JobBank;

/// <summary>A vacancy as a consultant registers or edits it (on the company's behalf).</summary>
public sealed record VacancyInput(
    Guid? CompanyPartyId, string? Title, string? Description, string? OccupationCode, string? Ubigeo, bool Remote,
    string? MinEducation, int? MinExperienceMonths, IReadOnlyList<string>? Certifications, IReadOnlyList<string>? Skills,
    decimal? SalaryMin, decimal? SalaryMax, int? Positions, DateOnly? ClosingDate, long? Version = null);

public sealed record VacancyDto(
    Guid Id, Guid CompanyPartyId, string CompanyName, string OfficeCode, string Title, string Description,
    string OccupationCode, string OccupationName, string Ubigeo, string RegionCode, string RegionName, bool Remote,
    string MinEducation, int MinExperienceMonths, IReadOnlyList<string> Certifications, IReadOnlyList<string> Skills,
    decimal? SalaryMin, decimal? SalaryMax, int Positions, int PositionsFilled, DateOnly ClosingDate, VacancyStatus Status,
    string StatusName, DateTimeOffset CreatedAt, string CreatedBy, long Version);

public sealed record VacancyPage(IReadOnlyList<VacancyDto> Items, int Total, int Page, int PageSize);

/// <summary>What a citizen seeks, as the consultant records it; the rest of the profile comes from the ficha.</summary>
public sealed record SeekerInput(
    IReadOnlyList<string>? Occupations, Mobility? Mobility, IReadOnlyList<string>? Certifications, decimal? ExpectedSalary, bool? Active, long? Version = null);

public sealed record SeekerDto(
    Guid PartyId, string DisplayName, IReadOnlyList<string> Occupations, IReadOnlyList<string> OccupationNames, Mobility Mobility,
    IReadOnlyList<string> Certifications, decimal? ExpectedSalary, bool Active, bool SharesProfile, string Education,
    int ExperienceMonths, IReadOnlyList<string> Skills, string Ubigeo, string RegionName, string OfficeCode, DateTimeOffset UpdatedAt, long Version);

/// <summary>A vacancy offered to a seeker, with the score and every reason.</summary>
public sealed record VacancyMatchDto(VacancyDto Vacancy, int Score, IReadOnlyList<MatchReason> Reasons);

/// <summary>
/// A candidate for a vacancy: only what the intermediacion-laboral consent shares with companies (Ley 29733) —
/// no document number, birth date, address, disability, migratory status or records.
/// </summary>
public sealed record CandidateDto(
    Guid PartyId, string DisplayName, string RegionName, string Education, int ExperienceMonths, IReadOnlyList<string> Skills,
    IReadOnlyList<string> Certifications, int Score, IReadOnlyList<MatchReason> Reasons, ReferralStatus? Referral);

public sealed record ReferralInput(Guid? PartyId, Guid? CaseId = null);

public sealed record ReferralAnswerInput(ReferralStatus? Status, DateOnly? StartDate, string? Notes, long? Version);

public sealed record ReferralDto(
    Guid Id, Guid VacancyId, string VacancyTitle, string CompanyName, Guid SeekerPartyId, string SeekerName, string OfficeCode,
    Guid? CaseId, int Score, ReferralStatus Status, string StatusName, DateTimeOffset ReferredAt, string ReferredBy,
    DateTimeOffset? AnsweredAt, string? Notes, long Version, ReferralChannel Channel = ReferralChannel.Referral)
{
    /// <summary>The person withdrew the intermediacion-laboral consent after the referral: <see cref="SeekerName"/> no longer says who it is.</summary>
    public bool Withheld { get; init; }
}

/// <summary>Spanish words for the job bank's states.</summary>
public static class JobBankTexts
{
    public static string Of(VacancyStatus status) => status switch
    {
        VacancyStatus.Open => "Abierta",
        VacancyStatus.Closed => "Cerrada",
        VacancyStatus.Held => "Sin publicar: la empresa está en validación",
        _ => "Cubierta",
    };

    public static string Of(ReferralStatus status) => status switch
    {
        ReferralStatus.Referred => "Derivado",
        ReferralStatus.Interview => "En entrevista",
        ReferralStatus.Hired => "Contratado",
        ReferralStatus.Rejected => "No seleccionado",
        ReferralStatus.NoAnswer => "Sin respuesta de la empresa",
        _ => "Retirado",
    };

    /// <summary>The status as the citizen and the company read it: an application not yet answered is "received", not "referred".</summary>
    public static string Of(ReferralStatus status, ReferralChannel channel) =>
        status == ReferralStatus.Referred && channel == ReferralChannel.Application ? "Postulación recibida" : Of(status);

    public static string Of(ReferralChannel channel) => channel == ReferralChannel.Application ? "Postulación en línea" : "Derivación";

    public static string Of(Mobility mobility) => mobility switch
    {
        Mobility.Provincia => "Solo en su provincia",
        Mobility.Region => "En su región",
        _ => "En todo el país",
    };
}
