namespace Vupe.Documents.Pdf;

/// <summary>Which back-office system answered for a section, and when: printed beside every section.</summary>
public sealed record SourceConsultation(string Source, DateTimeOffset ConsultedAt);

public sealed record CulCitizen(string FullName, string Dni, DateOnly BirthDate, string Address);

/// <summary>Identity as checked against RENIEC.</summary>
public sealed record CulIdentitySection(bool ValidatedAgainstReniec, SourceConsultation Consultation);

/// <summary>One entry of a police, judicial or penal record.</summary>
public sealed record CulRecord(string Description, string? Reference, DateOnly? Date);

/// <summary>Police (PNP), judicial (Poder Judicial) or penal (INPE) records; empty means "no registra antecedentes".</summary>
public sealed record CulRecordsSection(IReadOnlyList<CulRecord> Records, SourceConsultation Consultation)
{
    public bool HasRecords => Records.Count > 0;
}

public sealed record EducationEntry(string Level, string Institution, string Title, int? Year);

public sealed record CulEducationSection(IReadOnlyList<EducationEntry> Entries, SourceConsultation Consultation);

/// <summary>A period of formal employment from the Planilla Electrónica; <see cref="To"/> is null while it continues.</summary>
public sealed record EmploymentEntry(string EmployerName, string Ruc, DateOnly From, DateOnly? To);

public sealed record CulEmploymentSection(IReadOnlyList<EmploymentEntry> Entries, SourceConsultation Consultation);

/// <summary>
/// The Certificado Único Laboral as issued: what the back-office systems said about one citizen at one time.
/// </summary>
public sealed record CulCertificate(
    string CertificateNumber,
    VerificationCode VerificationCode,
    DateTimeOffset IssuedAt,
    string IssuingOffice,
    CulCitizen Citizen,
    CulIdentitySection Identity,
    CulRecordsSection PoliceRecords,
    CulRecordsSection JudicialRecords,
    CulRecordsSection PenalRecords,
    CulEducationSection Education,
    CulEmploymentSection Employment)
{
    /// <summary>A CUL is valid for three months from issue.</summary>
    public const int ValidityMonths = 3;

    public DateTimeOffset ValidUntil => IssuedAt.AddMonths(ValidityMonths);
}
