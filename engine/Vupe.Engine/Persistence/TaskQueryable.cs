using System.Linq.Expressions;

namespace Vupe.Engine.Persistence;

/// <summary>The task filter as LINQ, shared by the EF Core and in-memory stores so both answer alike.</summary>
internal static class TaskQueryable
{
    /// <param name="searchDueWindow">
    /// False when the page is sorted by something other than the due date: the SLA window is then written so that
    /// SQLite cannot search an index with it (COALESCE), and reads the index of the sort in order instead, checking
    /// the window on its entries. Otherwise it picks the (office, due) range — every overdue task of Lima, half a
    /// million rows — and sorts it for a page of 25. Same rows either way.
    /// </param>
    /// <param name="instances">
    /// A database's instances: a case's tasks are then found through its instances (InstanceId IN the case's
    /// instances, both indexed) — UserTasks has no index of its own on CaseId.
    /// </param>
    public static IQueryable<UserTaskRecord> Filter(IQueryable<UserTaskRecord> q, TaskFilter f, bool searchDueWindow = true,
        IQueryable<ProcessInstanceRecord>? instances = null)
    {
        if (f.InstanceId is { } instanceId) q = q.Where(t => t.InstanceId == instanceId);
        if (f.CaseId is { } caseId)
        {
            q = instances is null
                ? q.Where(t => t.CaseId == caseId)
                : q.Where(t => instances.Where(i => i.CaseId == caseId).Select(i => i.Id).Contains(t.InstanceId) && t.CaseId == caseId);
        }
        if (f.Assignee is { } assignee) q = q.Where(t => t.Assignee == assignee);
        if (f.Unassigned == true) q = q.Where(t => t.Assignee == null);
        if (f.Unassigned == false) q = q.Where(t => t.Assignee != null);
        if (f.ProcessKey is { } key) q = q.Where(t => t.ProcessKey == key);
        if (f.ElementId is { } element) q = q.Where(t => t.ElementId == element);
        if (f.OfficeCode is { } office) q = q.Where(t => t.OfficeCode == office);
        if (searchDueWindow || f.DueBefore == DateTimeOffset.MaxValue)
        {
            if (f.DueBefore is { } due) q = q.Where(t => t.DueAt != null && t.DueAt <= due);
        }
        else if (f.DueBefore is { } due)
        {
            q = q.Where(t => (t.DueAt ?? DateTimeOffset.MaxValue) <= due);
        }
        if (searchDueWindow)
        {
            if (f.DueAfter is { } after) q = q.Where(t => t.DueAt != null && t.DueAt > after);
        }
        else if (f.DueAfter is { } after)
        {
            q = q.Where(t => (t.DueAt ?? DateTimeOffset.MinValue) > after);
        }
        if (f.OfficeCodes is { } offices)
        {
            var officeList = offices.ToList();
            q = q.Where(t => officeList.Contains(t.OfficeCode));
        }
        if (f.MinPriority is { } minPriority) q = q.Where(t => t.Priority >= minPriority);
        if (f.CreatedFrom is { } createdFrom) q = q.Where(t => t.CreatedAt >= createdFrom);
        // Offered to any of the groups or to the user: one token search in the task's CandidateKey per group, an
        // OR of parameters (instr() on SQLite, strpos() on PostgreSQL), instead of an EXISTS on TaskCandidates per task.
        var tokens = new List<string>();
        if (f.CandidateGroups is { Count: > 0 } groups) tokens.AddRange(groups.Distinct().Select(g => CandidateToken(GroupKind, g)));
        if (f.CandidateUser is { } user) tokens.Add(CandidateToken(UserKind, user));
        if (tokens.Count > 0) q = q.Where(AnyToken(tokens));
        return q;
    }

    internal const string GroupKind = "group";
    internal const string UserKind = "user";

    /// <summary>The value of <see cref="UserTaskRecord.CandidateKey"/> for these candidates.</summary>
    public static string CandidateKeyOf(IEnumerable<TaskCandidateRecord> candidates)
    {
        var key = new System.Text.StringBuilder("|");
        foreach (var c in candidates) key.Append(c.Kind).Append(':').Append(Escape(c.Value)).Append('|');
        return key.ToString();
    }

    /// <summary>What a candidate looks like inside a CandidateKey: delimited on both sides, so a search cannot match part of another value.</summary>
    public static string CandidateToken(string kind, string value) => $"|{kind}:{Escape(value)}|";

    private static string Escape(string value) => value.Replace("%", "%25", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal);

