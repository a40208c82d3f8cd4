using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Documents;
using Vupe.Server.Hosting;
using Vupe.Server.Inbox;
using Vupe.Server.Parties;
using Vupe.Server.Problems;
using Vupe.Server.Procedures;

namespace Vupe.Server.Cases;

/// <summary>Expedientes over the engine: open, list, read; the case's audit trail and its verification.</summary>
public static class CaseEndpoints
{
    public const int MaxPageSize = 200;

    public static void MapCaseEndpoints(this IEndpointRouteBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases").RequireAuthorization(Policies.ReadCases);

        cases.MapPost("/", OpenAsync).RequireAuthorization(Policies.WorkCases)
            .WithSummary("Opens a case for a party at an office for a procedure (starts its process)");
        cases.MapGet("/", ListAsync).WithSummary("Cases in the user's scope: office, procedure, status, opened window, party; newest first");
        cases.MapGet("/{id:guid}", DetailAsync).WithSummary("Case file: variables, instances, parent and children, current tasks, history");

        cases.MapGet("/{id:guid}/history", async (Guid id, CaseAccess access, ProcessEngine engine, HttpContext http, CancellationToken ct) =>
        {
            await access.GetInScopeAsync(id, UserScope.From(http.User), ct);
            return await engine.History.ForCaseAsync(id, ct);
        }).WithSummary("Every step of every process of the case");

        cases.MapGet("/{id:guid}/diagram", async (Guid id, Guid? instanceId, CaseAccess access, ProcessEngine engine, HttpContext http, CancellationToken ct) =>
        {
            await access.GetInScopeAsync(id, UserScope.From(http.User), ct);
            return await CaseDiagram.BuildAsync(engine, id, instanceId, ct);
        }).WithSummary("The process diagram of the case (its first instance, or instanceId) with the path taken, current tokens and incidents");

        cases.MapPost("/{id:guid}/incidents/{incidentId:guid}/retry", async (Guid id, Guid incidentId, CaseAccess access, ProcessEngine engine, AuditLog audit,
            HttpContext http, CancellationToken ct) =>
        {
            var user = UserScope.From(http.User);
            await access.GetInScopeAsync(id, user, ct);
            var incident = (await engine.Management.ListIncidentsAsync(caseId: id, openOnly: false, ct: ct)).FirstOrDefault(i => i.Id == incidentId)
                ?? throw new NotFoundException($"Incident {incidentId} is not in case {id}.");
            if (incident.ResolvedAt is not null) return Results.Problem(title: "La incidencia ya fue resuelta.", statusCode: StatusCodes.Status409Conflict);
            await engine.Management.ResolveIncidentAsync(incidentId, retries: 1, userId: user.UserName, ct: ct);
            return Results.NoContent();
        }).RequireAuthorization(Policies.WorkCases).WithSummary("Retries the step an incident stopped (a failing connector, a decision that could not decide)");

        cases.MapGet("/{id:guid}/audit", async (Guid id, CaseAccess access, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            await access.GetInScopeAsync(id, UserScope.From(http.User), ct);
            return await audit.ReadAsync(AuditTrails.ForCase(id), ct);
        }).RequireAuthorization(Policies.Audit).WithSummary("The case's audit trail (who read or changed what, when, from where)");

        cases.MapGet("/{id:guid}/audit/export.json", async (Guid id, CaseAccess access, CaseExport export, HttpContext http, CancellationToken ct) =>
        {
            var caseFile = await access.GetInScopeAsync(id, UserScope.From(http.User), ct);
            return Results.File(await export.JsonAsync(caseFile, ct), "application/json", $"{caseFile.CaseNumber}-historial.json");
        }).RequireAuthorization(Policies.Audit).WithSummary("The case's history and audit trail with the chain verdict, as JSON");

        cases.MapGet("/{id:guid}/audit/export.pdf", async (Guid id, CaseAccess access, CaseExport export, HttpContext http, CancellationToken ct) =>
        {
            var caseFile = await access.GetInScopeAsync(id, UserScope.From(http.User), ct);
            return Results.File(await export.SignedPdfAsync(caseFile, ct), "application/pdf", $"{caseFile.CaseNumber}-historial.pdf");
        }).RequireAuthorization(Policies.Audit).WithSummary("The case's history and audit trail as a signed PDF (resumen de expediente)");

        cases.MapGet("/{id:guid}/audit/verify", async (Guid id, CaseAccess access, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            await access.GetInScopeAsync(id, UserScope.From(http.User), ct);
            return await audit.VerifyAsync(AuditTrails.ForCase(id), ct);
        }).RequireAuthorization(Policies.Audit).WithSummary("Recomputes the hash chain; reports the first broken link");
    }

