using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Documents;
using Vupe.Server.Hosting;
using Vupe.Server.Inbox;

namespace Vupe.Server.Pages.Expedientes;

/// <summary>
/// The case page: header (number, procedure and version, office, status, SLA), variables, documents, parent and
/// children, current tasks, incidents (retry), the diagram with the path taken, and the history; for auditors and
/// supervisors also the audit trail with its chain verdict. Out-of-scope cases are 404, as in the API.
/// </summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class DetalleModel(CaseAccess access, ProcessEngine engine, DocumentLibrary documents, AuditLog audit, TimeProvider time,
    IOptions<ServerOptions> options) : PageModel
{
    public CaseFileInfo Case { get; private set; } = null!;
    public IReadOnlyList<ProcessInstanceInfo> Instances { get; private set; } = [];
    public IReadOnlyDictionary<string, object?> Variables { get; private set; } = new Dictionary<string, object?>();
    public IReadOnlyList<DocumentDto> Documents { get; private set; } = [];
    public CaseFileInfo? Parent { get; private set; }
    public IReadOnlyList<CaseFileInfo> Children { get; private set; } = [];
    public IReadOnlyList<TaskDto> Tasks { get; private set; } = [];
    public IReadOnlyList<IncidentInfo> Incidents { get; private set; } = [];
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];
    public IReadOnlyList<AuditEntry>? Trail { get; private set; }
    /// <summary>For auditors: every read and change of the citizen's ficha (whose personal data was seen, by whom, when).</summary>
    public IReadOnlyList<AuditEntry>? PartyTrail { get; private set; }
    public ChainVerdict? Verdict { get; private set; }
    public string? Notice { get; private set; }
    public UserScope Scope => UserScope.From(User);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var user = Scope;
        try
        {
            Case = await access.GetInScopeAsync(id, user, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Notice = TempData["aviso"] as string;
        Instances = await engine.Runtime.ListInstancesAsync(id, ct);
        Variables = await engine.Cases.GetVariablesAsync(id, ct);
        Documents = [.. (await documents.ListForCaseAsync(id, ct)).Select(d => DocumentDto.From(d, user.CanSeeCriminalRecords))];
        if (Case.ParentCaseId is { } parentId) Parent = await engine.Cases.GetAsync(parentId, ct);
        Children = await engine.Cases.ChildrenAsync(id, ct);
        var now = time.GetUtcNow();
        Tasks = [.. (await engine.Tasks.QueryAsync(new TaskFilter { CaseId = id, Take = 200 }, ct)).Select(t => TaskDto.From(t, now, options.Value.DueSoonWindow))];
        Incidents = await engine.Management.ListIncidentsAsync(caseId: id, ct: ct);
        History = await engine.History.ForCaseAsync(id, ct);
        if (user.Is(Roles.Auditor) || user.Is(Roles.Supervisor))
        {
            Trail = await audit.ReadAsync(AuditTrails.ForCase(id), ct);
            if (Request.Query.ContainsKey("verificar")) Verdict = AuditLog.Verify(Trail);
            if (Case.SubjectId is { } subject && Guid.TryParse(subject, out var partyId)) PartyTrail = await audit.ReadAsync(AuditTrails.ForParty(partyId), ct);
        }
        await audit.AppendAsync(AuditTrails.ForCase(id), "case.read", new { fields = "page" }, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReintentarAsync(Guid id, Guid incidencia, CancellationToken ct)
    {
        var user = Scope;
        if (!user.CanWorkCases) return Forbid();
        await access.GetInScopeAsync(id, user, ct);
        var incident = (await engine.Management.ListIncidentsAsync(caseId: id, ct: ct)).FirstOrDefault(i => i.Id == incidencia);
        if (incident is null)
        {
            TempData["aviso"] = "La incidencia ya fue resuelta.";
        }
        else
        {
            await engine.Management.ResolveIncidentAsync(incidencia, retries: 1, userId: user.UserName, ct: ct);
            TempData["aviso"] = "Se reintentó el paso detenido.";
        }
        return Redirect($"/expedientes/{id}");
    }
}
