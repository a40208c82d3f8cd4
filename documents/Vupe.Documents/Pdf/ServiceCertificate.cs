namespace Vupe.Documents.Pdf;

/// <summary>
/// A constancia or certificate a VUPE service issues to a person (a course completed, a competency certified): who it
/// is for, what it attests (<see cref="Statement"/>, completing "the holder …") and the particulars as label/value
/// <see cref="Fields"/>. <see cref="ValidUntil"/> is null for documents that do not expire.
/// </summary>
public sealed record ServiceCertificate(
    string Title,
    string Number,
    VerificationCode VerificationCode,
    DateTimeOffset IssuedAt,
    DateTimeOffset? ValidUntil,
    string IssuingOffice,
    string HolderName,
    string? HolderDocument,
    string Statement,
    IReadOnlyList<(string Label, string Value)> Fields);
