namespace Vupe.Engine.Persistence;

/// <summary>The case filter as LINQ, shared by the EF Core and in-memory stores so both answer alike.</summary>
internal static class CaseQueryable
{
    public static IQueryable<CaseFileRecord> Filter(IQueryable<CaseFileRecord> q, CaseFilter f)
    {
        if (f.OfficeCodes is { } offices)
        {
            var list = offices.ToList();
            q = q.Where(c => list.Contains(c.OfficeCode));
        }
        if (f.ProcessKey is { } key) q = q.Where(c => c.ProcessKey == key);
        if (f.Status is { } status) q = q.Where(c => c.Status == status);
        if (f.SubjectId is { } subject) q = q.Where(c => c.SubjectId == subject);
        if (f.SubjectIds is { } subjects)
        {
            var list = subjects.ToList();
            q = q.Where(c => c.SubjectId != null && list.Contains(c.SubjectId));
        }
        if (f.ParentCaseId is { } parent) q = q.Where(c => c.ParentCaseId == parent);
        if (f.OpenedFrom is { } from) q = q.Where(c => c.OpenedAt >= from);
        if (f.OpenedBefore is { } before) q = q.Where(c => c.OpenedAt < before);
        if (f.TitlePrefix is { Length: > 0 } prefix)
        {
            if (q.Provider is EnumerableQuery) q = q.Where(c => c.Title != null && c.Title.StartsWith(prefix, StringComparison.Ordinal));
            else
            {
                // Title >= prefix AND Title < prefix with its last character's successor: the binary order SQLite and
                // PostgreSQL's C collation compare in, and an index range (LIKE 'x%' is not one on SQLite). In memory,
                // string.Compare would compare by culture, hence the ordinal StartsWith above.
                var upper = prefix[..^1] + (char)(prefix[^1] + 1);
#pragma warning disable CA1309 // translated to SQL's binary >= / <, never run in .NET (EF Core translates no StringComparison overload)
                q = q.Where(c => c.Title != null && string.Compare(c.Title, prefix) >= 0 && string.Compare(c.Title, upper) < 0);
#pragma warning restore CA1309
            }
        }
        if (f.ClosedFrom is { } closedFrom) q = q.Where(c => c.ClosedAt != null && c.ClosedAt >= closedFrom);
        if (f.ClosedBefore is { } closedBefore) q = q.Where(c => c.ClosedAt != null && c.ClosedAt < closedBefore);
        return q;
    }

    public static IQueryable<CaseFileRecord> Page(IQueryable<CaseFileRecord> q, CaseFilter f) =>
        (f.OldestFirst ? q.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id) : q.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id))
        .Skip(f.Skip).Take(f.Take);
}
