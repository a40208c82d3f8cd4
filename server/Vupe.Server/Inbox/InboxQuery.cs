using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Auth;

namespace Vupe.Server.Inbox;

/// <summary>
/// Turns an inbox request into the engine's task filter, scoped to the user's office. One place,
/// used by the API and by bench/inbox.sh, so the benchmark measures the queries the inbox runs.
/// </summary>
public static class InboxQuery
{
    public static TaskFilter Build(UserScope user, InboxView view, string? procedure, SlaState? sla, InboxSort? sort, bool? descending,
        int page, int pageSize, DateTimeOffset now, TimeSpan dueSoonWindow)
    {
        var filter = new TaskFilter
        {
            OfficeCodes = user.Offices,
            ProcessKey = string.IsNullOrWhiteSpace(procedure) ? null : procedure.Trim(),
            Sort = sort switch { InboxSort.Created => TaskSort.CreatedAt, InboxSort.Priority => TaskSort.Priority, InboxSort.Name => TaskSort.Name, _ => TaskSort.DueAt },
            Descending = descending ?? sort == InboxSort.Priority,
            Skip = (page - 1) * pageSize,
            Take = pageSize,
        };
        filter = view switch
        {
            InboxView.Mine => filter with { Assignee = user.UserName },
            InboxView.Available => filter with
            {
                Unassigned = true,
                CandidateGroups = user.OfficeCode is { } office ? user.CandidateGroupsAt(office) : [],
                CandidateUser = user.UserName,
            },
            // Everything open at the user's office (all offices for national users).
            _ => filter,
        };
        return sla switch
        {
            SlaState.Overdue => filter with { DueBefore = now },
            SlaState.DueSoon => filter with { DueAfter = now, DueBefore = now + dueSoonWindow },
            SlaState.OnTime => filter with { DueAfter = now + dueSoonWindow },
            _ => filter,
        };
    }

    /// <summary>
    /// The page and its total. The total is counted up to <paramref name="countLimit"/> only: an office of a
    /// million open tasks is not counted row by row on every page. Above the limit the total is the limit and
    /// <see cref="InboxResult.TotalIsCapped"/> is set (the UI shows "más de 1 000"); at or below it, it is exact.
    /// The last page (not full) is exact without counting.
    /// </summary>
    public static async Task<InboxResult> RunAsync(ProcessEngine engine, TaskFilter filter, int countLimit, CancellationToken ct = default)
    {
        var items = await engine.Tasks.QueryAsync(filter, ct);
        // A page that is not full is the last one: it gives the total without counting (a consultant's own tasks, one
        // case's tasks — most requests). An empty page past the first may lie beyond the end, so that one counts.
        if (items.Count < filter.Take && (items.Count > 0 || filter.Skip == 0)) return new InboxResult(items, filter.Skip + items.Count, TotalIsCapped: false);
        // One more than the limit tells "exactly the limit" from "more than the limit".
        var counted = await engine.Tasks.CountUpToAsync(filter with { Skip = 0 }, countLimit + 1, ct);
        return new InboxResult(items, Math.Min(counted, countLimit), counted > countLimit);
    }
}

/// <summary>One inbox page: the tasks, and how many match (at most the count limit; <see cref="TotalIsCapped"/> when more do).</summary>
public sealed record InboxResult(IReadOnlyList<TaskInfo> Items, int Total, bool TotalIsCapped);
