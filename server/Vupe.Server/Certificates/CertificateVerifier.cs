using Microsoft.EntityFrameworkCore;
using Vupe.Documents.Pdf;
using Vupe.Documents.Verification;
using Vupe.Server.Data;

namespace Vupe.Server.Certificates;

/// <summary>How a certificate stands today.</summary>
public enum CertificateStanding { Valid, Expired, Revoked, Unknown }

/// <summary>
/// The public answer about a certificate: who issued it, to whom (DNI masked), when, until when, whether it still
/// stands and — for an uploaded file — whether its bytes are exactly the ones issued and its signature is intact.
/// </summary>
public sealed record VerificationAnswer(
    CertificateStanding Standing,
    string Message,
    string? CertificateNumber = null,
    string? IssuedBy = null,
    string? HolderName = null,
    string? MaskedDocument = null,
    DateTimeOffset? IssuedAt = null,
    DateTimeOffset? ValidUntil = null,
    DateTimeOffset? RevokedAt = null,
    string? RevocationReason = null,
    bool? BytesMatchIssued = null,
    PdfSignatureStatus? Signature = null,
    string? SignatureMessage = null,
    string? SignerName = null);

/// <summary>Answers the public verification by code or by an uploaded PDF; reads nothing but the certificate register.</summary>
public sealed class CertificateVerifier(IDbContextFactory<VupeDbContext> contexts, PdfSignatureVerifier signatures, TimeProvider time)
{
    public async Task<VerificationAnswer> ByCodeAsync(VerificationCode code, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.VerificationCode == code.Value, ct);
        return certificate is null
            ? new VerificationAnswer(CertificateStanding.Unknown, "No existe un certificado con ese código de verificación.")
            : Describe(certificate);
    }

    /// <summary>Checks a file: found by the code when given, else by its exact bytes; the signature is checked either way.</summary>
    public async Task<VerificationAnswer> ByFileAsync(byte[] pdf, VerificationCode? code, CancellationToken ct)
    {
        var signature = signatures.Verify(pdf);
        var sha = signature.DocumentSha256 ?? Sha256.Hex(pdf); // the verifier hashed the file already
        await using var db = await contexts.CreateDbContextAsync(ct);
        var certificate = code is { } c
            ? await db.Certificates.AsNoTracking().FirstOrDefaultAsync(x => x.VerificationCode == c.Value, ct)
            : await db.Certificates.AsNoTracking().FirstOrDefaultAsync(x => x.Sha256 == sha, ct);
        var answer = certificate is null
            ? new VerificationAnswer(CertificateStanding.Unknown, code is null
                ? "El archivo no corresponde a ningún certificado emitido."
                : "No existe un certificado con ese código de verificación.")
            : Describe(certificate);
        var matches = certificate is not null && Sha256.Equal(certificate.Sha256, sha);
        var message = answer.Message;
        if (certificate is not null && !matches) message += " El archivo presentado NO es idéntico al emitido.";
        return answer with
        {
            Message = message, BytesMatchIssued = certificate is null ? null : matches,
            Signature = signature.Status, SignatureMessage = signature.MessageEs, SignerName = signature.SignerName,
        };
    }

    private VerificationAnswer Describe(IssuedCertificate c)
    {
        var now = time.GetUtcNow();
        var (standing, message) = c.RevokedAt is not null ? (CertificateStanding.Revoked, "El certificado fue revocado.")
            : c.ValidUntil < now ? (CertificateStanding.Expired, "El certificado venció.")
            : (CertificateStanding.Valid, "El certificado es válido.");
        return new VerificationAnswer(standing, message, c.CertificateNumber, $"Ministerio de Trabajo y Promoción del Empleo — VUPE {c.OfficeCode} ({c.SignedBy})",
            c.HolderName, c.MaskedDocument, c.IssuedAt, c.ValidUntil, c.RevokedAt, c.RevocationReason);
    }
}
