using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Admin;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Documents;
using Vupe.Server.Hosting;
using Vupe.Server.Inbox;
using Vupe.Server.Problems;
using Vupe.Server.Procedures;

namespace Vupe.Server.Pages.Expedientes;

/// <summary>
/// The case page: header (number, procedure and version, office, status, SLA), variables, documents, parent and
/// children, current tasks, incidents (retry), the diagram with the path taken, and the history; for auditors and
/// supervisors also the audit trail with its chain verdict. Out-of-scope cases are 404, as in the API.
/// </summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class DetalleModel(CaseFiles files, ProcedureCatalog procedures, PeopleNames peopleNames, CaseAnswers answers, CaseHolds caseHolds) : PageModel
{

    public CaseFileInfo Case => Detail.Case;
    public CaseDetail Detail { get; private set; } = null!;
    public IReadOnlyList<ProcessInstanceInfo> Instances => Detail.Instances;
    public IReadOnlyDictionary<string, object?> Variables => Detail.Variables;
    public IReadOnlyList<DocumentDto> Documents => Detail.Documents;
    public LinkedCaseDto? Parent => Detail.Parent;
    public IReadOnlyList<LinkedCaseDto> Children => Detail.Children;
    public IReadOnlyList<TaskDto> Tasks => Detail.Tasks;
    public IReadOnlyList<IncidentInfo> Incidents => Detail.Incidents;
    public IReadOnlyList<HistoryEntry> History => Detail.History;
    public IReadOnlyList<AuditEntry>? Trail => Detail.Trail;
    /// <summary>For auditors: every read and change of the citizen's ficha (whose personal data was seen, by whom, when).</summary>
    public IReadOnlyList<AuditEntry>? PartyTrail => Detail.PartyTrail;
    public ChainVerdict? Verdict { get; private set; }
    public string? Notice { get; private set; }
    public UserScope Scope => UserScope.From(User);
    public ProcedureNames ProcedureNames { get; private set; } = ProcedureNames.None;
    /// <summary>The people the history and the audit trails name, by full name.</summary>
    public People People { get; private set; } = People.None;
    /// <summary>The variables as the labelled answers of the forms that asked them.</summary>
    public IReadOnlyList<CaseAnswer> Answers { get; private set; } = [];
    /// <summary>The case's legal and ARCO holds, for those who may place and lift them (supervisors, auditors); else null.</summary>
    public IReadOnlyList<RecordHold>? Holds { get; private set; }
    /// <summary>Why placing or lifting a hold was refused, in Spanish.</summary>
    public string? HoldError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Detail = await files.DetailAsync(id, "page", withAuditTrails: true, ct);
            ProcedureNames = await procedures.NamesAsync(ct);
            Answers = await answers.ForAsync(Variables, ct);
            Holds = await caseHolds.ListIfAllowedAsync(Case, ct);
            People = await peopleNames.ForAsync(History.Select(h => h.UserId)
                .Concat((Trail ?? []).Concat(PartyTrail ?? []).Select(e => e.ActorName))
                .Concat((Holds ?? []).SelectMany(h => new[] { h.PlacedBy, h.LiftedBy ?? "" }).Where(n => n.Length > 0)), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Notice = TempData["aviso"] as string;
        if (Trail is not null && Request.Query.ContainsKey("verificar")) Verdict = await files.VerifyTrailAsync(id, Trail, ct);
        return Page();
    }

    /// <summary>Places a legal or ARCO hold with its reason: no document content of the case is deleted while it stands.</summary>
    public async Task<IActionResult> OnPostRetenerAsync(Guid id, string? tipo, string? motivo, CancellationToken ct)
    {
        try
        {
            var hold = await caseHolds.PlaceAsync(id, new PlaceHoldRequest(tipo, motivo), ct);
            TempData["aviso"] = $"{RecordHolds.KindName(hold.Kind)} registrada: los documentos del expediente no se eliminarán mientras esté vigente.";
            return Redirect($"/expedientes/{id}#retenciones");
        }
        catch (Exception e) when (e is FieldValidationException or AccessDeniedException)
        {
            return await PageWithHoldErrorAsync(id, e, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>Lifts a hold, with the reason it no longer applies.</summary>
    public async Task<IActionResult> OnPostLevantarAsync(Guid id, Guid retencion, string? motivo, CancellationToken ct)
    {
        try
        {
            var hold = await caseHolds.LiftAsync(id, retencion, new LiftHoldRequest(motivo), ct);
            TempData["aviso"] = $"{RecordHolds.KindName(hold.Kind)} levantada.";
            return Redirect($"/expedientes/{id}#retenciones");
        }
        catch (Exception e) when (e is FieldValidationException or AccessDeniedException or StateConflictException or ConflictException)
        {
            return await PageWithHoldErrorAsync(id, e, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    private async Task<IActionResult> PageWithHoldErrorAsync(Guid id, Exception e, CancellationToken ct)
    {
        HoldError = e switch
        {
            FieldValidationException refused => string.Join(" ", refused.Errors.SelectMany(x => x.Value)),
            ConflictException => "Otro usuario cambió esta retención al mismo tiempo; vuelva a intentarlo.",
            _ => e.Message,
        };
        return await OnGetAsync(id, ct);
    }

    public async Task<IActionResult> OnPostReintentarAsync(Guid id, Guid incidencia, CancellationToken ct)
    {
        try
        {
            await files.RetryIncidentAsync(id, incidencia, ct);
            TempData["aviso"] = "Se reintentó el paso detenido.";
        }
        catch (Exception e) when (e is StateConflictException or AccessDeniedException)
        {
            TempData["aviso"] = e.Message;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Redirect($"/expedientes/{id}");
    }
}