    private static async Task<IResult> OpenAsync(OpenCaseRequest request, ProcessEngine engine, VupeDbContext db, CaseOpener opener, HttpContext http, CancellationToken ct)
    {
        var user = UserScope.From(http.User);
        var errors = new FieldErrors();
        var office = (request.OfficeCode ?? user.OfficeCode)?.Trim().ToUpperInvariant();
        if (office is null) errors.Add("officeCode", "Indique la oficina.");
        else if (!await db.Offices.AnyAsync(o => o.Code == office, ct)) errors.Add("officeCode", "Oficina desconocida.");
        Party? party = null;
        if (request.PartyId is not { } partyId) errors.Add("partyId", "Indique el ciudadano o la empresa.");
        else if ((party = await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partyId, ct)) is null) errors.Add("partyId", "No existe esa ficha.");
        ProcessDefinitionInfo? definition = null;
        if (string.IsNullOrWhiteSpace(request.Procedure)) errors.Add("procedure", "Indique el procedimiento.");
        else if ((definition = (await engine.Repository.ListDefinitionsAsync(request.Procedure.Trim(), ct)).MaxBy(d => d.Version)) is null)
            errors.Add("procedure", "Procedimiento desconocido.");
        if (errors.Any) return errors.ToResult();
        if (!user.CanSeeOffice(office!))
            return Results.Problem(title: "Solo puede abrir expedientes en su oficina.", statusCode: StatusCodes.Status403Forbidden);

        var opened = await opener.OpenAsync(party!, definition!, office!, JsonVariables.ToVariables(request.Variables), user.UserName, ct);
        return Results.Created($"/api/cases/{opened.Id}", CaseSummaryDto.From(opened));
    }

    private static async Task<IResult> ListAsync(string? office, string? procedure, string? status, DateTimeOffset? from, DateTimeOffset? to, Guid? partyId,
        int? page, int? pageSize, ProcessEngine engine, HttpContext http, CancellationToken ct)
    {
        var user = UserScope.From(http.User);
        var errors = new FieldErrors();
        var (number, size) = errors.Paging(page, pageSize, MaxPageSize);
        var caseStatus = errors.Choice<CaseStatus>("status", status);
        if (from is { } f && to is { } t && t < f) errors.Add("to", "El fin del periodo es anterior a su inicio.");
        if (errors.Any) return errors.ToResult();
        IReadOnlyCollection<string>? offices = user.Offices;
        if (!string.IsNullOrWhiteSpace(office))
        {
            var code = office.Trim().ToUpperInvariant();
            // Another region's office yields nothing rather than an error: its cases do not exist for this user.
            offices = user.CanSeeOffice(code) ? [code] : [];
        }
        var filter = new CaseFilter
        {
            OfficeCodes = offices, ProcessKey = string.IsNullOrWhiteSpace(procedure) ? null : procedure.Trim(), Status = caseStatus,
            OpenedFrom = from, OpenedBefore = to, SubjectId = partyId?.ToString(), Skip = (number - 1) * size, Take = size,
        };
        var items = await engine.Cases.QueryAsync(filter, ct);
        var total = await engine.Cases.CountAsync(filter, ct);
        return Results.Ok(new CasePageDto([.. items.Select(CaseSummaryDto.From)], total, number, size));
    }

    private static async Task<CaseDetailDto> DetailAsync(Guid id, CaseAccess access, ProcessEngine engine, AuditLog audit, TimeProvider time,
        DocumentLibrary documents, IOptions<ServerOptions> options, HttpContext http, CancellationToken ct)
    {
        var user = UserScope.From(http.User);
        var caseFile = await access.GetInScopeAsync(id, user, ct);
        var variables = await engine.Cases.GetVariablesAsync(id, ct);
        var instances = await engine.Runtime.ListInstancesAsync(id, ct);
        var tasks = await engine.Tasks.QueryAsync(new TaskFilter { CaseId = id, Take = 200 }, ct);
        var children = await engine.Cases.ChildrenAsync(id, ct);
        LinkedCaseDto? parent = null;
        if (caseFile.ParentCaseId is { } parentId) parent = Link(await engine.Cases.GetAsync(parentId, ct), user);
        var history = await engine.History.ForCaseAsync(id, ct);
        var incidents = await engine.Management.ListIncidentsAsync(caseId: id, ct: ct);
        var files = await documents.ListForCaseAsync(id, ct);
        await audit.AppendAsync(AuditTrails.ForCase(id), "case.read", new { fields = "detail" }, ct);
        var now = time.GetUtcNow();
        return new CaseDetailDto(
            CaseSummaryDto.From(caseFile), variables,
            [.. instances.Select(i => new InstanceDto(i.Id, i.ProcessKey, i.Version, i.Status.ToString(), i.StartedAt, i.EndedAt, i.ActiveElementIds))],
            parent, [.. children.Select(c => Link(c, user))], [.. tasks.Select(t => TaskDto.From(t, now, options.Value.DueSoonWindow))],
            [.. files.Select(d => DocumentDto.From(d, user.CanSeeCriminalRecords))], incidents, history);
    }

    private static LinkedCaseDto Link(CaseFileInfo c, UserScope user) => user.CanSeeOffice(c.OfficeCode)
        ? new LinkedCaseDto(c.Id, c.CaseNumber, c.OfficeCode, c.ProcessKey, c.Status.ToString())
        : new LinkedCaseDto(null, c.CaseNumber, null, null, null);
}