    private static string Unescape(string value) => value.Replace("%7C", "|", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    /// <summary>The candidates back from a <see cref="UserTaskRecord.CandidateKey"/>, in the order they were written: a page of tasks needs no second query for them.</summary>
    public static List<TaskCandidateRecord> CandidatesOf(Guid taskId, string key)
    {
        var list = new List<TaskCandidateRecord>();
        foreach (var part in key.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) list.Add(new TaskCandidateRecord { TaskId = taskId, Kind = part[..colon], Value = Unescape(part[(colon + 1)..]) });
        }
        return list;
    }

    /// <summary>A query parameter holding one token; EF Core names the parameter after the field (@Token).</summary>
    private sealed class TokenParameter(string token)
    {
        public readonly string Token = token;
    }

    /// <summary>t => t.CandidateKey.Contains(token1) || …, each token a query parameter (a closure field), not a literal, so EF caches one query shape per number of tokens.</summary>
    private static Expression<Func<UserTaskRecord, bool>> AnyToken(IEnumerable<string> tokens)
    {
        var t = Expression.Parameter(typeof(UserTaskRecord), "t");
        var key = Expression.Property(t, nameof(UserTaskRecord.CandidateKey));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression? any = null;
        foreach (var token in tokens)
        {
            var parameter = Expression.Field(Expression.Constant(new TokenParameter(token)), nameof(TokenParameter.Token));
            var test = Expression.Call(key, contains, parameter);
            any = any is null ? test : Expression.OrElse(any, test);
        }
        return Expression.Lambda<Func<UserTaskRecord, bool>>(any!, t);
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
        if (f.MinPriority is { } minPriority && t.Priority < minPriority) return false;
        if (f.CreatedFrom is { } createdFrom && t.CreatedAt < createdFrom) return false;
        var groups = f.CandidateGroups is { Count: > 0 } g ? g : null;
        if (groups is null && f.CandidateUser is null) return true;
        foreach (var c in t.Candidates)
        {
            if (c.Kind == GroupKind && groups is not null && groups.Contains(c.Value)) return true;
            if (c.Kind == UserKind && f.CandidateUser is not null && c.Value == f.CandidateUser) return true;
        }
        return false;
    }

    // Orders: ties are broken by id in the direction of the sort, so one ascending index (office, …, key, id)
    // read forwards or backwards serves both directions. Tasks without a due date come last in either
    // direction of a due-date sort, in every store (EfSession pages them separately, see there).

    public static IEnumerable<UserTaskRecord> SortInMemory(IEnumerable<UserTaskRecord> rows, TaskFilter f) => (f.Sort, f.Descending) switch
    {
        (TaskSort.DueAt, false) => rows.OrderBy(t => t.DueAt is null).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
        (TaskSort.DueAt, true) => rows.OrderBy(t => t.DueAt is null).ThenByDescending(t => t.DueAt).ThenByDescending(t => t.Id),
        (TaskSort.Priority, false) => rows.OrderBy(t => t.Priority).ThenBy(t => t.Id),
        (TaskSort.Priority, true) => rows.OrderByDescending(t => t.Priority).ThenByDescending(t => t.Id),
        (TaskSort.Name, false) => rows.OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id),
        (TaskSort.Name, true) => rows.OrderByDescending(t => t.Name, StringComparer.Ordinal).ThenByDescending(t => t.Id),
        (_, true) => rows.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
        _ => rows.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
    };

    /// <summary>
    /// The database order. For <see cref="TaskSort.DueAt"/> it orders by the date alone and is applied to the dated
    /// and the undated tasks separately (an ORDER BY "DueAt IS NULL" first would keep SQLite from reading an index in order).
    /// </summary>
    public static IQueryable<UserTaskRecord> Order(IQueryable<UserTaskRecord> q, TaskFilter f) => (f.Sort, f.Descending) switch
    {
        (TaskSort.DueAt, false) => q.OrderBy(t => t.DueAt).ThenBy(t => t.Id),
        (TaskSort.DueAt, true) => q.OrderByDescending(t => t.DueAt).ThenByDescending(t => t.Id),
        (TaskSort.Priority, false) => q.OrderBy(t => t.Priority).ThenBy(t => t.Id),
        (TaskSort.Priority, true) => q.OrderByDescending(t => t.Priority).ThenByDescending(t => t.Id),
        (TaskSort.Name, false) => q.OrderBy(t => t.Name).ThenBy(t => t.Id),
        (TaskSort.Name, true) => q.OrderByDescending(t => t.Name).ThenByDescending(t => t.Id),
        (_, true) => q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
        _ => q.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
    };
}
