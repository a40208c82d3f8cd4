namespace Vupe.Server.Parties;

public sealed record ConsentInput(string? Purpose, bool Granted, string? Channel, string? TextVersion);

public sealed record CreatePersonRequest(
    DocumentType DocumentType, string? DocumentNumber, string? CheckCharacter,
    string? GivenNames, string? PaternalSurname, string? MaternalSurname, DateOnly? BirthDate,
    string? Sex, string? Nationality, string? Phone, string? Email, string? Address, string? Ubigeo,
    ConsentInput? Consent);

public sealed record CreateCompanyRequest(
    string? Ruc, string? LegalName, string? TradeName, string? Sector, int? Employees, string? Address, string? Ubigeo,
    string? ContactName, string? ContactPhone, string? ContactEmail);

/// <summary>The editable part of a person's ficha; <see cref="Version"/> is the version the client read.</summary>
public sealed record UpdateFichaRequest(
    long Version, string? Phone, string? Email, string? Address, string? Ubigeo,
    List<EducationEntry>? Education, List<WorkExperienceEntry>? WorkExperience, List<string>? Skills,
    DisabilityInfo? Disability, MigrantInfo? Migrant);

public sealed record PartySummaryDto(Guid Id, PartyKind Kind, DocumentType DocumentType, string DocumentNumber, string DisplayName, string RegisteredAtOffice);

public sealed record PartyDto(
    Guid Id, PartyKind Kind, DocumentType DocumentType, string DocumentNumber, string DisplayName, string RegisteredAtOffice,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version, PersonProfile? Person, CompanyProfile? Company,
    IReadOnlyList<ConsentRecord> Consents)
{
    public static PartyDto From(Party p) => new(p.Id, p.Kind, p.DocumentType, p.DocumentNumber, p.DisplayName, p.RegisteredAtOffice,
        p.CreatedAt, p.UpdatedAt, p.Version, p.Person, p.Company, [.. p.Consents.OrderBy(c => c.RecordedAt)])
    {
        IdentityNotice = IdentityNoticeOf(p),
    };

    /// <summary>Null unless the reader's office gets the ficha without its sensitive data (a withdrawn datos-sensibles consent); then why, in Spanish.</summary>
    public string? SensitiveNotice { get; init; }

    /// <summary>Null when RENIEC confirmed the person's names and birth date; else what the consultant should know, in Spanish.</summary>
    public string? IdentityNotice { get; init; }

    public static string? IdentityNoticeOf(Party p) => p.Person switch
    {
        null or { IdentityVerifiedAt: not null } => null,
        _ when p.DocumentType == DocumentType.Dni =>
            "Identidad no verificada: RENIEC no confirmó los nombres ni la fecha de nacimiento de esta ficha. El CUL los volverá a comparar con RENIEC antes de emitirse.",
        _ => "Identidad no verificada con RENIEC: la persona se identifica con un documento que RENIEC no registra.",
    };
}

/// <summary>
/// One case in a party's employability history, whichever office served it: for a triage the services
/// recommended, for a referral its service and outcome, as the process recorded them in the ficha, with the details
/// its procedure records (<see cref="OutcomeDetails"/>: the occupational recommendation, the course and its hours,
/// the competency result…; empty when there are none).
/// </summary>
public sealed record HistoryItemDto(
    Guid CaseId, string CaseNumber, string OfficeCode, string? Procedure, string? Title, string Status,
    DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, Guid? ParentCaseId,
    IReadOnlyList<string> RecommendedServices, string? Service, string? Outcome,
    IReadOnlyDictionary<string, System.Text.Json.JsonElement> OutcomeDetails);

/// <summary>A request to check a ficha against RENIEC; <see cref="Version"/> is the version read.</summary>
public sealed record VerifyIdentityRequest(long Version, bool AdoptReniec = false);
