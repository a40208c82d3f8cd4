using System.Linq.Expressions;

namespace Vupe.Engine.Persistence;

/// <summary>
/// Counts and percentiles as LINQ that EF Core translates to GROUP BY / ORDER BY … OFFSET, shared by the EF Core and
/// in-memory stores so both answer alike. Nothing is grouped or sorted in memory on a database.
/// </summary>
internal static class FigureQueryable
{
    /// <summary>The group key: the columns grouped by, the others a constant null (which the GROUP BY leaves out).</summary>
    internal sealed class CaseKey
    {
        public string? OfficeCode { get; init; }
        public string? ProcessKey { get; init; }
        public string? Title { get; init; }
    }

    public static IQueryable<CaseCount> CountBy(IQueryable<CaseFileRecord> q, CaseGrouping grouping) =>
        q.GroupBy(KeyOf(grouping)).Select(g => new CaseCount(g.Key.OfficeCode, g.Key.ProcessKey, g.Key.Title, g.Count()));

    /// <summary>
    /// Built as an expression rather than <c>grouping.HasFlag(…) ? c.OfficeCode : null</c>, which EF Core would send as a
    /// CASE on a parameter and group by it: the planner could then use no index order for the grouping.
    /// </summary>
    private static Expression<Func<CaseFileRecord, CaseKey>> KeyOf(CaseGrouping grouping)
    {
        var c = Expression.Parameter(typeof(CaseFileRecord), "c");
        MemberBinding Bind(string name, CaseGrouping flag) => Expression.Bind(typeof(CaseKey).GetProperty(name)!,
            grouping.HasFlag(flag) ? Expression.Property(c, name) : Expression.Constant(null, typeof(string)));
        var body = Expression.MemberInit(Expression.New(typeof(CaseKey)),
            Bind(nameof(CaseKey.OfficeCode), CaseGrouping.Office), Bind(nameof(CaseKey.ProcessKey), CaseGrouping.ProcessKey), Bind(nameof(CaseKey.Title), CaseGrouping.Title));
        return Expression.Lambda<Func<CaseFileRecord, CaseKey>>(body, c);
    }

    /// <summary>The closed cases' durations in ticks, for ordering and an offset in the database.</summary>
    public static IQueryable<long> Durations(IQueryable<CaseFileRecord> q) =>
        q.Where(c => c.ClosedAt != null).Select(c => EngineDbFunctions.TicksBetween(c.OpenedAt, c.ClosedAt!.Value));

    /// <summary>Nearest rank, 0-based: the ⌈p·n⌉-th smallest of n values.</summary>
    public static int RankOf(double percentile, int count)
    {
        if (percentile is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile is a share in (0, 1].");
        return Math.Clamp((int)Math.Ceiling(percentile * count) - 1, 0, count - 1);
    }

    public static IQueryable<TaskCount> CountByOffice(IQueryable<UserTaskRecord> q, DateTimeOffset overdueAt) =>
        q.GroupBy(t => t.OfficeCode).Select(g => new TaskCount(g.Key, g.Count(), g.Count(t => t.DueAt != null && t.DueAt <= overdueAt)));
}

/// <summary>
/// Functions the engine's queries use that LINQ cannot write in a way every provider translates. Registered in
/// <see cref="EngineDbContext"/>; in memory they run as written.
/// </summary>
internal static class EngineDbFunctions
{
    /// <summary>
    /// <paramref name="to"/> − <paramref name="from"/> in ticks. On SQLite the columns are UTC ticks already (the
    /// engine's converter), so it is a plain subtraction the database can sort by; on PostgreSQL, the interval's seconds × 10⁷.
    /// </summary>
    public static long TicksBetween(DateTimeOffset from, DateTimeOffset to) => (to - from).Ticks;
}
