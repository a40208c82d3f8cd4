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
using Vupe.Workflows;

namespace Vupe.Server.Pages.Bandeja;

/// <summary>
/// The consultant's inbox: my tasks, my groups' tasks, or the office's; filters by procedure, SLA state, due date and
/// citizen document; sorting and paging; counts per view and SLA state; claim and give back in one click. The list
/// part is also served alone (handler "Lista") so the page refreshes it without a full reload.
/// </summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class IndexModel(ProcessEngine engine, TaskWork work, VupeDbContext db, TimeProvider time, IOptions<ServerOptions> options) : PageModel
{
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

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(counts: true, ct);

    /// <summary>The list alone, for the live refresh.</summary>
    public async Task<IActionResult> OnGetListaAsync(CancellationToken ct)
    {
        await LoadAsync(counts: false, ct);
        return Partial("_Lista", this);
    }

    public async Task<IActionResult> OnPostTomarAsync(Guid tarea, CancellationToken ct) => await ActAsync(() => work.ClaimAsync(tarea, Scope, ct), "Tarea tomada.", ct);

    public async Task<IActionResult> OnPostLiberarAsync(Guid tarea, CancellationToken ct) => await ActAsync(() => work.UnclaimAsync(tarea, Scope, ct), "Tarea devuelta a su grupo.", ct);

    private async Task<IActionResult> ActAsync(Func<Task<TaskInfo>> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            TempData["aviso"] = done;
        }
        catch (Exception e) when (e is ConflictException or InvalidStateException or AccessDeniedException or NotFoundException)
        {
            TempData["aviso"] = e is AccessDeniedException ? e.Message : "Otro usuario tomó o cambió esta tarea; la lista está actualizada.";
        }
        return Redirect(Link());
    }

    private async Task LoadAsync(bool counts, CancellationToken ct)
    {
        Notice = TempData["aviso"] as string;
        if (Pagina < 1) Pagina = 1;
        var user = Scope;
        var now = time.GetUtcNow();
        var window = options.Value.DueSoonWindow;
        var limit = options.Value.InboxCountLimit;
        var filter = Filter(user, Vista, Sla, now, window);
        if (!string.IsNullOrWhiteSpace(Documento))
        {
            // A citizen's tasks: the cases whose subject is the ficha with that document, then their open tasks.
            var number = Documento.Trim().ToUpperInvariant();
            var partyIds = await db.Parties.AsNoTracking().Where(p => p.DocumentNumber == number).Select(p => p.Id.ToString()).ToListAsync(ct);
            var tasks = new List<TaskInfo>();
            foreach (var partyId in partyIds)
                foreach (var caseFile in await engine.Cases.QueryAsync(new CaseFilter { SubjectId = partyId, OfficeCodes = user.Offices, Take = 100 }, ct))
                    tasks.AddRange(await engine.Tasks.QueryAsync(filter with { CaseId = caseFile.Id, Skip = 0, Take = 200 }, ct));
            Total = tasks.Count;
            Items = [.. tasks.OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).Skip((Pagina - 1) * PageSize).Take(PageSize).Select(t => TaskDto.From(t, now, window))];
        }
        else
        {
            var result = await InboxQuery.RunAsync(engine, filter, limit, ct);
            Items = [.. result.Items.Select(t => TaskDto.From(t, now, window))];
            (Total, TotalIsCapped) = (result.Total, result.TotalIsCapped);
        }
        if (!counts) return;
        var procedures = new List<(string, (int, bool))>();
        foreach (var key in (await engine.Repository.ListDefinitionsAsync(ct: ct)).Select(d => d.Key).Distinct().Order(StringComparer.Ordinal))
        {
            var n = await engine.Tasks.CountUpToAsync(Filter(user, Vista, Sla, now, window) with { ProcessKey = key }, limit, ct);
            procedures.Add((key, (Math.Min(n, limit), n >= limit)));
        }
        Procedures = procedures;
        foreach (var view in Enum.GetValues<InboxView>())
        {
            var n = await engine.Tasks.CountUpToAsync(Filter(user, view, Sla, now, window), limit, ct);
            ViewCounts[view] = (Math.Min(n, limit), n >= limit);
        }
        foreach (var sla in new[] { SlaState.Overdue, SlaState.DueSoon, SlaState.OnTime })
        {
            var n = await engine.Tasks.CountUpToAsync(Filter(user, Vista, sla, now, window), limit, ct);
            SlaCounts[sla] = (Math.Min(n, limit), n >= limit);
        }
    }

    private TaskFilter Filter(UserScope user, InboxView view, SlaState? sla, DateTimeOffset now, TimeSpan window)
    {
        var filter = InboxQuery.Build(user, view, Procedimiento, sla, Orden, null, Pagina, PageSize, now, window) with { MinPriority = Urgentes ? 70 : null };
        if (!string.IsNullOrWhiteSpace(Servicio) && VupeServices.Find(Servicio.Trim()) is { } service)
        {
            // The service's groups in the user's offices; within "De mis grupos" only those the user belongs to.
            var offices = user.Offices ?? [.. Vupe.Server.Offices.OfficeCatalog.All.Select(o => o.Code)];
            var groups = offices.Select(o => $"{o}-{service.Code}").ToList();
            if (filter.CandidateGroups is { } mine) groups = [.. groups.Intersect(mine)];
            filter = filter with { CandidateGroups = groups.Count > 0 ? groups : ["-"], CandidateUser = null };
        }
        if (VenceAntes is { } date)
        {
            var end = new DateTimeOffset(date.ToDateTime(TimeOnly.MaxValue), TimeSpan.FromHours(-5));
            filter = filter with { DueBefore = filter.DueBefore is { } d && d < end ? d : end };
        }
        return filter;
    }

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
