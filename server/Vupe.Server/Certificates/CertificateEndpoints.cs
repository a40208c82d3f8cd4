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

        cases.MapGet("/certificates", (Guid id, CertificateRegister register, CancellationToken ct) => register.ForCaseAsync(id, ct))
            .WithSummary("Certificates issued in the case");

        cases.MapGet("/cul/sections", (Guid id, CertificateRegister register, CancellationToken ct) => register.CulSectionsAsync(id, ct))
            .WithSummary("What each back office answered for the case's CUL; criminal records only for supervisors and auditors");

        api.MapPost("/certificates/{certificateId:guid}/revoke", (Guid certificateId, RevokeRequest request, CertificateRegister register, CancellationToken ct) =>
                register.RevokeAsync(certificateId, request.Reason, ct))
            .WithTags("Certificates").RequireAuthorization(Policies.Supervise).WithSummary("Revokes a certificate (supervisor of its office), with a reason; audited");
    }
}
