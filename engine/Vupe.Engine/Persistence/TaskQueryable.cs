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
        if (f.DueAfter is { } after) q = q.Where(t => t.DueAt != null && t.DueAt > after);
        if (f.OfficeCodes is { } offices)
        {
            var officeList = offices.ToList();
            q = q.Where(t => officeList.Contains(t.OfficeCode));
        }
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

    /// <summary>The same filter for objects in memory, without building and compiling an expression tree per query.</summary>
    public static bool Matches(UserTaskRecord t, TaskFilter f)
    {
        if (f.InstanceId is { } instanceId && t.InstanceId != instanceId) return false;
        if (f.CaseId is { } caseId && t.CaseId != caseId) return false;
        if (f.Assignee is { } assignee && t.Assignee != assignee) return false;
        if (f.Unassigned == true && t.Assignee is not null) return false;
        if (f.Unassigned == false && t.Assignee is null) return false;
        if (f.ProcessKey is { } key && t.ProcessKey != key) return false;
        if (f.ElementId is { } element && t.ElementId != element) return false;
        if (f.OfficeCode is { } office && t.OfficeCode != office) return false;
        if (f.DueBefore is { } due && (t.DueAt is null || t.DueAt > due)) return false;
        if (f.DueAfter is { } after && (t.DueAt is null || t.DueAt <= after)) return false;
        if (f.OfficeCodes is { } offices && !offices.Contains(t.OfficeCode)) return false;
        var groups = f.CandidateGroups is { Count: > 0 } g ? g : null;
        if (groups is null && f.CandidateUser is null) return true;
        foreach (var c in t.Candidates)
        {
            if (c.Kind == "group" && groups is not null && groups.Contains(c.Value)) return true;
            if (c.Kind == "user" && f.CandidateUser is not null && c.Value == f.CandidateUser) return true;
        }
        return false;
    }

    public static IEnumerable<UserTaskRecord> SortInMemory(IEnumerable<UserTaskRecord> rows, TaskFilter f) => (f.Sort, f.Descending) switch
    {
        (TaskSort.DueAt, false) => rows.OrderBy(t => t.DueAt is null).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
        (TaskSort.DueAt, true) => rows.OrderByDescending(t => t.DueAt).ThenBy(t => t.Id),
        (TaskSort.Priority, false) => rows.OrderBy(t => t.Priority).ThenBy(t => t.Id),
        (TaskSort.Priority, true) => rows.OrderByDescending(t => t.Priority).ThenBy(t => t.Id),
        (TaskSort.Name, false) => rows.OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id),
        (TaskSort.Name, true) => rows.OrderByDescending(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id),
        (_, true) => rows.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id),
        _ => rows.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
    };

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
