using Microsoft.EntityFrameworkCore;
using Vupe.Server.Audit;
using Vupe.Server.Hosting;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Data;
using Vupe.Server.Problems;
using Vupe.Workflows.Cul;

namespace Vupe.Server.Certificates;

public sealed record CertificateDto(
    Guid Id, string CertificateNumber, string VerificationCode, string Kind, Guid CaseId, string CaseNumber, Guid DocumentId, string Sha256,
    DateTimeOffset IssuedAt, DateTimeOffset ValidUntil, DateTimeOffset? RevokedAt, string? RevokedBy, string? RevocationReason)
{
    public static CertificateDto From(IssuedCertificate c) => new(
        c.Id, c.CertificateNumber, Vupe.Documents.Pdf.VerificationCode.Parse(c.VerificationCode).ToString(), c.Kind, c.CaseId, c.CaseNumber, c.DocumentId,
        c.Sha256, c.IssuedAt, c.ValidUntil, c.RevokedAt, c.RevokedBy, c.RevocationReason);
}

/// <param name="Value">The back office's answer; null when it holds criminal data the reader may not see.</param>
public sealed record CulSectionDto(string Section, string Source, DateTimeOffset ConsultedAt, string? Reference, bool Restricted, System.Text.Json.JsonElement? Value);

public sealed record RevokeRequest(string? Reason);

/// <summary>Certificates of a case, the CUL's section answers (criminal ones by role), and revocation by a supervisor.</summary>
public static class CertificateEndpoints
{
    public static void MapCertificateEndpoints(this IEndpointRouteBuilder api)
    {
        var cases = api.MapGroup("/cases/{id:guid}").WithTags("Certificates").RequireAuthorization(Policies.ReadCases);

        cases.MapGet("/certificates", async (Guid id, CaseAccess access, VupeDbContext db, HttpContext http, CancellationToken ct) =>
        {
            await access.GetInScopeAsync(id, UserScope.From(http.User), ct);
            var rows = await db.Certificates.AsNoTracking().Where(c => c.CaseId == id).ToListAsync(ct);
            return rows.OrderBy(c => c.IssuedAt).Select(CertificateDto.From);
        }).WithSummary("Certificates issued in the case");

        cases.MapGet("/cul/sections", async (Guid id, CaseAccess access, VupeDbContext db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            var user = UserScope.From(http.User);
            await access.GetInScopeAsync(id, user, ct);
            var rows = await db.CulAnswers.AsNoTracking().Where(a => a.CaseId == id).ToListAsync(ct);
            var sections = rows.OrderBy(a => CulSections.All.ToList().IndexOf(a.Section)).Select(a =>
            {
                var restricted = CulSections.IsCriminal(a.Section) && !user.CanSeeCriminalRecords;
                return new CulSectionDto(a.Section, a.Source, a.ConsultedAt, a.Reference, restricted,
                    restricted ? null : System.Text.Json.JsonDocument.Parse(a.ValueJson).RootElement.Clone());
            }).ToList();
            // Reading a citizen's antecedentes is a personal-data read worth a line in the trail.
            if (user.CanSeeCriminalRecords && rows.Any(a => CulSections.IsCriminal(a.Section)))
                await audit.AppendAsync(AuditTrails.ForCase(id), "cul.records.read", new { sections = rows.Where(a => CulSections.IsCriminal(a.Section)).Select(a => a.Section) }, ct);
            return sections;
        }).WithSummary("What each back office answered for the case's CUL; criminal records only for supervisors and auditors");

        api.MapPost("/certificates/{certificateId:guid}/revoke", async (Guid certificateId, RevokeRequest request, VupeDbContext db, AuditLog audit,
            TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            var user = UserScope.From(http.User);
            var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == certificateId, ct);
            if (certificate is null || !user.CanSeeOffice(certificate.OfficeCode)) throw new Vupe.Engine.NotFoundException($"Certificate {certificateId} does not exist.");
            var errors = new FieldErrors();
            var reason = errors.Text("reason", request.Reason, 500);
            if (reason is { Length: < 10 }) errors.Add("reason", "Explique el motivo (al menos 10 caracteres).");
            if (errors.Any) return errors.ToResult();
            if (certificate.RevokedAt is not null) return Results.Problem(title: "El certificado ya fue revocado.", statusCode: StatusCodes.Status409Conflict);
            certificate.RevokedAt = time.GetUtcNow();
            certificate.RevokedBy = user.UserName;
            certificate.RevocationReason = reason;
            certificate.Version++;
            audit.Stage(db, AuditTrails.ForCase(certificate.CaseId), "certificate.revoked",
                new { certificate.CertificateNumber, reason, revokedBy = user.UserName });
            await db.SaveChangesAsync(ct);
            return Results.Ok(CertificateDto.From(certificate));
        }).WithTags("Certificates").RequireAuthorization(Policies.Supervise).WithSummary("Revokes a certificate (supervisor of its office), with a reason; audited");
    }
}
