using Microsoft.EntityFrameworkCore;
using Vupe.Documents.Content;
using Vupe.Documents.Storage;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Server.Documents;
using Vupe.Workflows.Cul;

namespace Vupe.Server.Certificates;

/// <summary>
/// The CUL procedure's archive over the server's database and blob store: section answers in <see cref="CulAnswer"/>
/// rows (criminal ones readable only by roles allowed to see them), the signed PDF as a document of the case and of
/// the citizen's ficha, and the certificate registered for public verification — document, certificate and audit
/// entries in one transaction. The step's idempotency key makes a retried issue return the first certificate.
/// </summary>
public sealed class ServerCulArchive(IDbContextFactory<VupeDbContext> contexts, IBlobStore blobs, AuditLog audit, TimeProvider time) : ICulArchive
{
    public async Task SaveAnswerAsync(Guid caseId, CulSectionAnswer answer, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // The issuing step reads the answers back, possibly in the same command: they are stored at once.
        db.CommitsOnItsOwn = true;
        var row = await db.CulAnswers.FirstOrDefaultAsync(a => a.CaseId == caseId && a.Section == answer.Section, ct);
        if (row is null) db.CulAnswers.Add(row = new CulAnswer { CaseId = caseId, Section = answer.Section });
        row.Source = answer.Source;
        row.ConsultedAt = answer.ConsultedAt;
        row.Reference = answer.Reference;
        row.ValueJson = answer.ValueJson;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(row).State == EntityState.Added)
        {
            // Two runs of the same step raced: the other one saved this section. Its answer is as good as ours.
        }
    }

    public async Task<IReadOnlyList<CulSectionAnswer>> ReadAnswersAsync(Guid caseId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.CulAnswers.AsNoTracking().Where(a => a.CaseId == caseId).ToListAsync(ct);
        return [.. rows.Select(a => new CulSectionAnswer(a.Section, a.Source, a.ConsultedAt, a.Reference, a.ValueJson))];
    }

    public async Task<IssuedCulReceipt> ArchiveAsync(IssuedCul cul, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await FindAsync(db, cul.IdempotencyKey, ct) is { } earlier) return earlier;
        if (!Guid.TryParse(cul.PartyId, out var partyId)) throw new InvalidOperationException($"'{cul.PartyId}' is not a party id.");

        using var content = new MemoryStream(cul.Pdf.ToArray(), writable: false);
        var blob = await blobs.PutAsync(content, DocumentKinds.Cul.MaxBytes, ct);
        var document = DocumentLibrary.NewDocument(new DocumentOwner(cul.CaseId, cul.CaseNumber, cul.OfficeCode, partyId), DocumentKinds.Cul,
            $"Certificado Único Laboral {cul.CertificateNumber}", blob, MediaTypes.Pdf, $"{cul.CertificateNumber}.pdf", "sistema", time.GetUtcNow(),
            issuedBy: cul.SignedBy, validUntil: cul.ValidUntil, restricted: cul.HasCriminalRecords, isSigned: true);
        var certificate = new IssuedCertificate
        {
            Id = Guid.CreateVersion7(), VerificationCode = Normalise(cul.VerificationCode), CertificateNumber = cul.CertificateNumber,
            Kind = DocumentKinds.Cul.Code, DocumentId = document.Id, Sha256 = blob.Sha256Hex, CaseId = cul.CaseId, CaseNumber = cul.CaseNumber,
            OfficeCode = cul.OfficeCode, PartyId = partyId, HolderName = cul.HolderName, MaskedDocument = IssuedCertificate.Mask(cul.Dni),
            SignedBy = cul.SignedBy, IssuedAt = cul.IssuedAt, ValidUntil = cul.ValidUntil, IdempotencyKey = cul.IdempotencyKey,
        };
        db.Documents.Add(document);
        db.Certificates.Add(certificate);
        var entry = new { certificate.CertificateNumber, documentId = document.Id, certificate.Sha256, certificate.IssuedAt, certificate.ValidUntil };
        audit.Stage(db, AuditTrails.ForCase(cul.CaseId), "cul.issued", entry);
        audit.Stage(db, AuditTrails.ForParty(partyId), "cul.issued", entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent run of the same step issued it first: that certificate stands.
            await using var again = await contexts.CreateDbContextAsync(ct);
            return await FindAsync(again, cul.IdempotencyKey, ct) ?? throw new InvalidOperationException($"Could not record certificate {cul.CertificateNumber}.");
        }
        return Receipt(certificate);
    }

    private static async Task<IssuedCulReceipt?> FindAsync(VupeDbContext db, string key, CancellationToken ct) =>
        await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == key, ct) is { } c ? Receipt(c) : null;

    private static IssuedCulReceipt Receipt(IssuedCertificate c) =>
        new(c.DocumentId, c.Sha256, c.CertificateNumber, Vupe.Documents.Pdf.VerificationCode.Parse(c.VerificationCode).ToString(), c.IssuedAt, c.ValidUntil);

    internal static string Normalise(string code) => Vupe.Documents.Pdf.VerificationCode.Parse(code).Value;
}
