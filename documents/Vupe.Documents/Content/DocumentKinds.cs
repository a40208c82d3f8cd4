namespace Vupe.Documents.Content;

/// <summary>How long documents of a kind are kept after issue or upload; the retention job deletes them afterwards.</summary>
public enum RetentionClass
{
    /// <summary>Kept while the case is open and for a short period afterwards (citizens' supporting copies).</summary>
    SupportingCopy,
    /// <summary>Issued certificates: kept so third parties can verify them long after they expire.</summary>
    Certificate,
    /// <summary>Case records kept for audit.</summary>
    CaseRecord,
}

/// <summary>A kind of document a case can hold, with what may be uploaded as one and for how long it is kept.</summary>
public sealed record DocumentKind(
    string Code,
    string Name,
    RetentionClass RetentionClass,
    TimeSpan RetentionPeriod,
    IReadOnlyList<string> AllowedMediaTypes,
    long MaxBytes);

/// <summary>The catalogue of document kinds. Codes are stable identifiers stored with each document.</summary>
public static class DocumentKinds
{
    private const long Megabyte = 1024 * 1024;
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);

    private static readonly string[] Scans = [MediaTypes.Pdf, MediaTypes.Jpeg, MediaTypes.Png];

    public static readonly DocumentKind Cul = new(
        "cul", "Certificado Único Laboral", RetentionClass.Certificate, 5 * Year, [MediaTypes.Pdf], 5 * Megabyte);

    /// <summary>Issued by the competency certification procedure, signed; kept, like the CUL, to be verified long after issue.</summary>
    public static readonly DocumentKind CompetencyCertificate = new(
        "certificado-competencias", "Certificado de competencias laborales", RetentionClass.Certificate, 10 * Year, [MediaTypes.Pdf], 5 * Megabyte);

    public static readonly DocumentKind DniCopy = new(
        "dni-copia", "Copia del DNI", RetentionClass.SupportingCopy, Year, Scans, 5 * Megabyte);

    public static readonly DocumentKind Cv = new(
        "cv", "Currículum vitae", RetentionClass.SupportingCopy, 2 * Year, [MediaTypes.Pdf, MediaTypes.Docx], 5 * Megabyte);

    public static readonly DocumentKind Constancia = new(
        "constancia", "Constancia", RetentionClass.CaseRecord, 5 * Year, Scans, 10 * Megabyte);

    public static readonly DocumentKind CaseSummary = new(
        "resumen-expediente", "Resumen de expediente", RetentionClass.CaseRecord, 5 * Year, [MediaTypes.Pdf], 20 * Megabyte);

    public static readonly DocumentKind Other = new(
        "otro", "Otro documento", RetentionClass.SupportingCopy, Year,
        [MediaTypes.Pdf, MediaTypes.Jpeg, MediaTypes.Png, MediaTypes.Docx, MediaTypes.Xlsx], 10 * Megabyte);

    public static IReadOnlyList<DocumentKind> All { get; } = [Cul, CompetencyCertificate, DniCopy, Cv, Constancia, CaseSummary, Other];

    public static DocumentKind? Find(string code) =>
        All.FirstOrDefault(kind => string.Equals(kind.Code, code, StringComparison.Ordinal));
}
