using System.Linq.Expressions;

namespace Vupe.Engine.Persistence;

/// <summary>
/// Counts and percentiles as LINQ that EF Core translates to GROUP BY / ORDER BY … OFFSET, shared by the EF Core and
/// in-memory stores so both answer alike. Nothing is grouped or sorted in memory on a database.
/// </summary>
internal static class FigureQueryable
{
    /// <summary>The group key: the columns grouped by, the others a constant null. A record: in memory, groups are found by value equality.</summary>
    internal sealed record CaseKey
    {
        public string? OfficeCode { get; init; }
        public string? ProcessKey { get; init; }
        public string? Title { get; init; }
    }

    /// <summary>
    /// The filter's cases counted per group. Grouped by office and/or procedure (not title), the period is not a WHERE
    /// range but a condition on each counted entry (<c>COUNT(CASE WHEN OpenedAt in the period …)</c>): SQLite then reads
    /// the (office, procedure, opened, closed) index in group order and sorts nothing, where a range on the period
    /// made it sort every case of the period (bench/figures.sh: 430 ms for a national year's 500,000 cases; 90 ms
    /// reading all 1,000,000 entries in order). Groups that count nothing are left out by the caller.
    /// </summary>
    public static IQueryable<CaseCount> CountBy(IQueryable<CaseFileRecord> source, CaseFilter f, CaseGrouping grouping)
    {
        var q = CaseQueryable.Filter(source, f with { OpenedFrom = null, OpenedBefore = null, ClosedFrom = null, ClosedBefore = null });
        var (openedFrom, openedBefore, closedFrom, closedBefore) = (f.OpenedFrom, f.OpenedBefore, f.ClosedFrom, f.ClosedBefore);
        Expression<Func<CaseFileRecord, bool>> inPeriod = c =>
            (openedFrom == null || c.OpenedAt >= openedFrom) && (openedBefore == null || c.OpenedAt < openedBefore)
            && (closedFrom == null || (c.ClosedAt != null && c.ClosedAt >= closedFrom)) && (closedBefore == null || (c.ClosedAt != null && c.ClosedAt < closedBefore));
        Expression none = Expression.Constant(null, typeof(string));
        // The GROUP BY must name exactly the index's leading columns for SQLite to read it in order: a constant NULL in the
        // key (the generic KeyOf below) makes it sort again.
        return grouping switch
        {
            CaseGrouping.Office => Counted(q, c => c.OfficeCode, k => (k, none), inPeriod),
            CaseGrouping.ProcessKey => Counted(q, c => c.ProcessKey, k => (none, k), inPeriod),
            CaseGrouping.Office | CaseGrouping.ProcessKey => Counted(q, c => new { c.OfficeCode, c.ProcessKey },
                k => (Expression.Property(k, "OfficeCode"), Expression.Property(k, "ProcessKey")), inPeriod),
            _ => CaseQueryable.Filter(source, f).GroupBy(KeyOf(grouping)).Select(g => new CaseCount(g.Key.OfficeCode, g.Key.ProcessKey, g.Key.Title, g.Count())),
        };
    }

    /// <summary><c>GROUP BY key</c> with <c>COUNT(CASE WHEN inPeriod …)</c>, built as an expression so the period is written once.</summary>
    private static IQueryable<CaseCount> Counted<TKey>(IQueryable<CaseFileRecord> q, Expression<Func<CaseFileRecord, TKey>> key,
        Func<Expression, (Expression Office, Expression Process)> columns, Expression<Func<CaseFileRecord, bool>> inPeriod)
    {
        var g = Expression.Parameter(typeof(IGrouping<TKey, CaseFileRecord>), "g");
        var (office, process) = columns(Expression.Property(g, nameof(IGrouping<TKey, CaseFileRecord>.Key)));
        var count = Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(CaseFileRecord)], g, inPeriod);
        var body = Expression.New(typeof(CaseCount).GetConstructors().Single(), office, process, Expression.Constant(null, typeof(string)), count);
        return q.GroupBy(key).Select(Expression.Lambda<Func<IGrouping<TKey, CaseFileRecord>, CaseCount>>(body, g));
    }

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

    /// <summary>The width of a histogram bucket of durations: an hour (a national year of durations falls in a few hundred).</summary>
    public const long BucketTicks = TimeSpan.TicksPerHour;

    /// <summary>How many durations fall in each bucket (one GROUP BY pass, no sort of the durations); order them with <see cref="Locate"/>.</summary>
    public static IQueryable<DurationBucket> Histogram(IQueryable<long> durations) =>
        durations.GroupBy(d => d / BucketTicks).Select(g => new DurationBucket(g.Key, g.Count()));

    /// <summary>The bucket that holds the 0-based <paramref name="rank"/>-th duration: its bounds and the rank within it.</summary>
    public static (long From, long Before, int Offset) Locate(IReadOnlyList<DurationBucket> histogram, int rank)
    {
        foreach (var b in histogram.OrderBy(b => b.Bucket))
        {
            if (rank < b.Count) return (b.Bucket * BucketTicks, (b.Bucket + 1) * BucketTicks, rank);
            rank -= b.Count;
        }
        throw new ArgumentOutOfRangeException(nameof(rank), "The rank is past the last duration.");
    }

    /// <summary>Nearest rank, 0-based: the ⌈p·n⌉-th smallest of n values.</summary>
    public static int RankOf(double percentile, int count)
    {
        if (percentile is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile is a share in (0, 1].");
        return Math.Clamp((int)Math.Ceiling(percentile * count) - 1, 0, count - 1);
    }

    public static IQueryable<TaskCount> CountByOffice(IQueryable<UserTaskRecord> q, DateTimeOffset overdueAt) =>
        q.GroupBy(t => t.OfficeCode).Select(g => new TaskCount(g.Key, g.Count(), g.Count(t => t.DueAt != null && t.DueAt <= overdueAt)));
}

internal sealed record DurationBucket(long Bucket, int Count);

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

    /// <summary>
    /// The JSON text, as stored, of the process-level variable <paramref name="name"/> in an instance's state
    /// (<c>$.Executions.root.Variables.name</c>); null when the instance has no such variable. SQLite:
    /// <c>"-&gt;"(StateJson, path)</c>, the function behind its <c>-&gt;</c> operator; PostgreSQL:
    /// <c>json_extract_path(StateJson::json, …)::text</c> (<c>json</c> keeps the text as written). Both give back the
    /// value's text as the engine wrote it (escapes, a number's digits), so one comparison serves both.
    /// </summary>
    public static string? VariableJson(string stateJson, string name) =>
        throw new InvalidOperationException("Only for database queries.");
}
