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
        if (f.ParentCaseId is { } parent) q = q.Where(c => c.ParentCaseId == parent);
        if (f.OpenedFrom is { } from) q = q.Where(c => c.OpenedAt >= from);
        if (f.OpenedBefore is { } before) q = q.Where(c => c.OpenedAt < before);
        if (f.ClosedFrom is { } closedFrom) q = q.Where(c => c.ClosedAt != null && c.ClosedAt >= closedFrom);
        if (f.ClosedBefore is { } closedBefore) q = q.Where(c => c.ClosedAt != null && c.ClosedAt < closedBefore);
        return q;
    }

    public static IQueryable<CaseFileRecord> Page(IQueryable<CaseFileRecord> q, CaseFilter f) =>
        q.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id).Skip(f.Skip).Take(f.Take);
}
