using Vupe.Engine.Persistence;
using Vupe.Server.Hosting;
using Vupe.Server.Idempotency;
using Vupe.Server.Problems;

namespace Vupe.Server.Cases;

/// <summary>Expedientes over HTTP: open, list, read; history, diagram, incident retry; the audit trail and its verification and exports. The work is <see cref="CaseFiles"/>'s.</summary>
public static class CaseEndpoints
{
    public const int MaxPageSize = 200;

    public static void MapCaseEndpoints(this IEndpointRouteBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases").RequireAuthorization(Policies.ReadCases);

        cases.MapPost("/", async (OpenCaseRequest request, CaseFiles files, CancellationToken ct) => Opened(await files.OpenAsync(request, ct)))
            .RequireAuthorization(Policies.WorkCases)
            .Idempotent(IdempotentResources.Case, async (http, id) => Opened(await http.RequestServices.GetRequiredService<CaseFiles>().OpenedAsync(id, http.RequestAborted)))
            .WithSummary("Opens a case for a party at an office for a procedure (starts its process)");
        cases.MapGet("/", SearchAsync).WithSummary(
            "Cases in the user's scope (national for auditors): document (DNI/RUC), name words, office, procedure, status, opened window [from, to), party; newest (or oldest) first; each search audited once");
        cases.MapGet("/{id:guid}", async (Guid id, CaseFiles files, CancellationToken ct) => (await files.DetailAsync(id, "detail", withAuditTrails: false, ct)).ToDto())
            .WithSummary("Case file: variables, instances, parent and children, current tasks, history");

        cases.MapGet("/{id:guid}/history", (Guid id, CaseFiles files, CancellationToken ct) => files.HistoryAsync(id, ct))
            .WithSummary("Every step of every process of the case");

        cases.MapGet("/{id:guid}/diagram", (Guid id, Guid? instanceId, CaseFiles files, CancellationToken ct) => files.DiagramAsync(id, instanceId, ct))
            .WithSummary("The process diagram of the case (its first instance, or instanceId) with the path taken, current tokens and incidents");

        cases.MapPost("/{id:guid}/incidents/{incidentId:guid}/retry", async (Guid id, Guid incidentId, CaseFiles files, CancellationToken ct) =>
        {
            await files.RetryIncidentAsync(id, incidentId, ct);
            return Results.NoContent();
        }).RequireAuthorization(Policies.WorkCases).WithSummary("Retries the step an incident stopped (a failing connector, a decision that could not decide); 409 if already resolved");

        cases.MapGet("/{id:guid}/audit", (Guid id, CaseFiles files, CancellationToken ct) => files.TrailAsync(id, ct))
            .RequireAuthorization(Policies.Audit).WithSummary("The case's audit trail (who read or changed what, when, from where)");

        cases.MapGet("/{id:guid}/audit/export.json", async (Guid id, CaseFiles files, CaseExport export, CancellationToken ct) =>
        {
            var caseFile = await files.ForExportAsync(id, ct);
            return Results.File(await export.JsonAsync(caseFile, ct), "application/json", $"{caseFile.CaseNumber}-historial.json");
        }).RequireAuthorization(Policies.Audit).WithSummary("The case's history and audit trail with the chain verdict, as JSON");

        cases.MapGet("/{id:guid}/audit/export.pdf", async (Guid id, CaseFiles files, CaseExport export, CancellationToken ct) =>
        {
            var caseFile = await files.ForExportAsync(id, ct);
            return Results.File(await export.SignedPdfAsync(caseFile, ct), "application/pdf", $"{caseFile.CaseNumber}-historial.pdf");
        }).RequireAuthorization(Policies.Audit).WithSummary("The case's history and audit trail as a signed PDF (resumen de expediente)");

        cases.MapGet("/{id:guid}/audit/verify", (Guid id, CaseFiles files, CancellationToken ct) => files.VerifyTrailAsync(id, ct))
            .RequireAuthorization(Policies.Audit).WithSummary("Recomputes the hash chain; reports the first broken link");
    }

    private static IResult Opened(Vupe.Engine.CaseFileInfo opened) => Results.Created($"/api/cases/{opened.Id}", CaseSummaryDto.From(opened));

    private static async Task<IResult> SearchAsync(string? document, string? name, string? office, string? procedure, string? status,
        DateTimeOffset? from, DateTimeOffset? to, Guid? partyId, string? sort, int? page, int? pageSize, CaseSearch search, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (number, size) = errors.Paging(page, pageSize, MaxPageSize);
        var caseStatus = errors.Choice<CaseStatus>("status", status);
        var order = errors.Choice<CaseSort>("sort", sort);
        if (errors.Any) return errors.ToResult();
        return Results.Ok(await search.SearchAsync(new CaseSearchRequest(document, name, office, procedure, caseStatus, from, to, partyId,
            order == CaseSort.Oldest, number, size), ct));
    }
}
