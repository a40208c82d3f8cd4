using Microsoft.EntityFrameworkCore;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Data;
using Vupe.Server.Problems;
using Vupe.Workflows.Cul;

namespace Vupe.Server.Certificates;

/// <summary>
/// Certificates of a case, the CUL's section answers (criminal ones by role, their reading audited) and revocation by
/// a supervisor of the certificate's office, with a reason, audited in the same transaction.
/// </summary>
public sealed class CertificateRegister(CaseAccess access, IDbContextFactory<VupeDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public async Task<List<CertificateDto>> ForCaseAsync(Guid caseId, CancellationToken ct)
    {
        await access.GetCaseAsync(caseId, CaseOperations.Read, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Certificates.AsNoTracking().Where(c => c.CaseId == caseId).ToListAsync(ct);
        return [.. rows.OrderBy(c => c.IssuedAt).Select(CertificateDto.From)];
    }

    public async Task<List<CulSectionDto>> CulSectionsAsync(Guid caseId, CancellationToken ct)
    {
        await access.GetCaseAsync(caseId, CaseOperations.Read, ct);
        var user = access.Scope;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.CulAnswers.AsNoTracking().Where(a => a.CaseId == caseId).ToListAsync(ct);
        var sections = rows.OrderBy(a => CulSections.All.ToList().IndexOf(a.Section)).Select(a =>
        {
            var restricted = CulSections.IsCriminal(a.Section) && !user.CanSeeCriminalRecords;
            return new CulSectionDto(a.Section, a.Source, a.ConsultedAt, a.Reference, restricted,
                restricted ? null : System.Text.Json.JsonDocument.Parse(a.ValueJson).RootElement.Clone());
        }).ToList();
        // Reading a citizen's antecedentes is a personal-data read worth a line in the trail.
        if (user.CanSeeCriminalRecords && rows.Any(a => CulSections.IsCriminal(a.Section)))
            await audit.AppendAsync(AuditTrails.ForCase(caseId), "cul.records.read", new { sections = rows.Where(a => CulSections.IsCriminal(a.Section)).Select(a => a.Section) }, ct);
        return sections;
    }

    public async Task<CertificateDto> RevokeAsync(Guid certificateId, string? requestedReason, CancellationToken ct)
    {
        var user = access.Scope;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == certificateId, ct);
        if (certificate is null || !user.CanSeeOffice(certificate.OfficeCode)) throw new Vupe.Engine.NotFoundException($"Certificate {certificateId} does not exist.");
        if (!user.Is(Roles.Supervisor)) throw new AccessDeniedException("Solo un supervisor de la oficina revoca certificados.");
        var errors = new FieldErrors();
        var reason = errors.Text("reason", requestedReason, 500);
        if (reason is { Length: < 10 }) errors.Add("reason", "Explique el motivo (al menos 10 caracteres).");
        errors.ThrowIfAny();
        if (certificate.RevokedAt is not null) throw new StateConflictException("El certificado ya fue revocado.");
        certificate.RevokedAt = time.GetUtcNow();
        certificate.RevokedBy = user.UserName;
        certificate.RevocationReason = reason;
        certificate.Version++;
        audit.Stage(db, AuditTrails.ForCase(certificate.CaseId), "certificate.revoked", new { certificate.CertificateNumber, reason, revokedBy = user.UserName });
        await db.SaveChangesAsync(ct);
        return CertificateDto.From(certificate);
    }
}
