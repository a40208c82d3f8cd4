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
}
