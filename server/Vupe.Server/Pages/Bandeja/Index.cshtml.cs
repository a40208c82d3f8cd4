using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Hosting;
using Vupe.Server.Inbox;
using Vupe.Server.Parties;
using Vupe.Server.Problems;
using Vupe.Server.Procedures;
using Vupe.Workflows;

namespace Vupe.Server.Pages.Bandeja;

/// <summary>
/// The consultant's inbox: my tasks, my groups' tasks, or the office's; filters by procedure, SLA state, due date and
/// citizen document; sorting and paging; counts per view and SLA state; claim and give back in one click; the user's
/// saved filters (<see cref="SavedInboxFilters"/>). The list part is also served alone (handler "Lista") so the page
/// refreshes it without a full reload.
/// </summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class IndexModel(InboxService inbox, TaskWork work, ProcedureCatalog procedures, SavedInboxFilters savedFilters) : PageModel
{
    public ProcedureNames ProcedureNames { get; private set; } = ProcedureNames.None;

    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public InboxView Vista { get; set; } = InboxView.Available;
    [BindProperty(SupportsGet = true)] public string? Procedimiento { get; set; }
    [BindProperty(SupportsGet = true)] public SlaState? Sla { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? VenceAntes { get; set; }
    [BindProperty(SupportsGet = true)] public string? Documento { get; set; }
    /// <summary>Tasks of one VUPE service: offered to the group "{office}-{service}".</summary>
    [BindProperty(SupportsGet = true)] public string? Servicio { get; set; }
    /// <summary>Only tasks of high priority (70 and above).</summary>
    [BindProperty(SupportsGet = true)] public bool Urgentes { get; set; }
    [BindProperty(SupportsGet = true)] public InboxSort Orden { get; set; } = InboxSort.Due;
    [BindProperty(SupportsGet = true)] public int Pagina { get; set; } = 1;

    public IReadOnlyList<TaskDto> Items { get; private set; } = [];
    public int Total { get; private set; }
    public bool TotalIsCapped { get; private set; }
    public Dictionary<InboxView, (int Count, bool Capped)> ViewCounts { get; } = [];
    public Dictionary<SlaState, (int Count, bool Capped)> SlaCounts { get; } = [];
    public IReadOnlyList<(string Key, (int Count, bool Capped) Open)> Procedures { get; private set; } = [];
    public string? Notice { get; private set; }
    public UserScope Scope => UserScope.From(User);
    public IReadOnlyList<SavedInboxFilter> SavedFilters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(counts: true, ct);

    /// <summary>The list alone, for the live refresh.</summary>
    public async Task<IActionResult> OnGetListaAsync(CancellationToken ct)
    {
        await LoadAsync(counts: false, ct);
        return Partial("_Lista", this);
    }

    /// <summary>Saves the current filters (the query string this form was posted with) under a name.</summary>
    public async Task<IActionResult> OnPostGuardarFiltroAsync(string? nombreFiltro, CancellationToken ct)
    {
        try
        {
            await savedFilters.SaveAsync(nombreFiltro, FilterValues(), ct);
            TempData["aviso"] = $"Filtro «{nombreFiltro!.Trim()}» guardado.";
        }
        catch (FieldValidationException e)
        {
            TempData["aviso"] = "No se guardó el filtro: " + string.Join(" ", e.Errors.Values.SelectMany(m => m));
        }
        return Redirect(Link());
    }

    public async Task<IActionResult> OnPostBorrarFiltroAsync(string? nombreFiltro, CancellationToken ct)
    {
        try
        {
            await savedFilters.DeleteAsync(nombreFiltro, ct);
            TempData["aviso"] = $"Filtro «{nombreFiltro}» borrado.";
        }
        catch (NotFoundException)
        {
            TempData["aviso"] = "Ese filtro ya no existe.";
        }
        return Redirect(Link());
    }

    public async Task<IActionResult> OnPostTomarAsync(Guid tarea, CancellationToken ct) => await ActAsync(() => work.ClaimAsync(tarea, ct), "Tarea tomada.");

    public async Task<IActionResult> OnPostLiberarAsync(Guid tarea, CancellationToken ct) => await ActAsync(() => work.UnclaimAsync(tarea, ct), "Tarea devuelta a su grupo.");

    private async Task<IActionResult> ActAsync(Func<Task<TaskInfo>> action, string done)
    {
        try
        {
            await action();
            TempData["aviso"] = done;
        }
        catch (Exception e) when (e is ConflictException or InvalidStateException or AccessDeniedException or StateConflictException or NotFoundException)
        {
            TempData["aviso"] = e is AccessDeniedException or StateConflictException ? e.Message : "Otro usuario tomó o cambió esta tarea; la lista está actualizada.";
        }
        return Redirect(Link());
    }

    private async Task LoadAsync(bool counts, CancellationToken ct)
    {
        Notice = TempData["aviso"] as string;
        if (Pagina < 1) Pagina = 1;
        var request = new InboxRequest
        {
            View = Vista, Procedure = Procedimiento, Sla = Sla, MinPriority = Urgentes ? 70 : null, Document = Documento, Service = Servicio,
            DueOnOrBefore = VenceAntes, Sort = Orden, Page = Pagina, PageSize = PageSize,
        };
        (Items, Total, TotalIsCapped) = await inbox.QueryAsync(Scope, request, ct);
        ProcedureNames = await procedures.NamesAsync(ct);
        if (!counts) return;
        SavedFilters = await savedFilters.ListAsync(ct);
        var found = await inbox.CountsAsync(Scope, request, ct);
        Procedures = found.Procedures;
        foreach (var (view, count) in found.Views) ViewCounts[view] = count;
        foreach (var (sla, count) in found.Sla) SlaCounts[sla] = count;
    }

    /// <summary>The filters in force as query values, without the page (what a saved filter keeps).</summary>
    public Dictionary<string, string> FilterValues() =>
        Values().Where(v => v.Key != "pagina" && !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!);

    private Dictionary<string, string?> Values() => new()
    {
        ["vista"] = Vista.ToString(), ["procedimiento"] = Procedimiento, ["sla"] = Sla?.ToString(),
        ["venceAntes"] = VenceAntes?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["documento"] = Documento,
        ["urgentes"] = Urgentes ? "true" : null, ["servicio"] = Servicio, ["orden"] = Orden.ToString(),
    };

    /// <summary>The query string of this page with some values changed (links keep the other filters).</summary>
    public string Link(InboxView? vista = null, SlaState? sla = null, bool clearSla = false, InboxSort? orden = null, int? pagina = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["vista"] = (vista ?? Vista).ToString(),
            ["procedimiento"] = Procedimiento,
            ["sla"] = clearSla ? null : (sla ?? Sla)?.ToString(),
            ["venceAntes"] = VenceAntes?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["documento"] = Documento,
            ["urgentes"] = Urgentes ? "true" : null,
            ["servicio"] = Servicio,
            ["orden"] = (orden ?? Orden).ToString(),
            ["pagina"] = (pagina ?? (vista is null && sla is null && !clearSla && orden is null ? Pagina : 1)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return "/bandeja" + Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
