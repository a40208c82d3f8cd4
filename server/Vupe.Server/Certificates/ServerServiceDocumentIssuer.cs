using Microsoft.EntityFrameworkCore;
using Vupe.Documents.Content;
using Vupe.Documents.Pdf;
using Vupe.Documents.Signing;
using Vupe.Documents.Storage;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Server.Documents;
using Vupe.Workflows.Documents;

namespace Vupe.Server.Certificates;

/// <summary>
/// The service procedures' constancias and certificates over the server's stores, the way <see cref="ServerCulArchive"/>
/// keeps the CUL: rendered, signed, stored as a signed document of the case and of the holder's ficha, and registered
/// for public verification (/verificar) — document, register entry and audit entries in one transaction. The step's
/// idempotency key makes a retried issue return the first document.
/// </summary>
public sealed class ServerServiceDocumentIssuer(
    IDbContextFactory<VupeDbContext> contexts, IBlobStore blobs, AuditLog audit, ServiceCertificateRenderer renderer, PdfDocumentSigner signer,
    ISignatureProvider provider) : IServiceDocumentIssuer
{
    public async Task<ServiceDocumentReceipt> IssueAsync(ServiceDocumentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await FindAsync(db, request.IdempotencyKey, ct) is { } earlier) return earlier;
        if (!Guid.TryParse(request.PartyId, out var partyId)) throw new InvalidOperationException($"«{request.PartyId}» no es el identificador de una ficha.");
        var kind = DocumentKinds.Find(request.DocumentKind)
            ?? throw new InvalidOperationException($"«{request.DocumentKind}» no es un tipo de documento; los tipos son: {string.Join(", ", DocumentKinds.All.Select(k => k.Code))}.");
        var c = request.Certificate;
        var pdf = await signer.SignAsync(renderer.Render(c), $"{c.Title} {c.Number}", ct);

        using var content = new MemoryStream(pdf, writable: false);
        var blob = await blobs.PutAsync(content, kind.MaxBytes, ct);
        var document = DocumentLibrary.NewDocument(new DocumentOwner(request.CaseId, request.CaseNumber, request.OfficeCode, partyId), kind,
            $"{Capitalised(c.Title)} {c.Number}", blob, MediaTypes.Pdf, $"{c.Number}.pdf", "sistema", c.IssuedAt,
            issuedBy: provider.CertificateName, validUntil: c.ValidUntil, isSigned: true);
        // A document without expiry is verifiable for as long as it is kept.
        var certificate = new IssuedCertificate
        {
            Id = Guid.CreateVersion7(), VerificationCode = c.VerificationCode.Value, CertificateNumber = c.Number, Kind = kind.Code, DocumentId = document.Id,
            Sha256 = blob.Sha256Hex, CaseId = request.CaseId, CaseNumber = request.CaseNumber, OfficeCode = request.OfficeCode, PartyId = partyId,
            HolderName = c.HolderName, MaskedDocument = IssuedCertificate.Mask(c.HolderDocument?.Split(' ')[^1] ?? ""), SignedBy = provider.CertificateName,
            IssuedAt = c.IssuedAt, ValidUntil = c.ValidUntil ?? c.IssuedAt + kind.RetentionPeriod, IdempotencyKey = request.IdempotencyKey,
        };
        db.Documents.Add(document);
        db.Certificates.Add(certificate);
        var entry = new { kind = kind.Code, certificate.CertificateNumber, documentId = document.Id, certificate.Sha256, certificate.IssuedAt, validUntil = c.ValidUntil };
        audit.Stage(db, AuditTrails.ForCase(request.CaseId), "document.issued", entry);
        audit.Stage(db, AuditTrails.ForParty(partyId), "document.issued", entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent run of the same step issued it first: that document stands.
            await using var again = await contexts.CreateDbContextAsync(ct);
            return await FindAsync(again, request.IdempotencyKey, ct) ?? throw new InvalidOperationException($"No se pudo registrar el documento {c.Number}.");
        }
        return Receipt(certificate, c.ValidUntil);
    }

    private static async Task<ServiceDocumentReceipt?> FindAsync(VupeDbContext db, string key, CancellationToken ct) =>
        await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == key, ct) is { } c
            ? Receipt(c, await db.Documents.AsNoTracking().Where(d => d.Id == c.DocumentId).Select(d => d.ValidUntil).FirstOrDefaultAsync(ct))
            : null;

    private static ServiceDocumentReceipt Receipt(IssuedCertificate c, DateTimeOffset? validUntil) =>
        new(c.DocumentId, c.Sha256, c.CertificateNumber, VerificationCode.Parse(c.VerificationCode).ToString(), c.IssuedAt, validUntil);

    /// <summary>"CONSTANCIA DE CAPACITACIÓN" → "Constancia de capacitación": the document list shows titles in sentence case.</summary>
    private static string Capitalised(string title) =>
        title.Length == 0 ? title : char.ToUpper(title[0], System.Globalization.CultureInfo.GetCultureInfo("es-PE")) + title[1..].ToLower(System.Globalization.CultureInfo.GetCultureInfo("es-PE"));
}
