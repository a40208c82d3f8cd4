namespace Vupe.Feel.BuiltIns;

internal static class BooleanFunctions
{
    public static void Register(BuiltInRegistry registry)
    {
        registry.Add("not", ["negand"], static (a, _) => a[0] is FeelBoolean b ? FeelBoolean.Of(!b.Value) : FeelNull.Instance);
        registry.Add("is", ["value1", "value2"], static (a, _) => FeelBoolean.Of(Same(a[0], a[1])));
    }

    /// <summary>
    /// is(): the same element of the FEEL semantic domain (FEEL 1.5, 10.3.4.1). Stricter than '=': the types must be
    /// the same, and times and dates-and-times must agree on how their zone is given (offset or zone id) too.
    /// </summary>
    private static bool Same(FeelValue x, FeelValue y) => (x, y) switch
    {
        (FeelTime a, FeelTime b) => a.LocalTime == b.LocalTime && SameZone(a.ZoneId, a.Offset, b.ZoneId, b.Offset),
        (FeelDateTime a, FeelDateTime b) => a.LocalDateTime == b.LocalDateTime && SameZone(a.ZoneId, a.Offset, b.ZoneId, b.Offset),
        _ => x.GetType() == y.GetType() && x.Equals(y),
    };

    private static bool SameZone(string? zoneA, TimeSpan? offsetA, string? zoneB, TimeSpan? offsetB) =>
        zoneA is not null || zoneB is not null ? string.Equals(zoneA, zoneB, StringComparison.Ordinal) : offsetA == offsetB;
}
