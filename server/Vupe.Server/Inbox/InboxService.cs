using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Hosting;
using Vupe.Workflows;

namespace Vupe.Server.Inbox;

/// <summary>What an inbox asks for: a view, filters, order and page. The API and the page send the same.</summary>
public sealed record InboxRequest
{
    public InboxView View { get; init; } = InboxView.Mine;
    public string? Procedure { get; init; }
    public SlaState? Sla { get; init; }
    public int? MinPriority { get; init; }
    /// <summary>One case's tasks.</summary>
    public Guid? CaseId { get; init; }
    /// <summary>A citizen's or company's tasks, by the document number of their ficha.</summary>
    public string? Document { get; init; }
    /// <summary>Tasks of one VUPE service: offered to the groups "{office}-{service}".</summary>
    public string? Service { get; init; }
    /// <summary>Tasks due on or before this day (Lima time).</summary>
    public DateOnly? DueOnOrBefore { get; init; }
    public InboxSort? Sort { get; init; }
    public bool? Descending { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

/// <summary>The counts an inbox page shows beside its filters: per view, per SLA state, per procedure (each capped).</summary>
public sealed record InboxCounts(
    IReadOnlyDictionary<InboxView, (int Count, bool Capped)> Views,
    IReadOnlyDictionary<SlaState, (int Count, bool Capped)> Sla,
    IReadOnlyList<(string Key, (int Count, bool Capped) Open)> Procedures);

/// <summary>
/// The consultant inbox for the API and the page: tasks of the user's offices offered to their groups or held by
/// them, filtered, sorted and paged with the indexes the engine keeps (<see cref="InboxQuery"/>), with capped counts.
/// </summary>
public sealed class InboxService(ProcessEngine engine, IDbContextFactory<VupeDbContext> contexts, TimeProvider time, IOptions<ServerOptions> options)
{

    public async Task<(IReadOnlyList<TaskDto> Items, int Total, bool TotalIsCapped)> QueryAsync(UserScope user, InboxRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var window = options.Value.DueSoonWindow;
        var filter = Filter(user, request, request.View, request.Sla, now);
        if (!string.IsNullOrWhiteSpace(request.Document))
        {
            // A citizen's tasks: the cases whose subject is the ficha with that document, then their open tasks.
            var number = request.Document.Trim().ToUpperInvariant();
            await using var db = await contexts.CreateDbContextAsync(ct);
            var partyIds = await db.Parties.AsNoTracking().Where(p => p.DocumentNumber == number).Select(p => p.Id).ToListAsync(ct);
            var tasks = new List<TaskInfo>();
            foreach (var partyId in partyIds)
            {
                // Case subjects are party ids as text; either spelling of a GUID finds them.
                foreach (var caseFile in await engine.Cases.QueryAsync(new CaseFilter { SubjectId = partyId.ToString(), OfficeCodes = user.Offices, Take = 100 }, ct))
                    tasks.AddRange(await engine.Tasks.QueryAsync(filter with { CaseId = caseFile.Id, Skip = 0, Take = 200 }, ct));
            }
            var ordered = tasks.OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).Skip((request.Page - 1) * request.PageSize).Take(request.PageSize);
            return ([.. ordered.Select(t => TaskDto.From(t, now, window))], tasks.Count, false);
        }
        var result = await InboxQuery.RunAsync(engine, filter, options.Value.InboxCountLimit, ct);
        return ([.. result.Items.Select(t => TaskDto.From(t, now, window))], result.Total, result.TotalIsCapped);
    }

    public async Task<InboxCounts> CountsAsync(UserScope user, InboxRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var limit = options.Value.InboxCountLimit;
        async Task<(int, bool)> Count(TaskFilter filter)
        {
            var n = await engine.Tasks.CountUpToAsync(filter, limit, ct);
            return (Math.Min(n, limit), n >= limit);
        }
        var procedures = new List<(string, (int, bool))>();
        foreach (var key in (await engine.Repository.ListDefinitionsAsync(ct: ct)).Select(d => d.Key).Distinct().Order(StringComparer.Ordinal))
            procedures.Add((key, await Count(Filter(user, request, request.View, request.Sla, now) with { ProcessKey = key })));
        var views = new Dictionary<InboxView, (int, bool)>();
        foreach (var view in Enum.GetValues<InboxView>()) views[view] = await Count(Filter(user, request, view, request.Sla, now));
        var sla = new Dictionary<SlaState, (int, bool)>();
        foreach (var state in new[] { SlaState.Overdue, SlaState.DueSoon, SlaState.OnTime }) sla[state] = await Count(Filter(user, request, request.View, state, now));
        return new InboxCounts(views, sla, procedures);
    }

    private TaskFilter Filter(UserScope user, InboxRequest request, InboxView view, SlaState? sla, DateTimeOffset now)
    {
        var filter = InboxQuery.Build(user, view, request.Procedure, sla, request.Sort, request.Descending, request.Page, request.PageSize, now, options.Value.DueSoonWindow)
            with { MinPriority = request.MinPriority, CaseId = request.CaseId };
        if (!string.IsNullOrWhiteSpace(request.Service) && VupeServices.Find(request.Service.Trim()) is { } service)
        {
            // The service's groups in the user's offices; within "De mis grupos" only those the user belongs to.
            var offices = user.Offices ?? [.. Offices.OfficeCatalog.All.Select(o => o.Code)];
            var groups = offices.Select(o => $"{o}-{service.Code}").ToList();
            if (filter.CandidateGroups is { } mine) groups = [.. groups.Intersect(mine)];
            filter = filter with { CandidateGroups = groups.Count > 0 ? groups : ["-"], CandidateUser = null };
        }
        if (request.DueOnOrBefore is { } date)
        {
            var end = new DateTimeOffset(date.ToDateTime(TimeOnly.MaxValue), Pages.LimaTime.Offset);
            filter = filter with { DueBefore = filter.DueBefore is { } d && d < end ? d : end };
        }
        return filter;
    }
}
