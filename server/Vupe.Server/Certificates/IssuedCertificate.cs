namespace Vupe.Server.Certificates;

/// <summary>
/// A certificate the ministry issued, as the public verification answers for it: found by its verification code,
/// compared with uploaded bytes by their SHA-256. Revocation is recorded here (and in the case's audit trail).
/// </summary>
public sealed class IssuedCertificate
{
    public Guid Id { get; set; }
    /// <summary>Normalised: upper case, no dashes (what <see cref="Vupe.Documents.Pdf.VerificationCode"/> parses to).</summary>
    public string VerificationCode { get; set; } = "";
    public string CertificateNumber { get; set; } = "";
    public string Kind { get; set; } = "";
    public Guid DocumentId { get; set; }
    public string Sha256 { get; set; } = "";
    public Guid CaseId { get; set; }
    public string CaseNumber { get; set; } = "";
    public string OfficeCode { get; set; } = "";
    public Guid PartyId { get; set; }
    public string HolderName { get; set; } = "";
    /// <summary>The holder's DNI with all but its last three digits hidden, as the public page shows it.</summary>
    public string MaskedDocument { get; set; } = "";
    public string SignedBy { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ValidUntil { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevocationReason { get; set; }
    /// <summary>The issuing step's key: a retried step finds its certificate instead of issuing a second.</summary>
    public string IdempotencyKey { get; set; } = "";
    public long Version { get; set; }

    public static string Mask(string document) => document.Length <= 3 ? new string('*', document.Length) : new string('*', document.Length - 3) + document[^3..];
}
