using System.Text.Json;
using Vupe.Documents.Pdf;
using Vupe.Documents.Signing;
using Vupe.Engine;
using Vupe.Server.Admin;
using Vupe.Server.Audit;

namespace Vupe.Server.Cases;

/// <summary>
/// A case's history for an auditor to take away: the engine's steps and the audit trail (who read or changed what,
/// from where) with the chain verdict at export time — as JSON, or as a signed "resumen de expediente" PDF. Each
/// export is itself written into the trail.
/// </summary>
public sealed class CaseExport(ProcessEngine engine, AuditLog audit, CaseSummaryRenderer renderer, PdfDocumentSigner signer, PeopleNames peopleNames, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<byte[]> JsonAsync(CaseFileInfo caseFile, CancellationToken ct)
    {
        var (history, trail, verdict) = await ReadAsync(caseFile, "json", ct);
        return JsonSerializer.SerializeToUtf8Bytes(new { exportedAt = time.GetUtcNow(), @case = caseFile, chain = verdict, history, audit = trail }, Json);
    }

    public async Task<byte[]> SignedPdfAsync(CaseFileInfo caseFile, CancellationToken ct)
    {
        var (history, trail, verdict) = await ReadAsync(caseFile, "pdf", ct);
        var people = await peopleNames.ForAsync(history.Select(h => h.UserId).Concat(trail.Select(a => a.ActorName)), ct);
        var rows = history.Select(h => new CaseHistoryRow(h.Timestamp, h.UserId is null ? "sistema" : people.Describe(h.UserId), CaseNarrative.Sentence(h, people), h.EventType))
            .Concat(trail.Select(a => new CaseHistoryRow(a.At, $"{people.Describe(a.ActorName)} ({a.ActorOffice ?? "nacional"})", $"auditoría: {CaseNarrative.Action(a.Action)}",
                a.RemoteAddress is null ? null : $"desde {a.RemoteAddress}")))
            .OrderBy(r => r.At).ToList();
        rows.Add(new CaseHistoryRow(time.GetUtcNow(), "sistema", "verificación de la cadena de auditoría",
            verdict.Summary));
        var summary = new CaseSummary(caseFile.CaseNumber, caseFile.ProcessKey ?? "—", caseFile.OfficeCode, CaseTexts.Status(caseFile.Status),
            caseFile.OpenedAt, caseFile.ClosedAt, rows);
        return await signer.SignAsync(renderer.Render(summary, time.GetUtcNow()), $"Historial del expediente {caseFile.CaseNumber}", ct);
    }

    private async Task<(IReadOnlyList<HistoryEntry>, IReadOnlyList<AuditEntry>, ChainVerdict)> ReadAsync(CaseFileInfo caseFile, string format, CancellationToken ct)
    {
        var trailName = AuditTrails.ForCase(caseFile.Id);
        var trail = await audit.ReadAsync(trailName, ct);
        var verdict = await audit.VerifyAsync(trailName, trail, ct);
        var history = await engine.History.ForCaseAsync(caseFile.Id, ct);
        await audit.AppendAsync(trailName, "case.exported", new { format, entries = trail.Count, chainValid = verdict.Valid }, ct);
        return (history, trail, verdict);
    }
}
