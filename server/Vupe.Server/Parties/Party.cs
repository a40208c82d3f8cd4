namespace Vupe.Server.Parties;

public enum PartyKind { Person, Company }

/// <summary>
/// A citizen or a company, once nationally: the ficha única. Identified by one document
/// (type + number, unique). Personal data lives in <see cref="Person"/> or <see cref="Company"/>;
/// the employability history is not stored here but read from the case files whose subject it is.
/// </summary>
public sealed class Party
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public PartyKind Kind { get; init; }
    public DocumentType DocumentType { get; init; }
    public required string DocumentNumber { get; init; }
    public required string DisplayName { get; set; }
    /// <summary>The display name folded for search: lower case, no accents ("Ñahui" → "nahui").</summary>
    public required string SearchName { get; set; }
    /// <summary>Where the party was first registered; every office can still read and serve them.</summary>
    public required string RegisteredAtOffice { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency: an update names the version it read.</summary>
    public long Version { get; set; }
    public PersonProfile? Person { get; set; }
    public CompanyProfile? Company { get; set; }
    public List<ConsentRecord> Consents { get; init; } = [];
}

public sealed class PersonProfile
{
    public required string GivenNames { get; set; }
    public required string PaternalSurname { get; set; }
    public string? MaternalSurname { get; set; }
    public DateOnly BirthDate { get; set; }
    public string? Sex { get; set; }
    public string? Nationality { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    /// <summary>When the person proved they receive <see cref="Email"/> (a one-time code sent there and typed back); cleared when it changes.</summary>
    public DateTimeOffset? EmailVerifiedAt { get; set; }
    /// <summary>When the person proved they receive messages at <see cref="Phone"/>; cleared when it changes.</summary>
    public DateTimeOffset? PhoneVerifiedAt { get; set; }
    public string? Address { get; set; }
    /// <summary>INEI ubigeo of the district of residence (6 digits).</summary>
    public string? Ubigeo { get; set; }
    /// <summary>
    /// When RENIEC confirmed the names and birth date (a DNI registered while RENIEC answered); null is "identidad no
    /// verificada": another document, RENIEC down at registration, or a ficha older than the check.
    /// </summary>
    public DateTimeOffset? IdentityVerifiedAt { get; set; }
    /// <summary>RENIEC's reference for the consultation that confirmed the identity.</summary>
    public string? IdentityReference { get; set; }
    public List<EducationEntry> Education { get; set; } = [];
    public List<WorkExperienceEntry> WorkExperience { get; set; } = [];
    public List<string> Skills { get; set; } = [];
    public DisabilityInfo Disability { get; set; } = new();
    public MigrantInfo Migrant { get; set; } = new();
}

public sealed class EducationEntry
{
    /// <summary>sin-estudios, primaria, secundaria, tecnica, universitaria, posgrado.</summary>
    public required string Level { get; set; }
    public string? Institution { get; set; }
    public string? Field { get; set; }
    public bool Completed { get; set; }
    public int? Year { get; set; }
}

public sealed class WorkExperienceEntry
{
    public required string Employer { get; set; }
    public string? Position { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    /// <summary>Backed by a certificate or the Planilla Electrónica.</summary>
    public bool Certified { get; set; }
}

public sealed class DisabilityInfo
{
    public bool HasDisability { get; set; }
    public string? Kind { get; set; }
    /// <summary>CONADIS registration, when the person has one.</summary>
    public string? ConadisNumber { get; set; }
}

public sealed class MigrantInfo
{
    public bool IsMigrant { get; set; }
    public string? CountryOfOrigin { get; set; }
    public int? ArrivalYear { get; set; }
    public string? ImmigrationStatus { get; set; }
}

public sealed class CompanyProfile
{
    public required string LegalName { get; set; }
    public string? TradeName { get; set; }
    public string? Sector { get; set; }
    public int? Employees { get; set; }
    public string? Address { get; set; }
    public string? Ubigeo { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
}

/// <summary>Consent to process personal data (Ley 29733): what for, granted or withdrawn, how, when and by whom recorded.</summary>
public sealed class ConsentRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartyId { get; init; }
    /// <summary>e.g. "tratamiento-datos", "datos-sensibles", "intermediacion-laboral".</summary>
    public required string Purpose { get; init; }
    public bool Granted { get; init; }
    /// <summary>escrito or digital.</summary>
    public required string Channel { get; init; }
    public string? TextVersion { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
    public required string OfficeCode { get; init; }
}
