namespace Vupe.Feel;

/// <summary>A FEEL time: a local time of day, optionally with a UTC offset or an IANA zone id.</summary>
public sealed class FeelTime : FeelValue
{
    private readonly TimeSpan? offset;

    public FeelTime(TimeOnly localTime, TimeSpan? offset = null)
    {
        LocalTime = localTime;
        this.offset = offset;
    }

    public FeelTime(TimeOnly localTime, string zoneId)
    {
        LocalTime = localTime;
        Zone = TimeZones.Find(zoneId) ?? throw new ArgumentException($"Unknown time zone '{zoneId}'.", nameof(zoneId));
        ZoneId = zoneId;
    }

    public TimeOnly LocalTime { get; }

    /// <summary>The explicit UTC offset; for a zone id, the zone's standard offset (a time has no date to resolve daylight saving).</summary>
    public TimeSpan? Offset => Zone?.BaseUtcOffset ?? offset;

    public string? ZoneId { get; }

    public bool HasTimeZone => Offset.HasValue;

    public override string TypeName => "time";

    internal TimeZoneInfo? Zone { get; }

    /// <summary>Ticks since midnight UTC for zoned times (wrapped to one day), local ticks otherwise.</summary>
    internal long ComparisonTicks
    {
        get
        {
            if (Offset is not { } offset)
            {
                return LocalTime.Ticks;
            }

            var ticks = (LocalTime.Ticks - offset.Ticks) % TimeSpan.TicksPerDay;
            return ticks < 0 ? ticks + TimeSpan.TicksPerDay : ticks;
        }
    }

    /// <summary>A <see cref="TimeOnly"/> for local times; the value itself when an offset or zone would be lost.</summary>
    public override object? ToObject() => HasTimeZone ? this : LocalTime;

    public override bool Equals(FeelValue? other) =>
        other is FeelTime t && t.HasTimeZone == HasTimeZone && t.ComparisonTicks == ComparisonTicks;

    public override int GetHashCode() => HashCode.Combine(HasTimeZone, ComparisonTicks);
}
