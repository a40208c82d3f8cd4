namespace Vupe.Engine.Persistence;

/// <summary>The task filter as LINQ, shared by the EF Core and in-memory stores so both answer alike.</summary>
internal static class TaskQueryable
{
    public static IQueryable<UserTaskRecord> Filter(IQueryable<UserTaskRecord> q, TaskFilter f)
    {
        if (f.InstanceId is { } instanceId) q = q.Where(t => t.InstanceId == instanceId);
        if (f.CaseId is { } caseId) q = q.Where(t => t.CaseId == caseId);
        if (f.Assignee is { } assignee) q = q.Where(t => t.Assignee == assignee);
        if (f.Unassigned == true) q = q.Where(t => t.Assignee == null);
        if (f.Unassigned == false) q = q.Where(t => t.Assignee != null);
        if (f.ProcessKey is { } key) q = q.Where(t => t.ProcessKey == key);
        if (f.ElementId is { } element) q = q.Where(t => t.ElementId == element);
        if (f.OfficeCode is { } office) q = q.Where(t => t.OfficeCode == office);
        if (f.DueBefore is { } due) q = q.Where(t => t.DueAt != null && t.DueAt <= due);
        if (f.CandidateGroups is { Count: > 0 } groups)
        {
            var list = groups.ToList();
            if (f.CandidateUser is { } user)
                q = q.Where(t => t.Candidates.Any(c => (c.Kind == "group" && list.Contains(c.Value)) || (c.Kind == "user" && c.Value == user)));
            else
                q = q.Where(t => t.Candidates.Any(c => c.Kind == "group" && list.Contains(c.Value)));
        }
        else if (f.CandidateUser is { } user)
        {
            q = q.Where(t => t.Candidates.Any(c => c.Kind == "user" && c.Value == user));
        }
        return q;
    }

    public static IQueryable<UserTaskRecord> Apply(IQueryable<UserTaskRecord> q, TaskFilter f)
    {
        q = Filter(q, f);
        return (f.Sort, f.Descending) switch
        {
            (TaskSort.DueAt, false) => q.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
            (TaskSort.DueAt, true) => q.OrderByDescending(t => t.DueAt).ThenBy(t => t.Id),
            (TaskSort.Priority, false) => q.OrderBy(t => t.Priority).ThenBy(t => t.Id),
            (TaskSort.Priority, true) => q.OrderByDescending(t => t.Priority).ThenBy(t => t.Id),
            (TaskSort.Name, false) => q.OrderBy(t => t.Name).ThenBy(t => t.Id),
            (TaskSort.Name, true) => q.OrderByDescending(t => t.Name).ThenBy(t => t.Id),
            (_, true) => q.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id),
            _ => q.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
        };
    }
}
