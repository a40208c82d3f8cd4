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
using Vupe.Workflows;

namespace Vupe.Server.Cases;

/// <summary>Everything a case page or the case API shows, assembled once. The audit trails only for those who audit.</summary>
public sealed record CaseDetail(
    CaseFileInfo Case, IReadOnlyDictionary<string, object?> Variables, IReadOnlyList<ProcessInstanceInfo> Instances, LinkedCaseDto? Parent,
    IReadOnlyList<LinkedCaseDto> Children, IReadOnlyList<TaskDto> Tasks, IReadOnlyList<DocumentDto> Documents, IReadOnlyList<IncidentInfo> Incidents,
    IReadOnlyList<HistoryEntry> History, IReadOnlyList<AuditEntry>? Trail, IReadOnlyList<AuditEntry>? PartyTrail)
{
    public CaseDetailDto ToDto() => new(
        CaseSummaryDto.From(Case), Variables,
        [.. Instances.Select(i => new InstanceDto(i.Id, i.ProcessKey, i.Version, i.Status.ToString(), i.StartedAt, i.EndedAt, i.ActiveElementIds))],
        Parent, Children, Tasks, Documents, Incidents, History);
}

/// <summary>
/// Expedientes, for the API and the pages alike: open one for a ficha, find one by number in the user's scope (searches: <see cref="CaseSearch"/>), read
/// one (audited), its history, diagram and audit trail, and retry a step an incident stopped. Who may do what is
/// decided by <see cref="CaseAuthorizationHandler"/> through <see cref="CaseAccess"/>.
/// </summary>
public sealed class CaseFiles(CaseAccess access, ProcessEngine engine, IDbContextFactory<VupeDbContext> contexts, CaseOpener opener, AuditLog audit,
    DocumentLibrary documents, Offices.OfficeDirectory offices, TimeProvider time, IOptions<ServerOptions> options)
{
    /// <summary>The processes a consultant starts from a ficha at the front desk.</summary>
    public static readonly IReadOnlyList<string> FrontDeskProcedures =
        [VupeProcesses.CitizenTriage, VupeProcesses.CompanyOutreach, VupeProcesses.Cul, VupeProcesses.JobBank, VupeProcesses.LabourMarketInformation];

    private UserScope User => access.Scope;

    public async Task<CaseFileInfo> OpenAsync(OpenCaseRequest request, CancellationToken ct)
    {
        var user = User;
        if (!user.CanWorkCases) throw new AccessDeniedException("Su rol no permite abrir expedientes.");
        ReservedVariables.ThrowIfAny("variables", request.Variables?.Keys);
        var errors = new FieldErrors();
        var office = (request.OfficeCode ?? user.OfficeCode)?.Trim().ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (office is null) errors.Add("officeCode", "Indique la oficina.");
        else if (!await offices.ExistsAsync(office, ct)) errors.Add("officeCode", "Oficina desconocida.");
        Party? party = null;
        if (request.PartyId is not { } partyId) errors.Add("partyId", "Indique el ciudadano o la empresa.");
        else if ((party = await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partyId, ct)) is null) errors.Add("partyId", "No existe esa ficha.");
        ProcessDefinitionInfo? definition = null;
        if (string.IsNullOrWhiteSpace(request.Procedure)) errors.Add("procedure", "Indique el procedimiento.");
        else if ((definition = await engine.Repository.FindLatestDefinitionAsync(request.Procedure.Trim(), ct)) is null) errors.Add("procedure", "Procedimiento desconocido.");
        errors.ThrowIfAny();
        if (!user.CanSeeOffice(office!)) throw new AccessDeniedException("Solo puede abrir expedientes en su oficina.");
        return await opener.OpenAsync(party!, definition!, office!, JsonVariables.ToVariables(request.Variables), user.UserName, ct);
    }

    /// <summary>A case this user opened, as the opening answered it (for a keyed open whose answer was lost: <see cref="Idempotency.IdempotentWork"/>).</summary>
    public Task<CaseFileInfo> OpenedAsync(Guid id, CancellationToken ct) => access.GetCaseAsync(id, CaseOperations.Read, ct);

    /// <summary>Where the front desk goes after starting <paramref name="caseId"/>: its first task the consultant works on, if any, else the case.</summary>
    public async Task<string> FrontDeskTargetAsync(Guid caseId, CancellationToken ct)
    {
        var opened = await access.GetCaseAsync(caseId, CaseOperations.Read, ct);
        var first = (await engine.Tasks.QueryAsync(new TaskFilter { CaseId = opened.Id, Take = 1 }, ct)).FirstOrDefault();
        return first is { } task ? $"/tareas/{task.Id}" : $"/expedientes/{opened.Id}";
    }

    /// <summary>
    /// The front desk's start from a ficha (triage, company outreach, CUL) at the user's office; answers the case and
    /// the first task the consultant works on, if the process stopped at one.
    /// </summary>
    public async Task<(CaseFileInfo Case, Guid? FirstTaskId)> StartAtFrontDeskAsync(Guid partyId, string procedure, CancellationToken ct)
    {
        if (!FrontDeskProcedures.Contains(procedure)) throw new InvalidStateException($"El procedimiento «{procedure}» no se abre desde la ficha del ciudadano.");
        var office = User.OfficeCode ?? throw new AccessDeniedException("Un usuario nacional no tiene oficina donde abrir expedientes.");
        var opened = await OpenAsync(new OpenCaseRequest(partyId, procedure, office, null), ct);
        var first = (await engine.Tasks.QueryAsync(new TaskFilter { CaseId = opened.Id, Take = 1 }, ct)).FirstOrDefault();
        return (opened, first?.Id);
    }

    /// <summary>A case by its number, if it is in the user's scope.</summary>
    public async Task<CaseFileInfo?> FindByNumberAsync(string number, CancellationToken ct)
    {
        try
        {
            var found = await engine.Cases.GetByNumberAsync(number.Trim().ToUpperInvariant(), ct);
            return await access.MayAsync(found, CaseOperations.Read) ? found : null;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The case as a whole; a read of the citizen's case, written in its audit trail (<paramref name="readBy"/>: "detail"
    /// for the API, "page" for the page). With <paramref name="withAuditTrails"/> (the page, which shows them) the case's
    /// and its citizen's trails come too for users who may audit; the API's detail has no place for them, and a citizen's
    /// trail grows with every case of theirs.
    /// </summary>
    public async Task<CaseDetail> DetailAsync(Guid id, string readBy, bool withAuditTrails, CancellationToken ct)
    {
        // One read of the engine's side, then the check: nothing of it leaves unless the user may read the case.
        var view = await engine.Cases.GetViewAsync(id, taskLimit: 200, ct);
        var caseFile = view.Case;
        await access.EnsureAllowedAsync(caseFile, CaseOperations.Read);
        var user = User;
        var now = time.GetUtcNow();
        LinkedCaseDto? parent = null;
        if (caseFile.ParentCaseId is { } parentId) parent = await LinkAsync(await engine.Cases.GetAsync(parentId, ct));
        var linkedChildren = new List<LinkedCaseDto>(view.Children.Count);
        foreach (var child in view.Children) linkedChildren.Add(await LinkAsync(child));
        var files = await documents.ListForCaseAsync(id, ct);
        IReadOnlyList<AuditEntry>? trail = null, partyTrail = null;
        if (withAuditTrails && await access.MayAsync(caseFile, CaseOperations.Audit))
        {
            trail = await audit.ReadAsync(AuditTrails.ForCase(id), ct);
            if (caseFile.SubjectId is { } subject && Guid.TryParse(subject, out var partyId)) partyTrail = await audit.ReadAsync(AuditTrails.ForParty(partyId), ct);
        }
        await audit.AppendAsync(AuditTrails.ForCase(id), "case.read", new { fields = readBy }, ct);
        return new CaseDetail(caseFile, view.Variables, view.Instances, parent, linkedChildren,
            [.. view.Tasks.Select(t => TaskDto.From(t, now, options.Value.DueSoonWindow))], [.. files.Select(d => DocumentDto.From(d, user.CanSeeCriminalRecords))],
            view.OpenIncidents, view.History, trail, partyTrail);
    }

    public async Task<List<HistoryEntry>> HistoryAsync(Guid id, CancellationToken ct)
    {
        await access.GetCaseAsync(id, CaseOperations.Read, ct);
        return await engine.History.ForCaseAsync(id, ct);
    }

    public async Task<CaseDiagramDto> DiagramAsync(Guid id, Guid? instanceId, CancellationToken ct)
    {
        await access.GetCaseAsync(id, CaseOperations.Read, ct);
        return await CaseDiagram.BuildAsync(engine, id, instanceId, ct);
    }

    /// <summary>Retries the step an incident stopped. An incident already resolved (by someone else, or by the retry itself) is a 409.</summary>
    public async Task RetryIncidentAsync(Guid id, Guid incidentId, CancellationToken ct)
    {
        await access.GetCaseAsync(id, CaseOperations.Work, ct);
        var incident = (await engine.Management.ListIncidentsAsync(caseId: id, openOnly: false, ct: ct)).FirstOrDefault(i => i.Id == incidentId)
            ?? throw new NotFoundException($"Incident {incidentId} is not in case {id}.");
        if (incident.ResolvedAt is not null) throw new StateConflictException("La incidencia ya fue resuelta.");
        await engine.Management.ResolveIncidentAsync(incidentId, retries: 1, userId: User.UserName, ct: ct);
    }

    public async Task<List<AuditEntry>> TrailAsync(Guid id, CancellationToken ct)
    {
        await access.GetCaseAsync(id, CaseOperations.Audit, ct);
        return await audit.ReadAsync(AuditTrails.ForCase(id), ct);
    }

    public async Task<ChainVerdict> VerifyTrailAsync(Guid id, CancellationToken ct)
    {
        await access.GetCaseAsync(id, CaseOperations.Audit, ct);
        return await audit.VerifyAsync(AuditTrails.ForCase(id), ct);
    }

    /// <summary>The verdict on the case's trail already read with <see cref="TrailAsync"/> (the case page shows both).</summary>
    public Task<ChainVerdict> VerifyTrailAsync(Guid id, IReadOnlyList<AuditEntry> trail, CancellationToken ct) =>
        audit.VerifyAsync(AuditTrails.ForCase(id), trail, ct);

    /// <summary>The case for an export of its history and trail (auditors and supervisors).</summary>
    public Task<CaseFileInfo> ForExportAsync(Guid id, CancellationToken ct) => access.GetCaseAsync(id, CaseOperations.Audit, ct);

    /// <summary>A linked case: its number always; the rest only when the reader may read it.</summary>
    private async Task<LinkedCaseDto> LinkAsync(CaseFileInfo c) => await access.MayAsync(c, CaseOperations.Read)
        ? new LinkedCaseDto(c.Id, c.CaseNumber, c.OfficeCode, c.ProcessKey, c.Status.ToString())
        : new LinkedCaseDto(null, c.CaseNumber, null, null, null);
}
