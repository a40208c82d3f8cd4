namespace Vupe.Feel;

/// <summary>
/// A FEEL date and time: a local date-time, optionally with a fixed UTC offset or an IANA zone id
/// (the offset is then derived from the zone's rules for that local time, daylight saving included).
/// </summary>
public sealed class FeelDateTime : FeelValue
{
    private readonly TimeSpan? offset;

    public FeelDateTime(DateTime localDateTime)
    {
        LocalDateTime = DateTime.SpecifyKind(localDateTime, DateTimeKind.Unspecified);
    }

    public FeelDateTime(DateTime localDateTime, TimeSpan offset)
        : this(localDateTime)
    {
        this.offset = offset;
    }

    public FeelDateTime(DateTime localDateTime, string zoneId)
        : this(localDateTime)
    {
        Zone = TimeZones.Find(zoneId) ?? throw new ArgumentException($"Unknown time zone '{zoneId}'.", nameof(zoneId));
        ZoneId = zoneId;
    }

    public FeelDateTime(DateTimeOffset value)
        : this(value.DateTime, value.Offset)
    {
    }

    public DateTime LocalDateTime { get; }

    public string? ZoneId { get; }

    /// <summary>The UTC offset in effect, or null for a local date and time.</summary>
    public TimeSpan? Offset => Zone is { } zone ? zone.GetUtcOffset(LocalDateTime) : offset;

    public bool HasTimeZone => Zone is not null || offset.HasValue;

    /// <summary>The instant, when the value has an offset or a zone.</summary>
    public DateTimeOffset? Instant => Offset is { } o ? new DateTimeOffset(LocalDateTime, o) : null;

    public override string TypeName => "date and time";

    internal TimeZoneInfo? Zone { get; }

    /// <summary>Keeps the zone (or offset) of this value while moving to another instant.</summary>
    internal FeelDateTime WithInstant(DateTimeOffset instant)
    {
        if (Zone is { } zone)
        {
            var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
            return new FeelDateTime(local, ZoneId!);
        }

        return new FeelDateTime(instant.ToOffset(offset!.Value).DateTime, offset.Value);
    }

    /// <summary>A <see cref="DateTimeOffset"/> when zoned (the zone id is then lost), a <see cref="DateTime"/> otherwise.</summary>
    public override object? ToObject() => Instant is { } instant ? (object)instant : LocalDateTime;

    public override bool Equals(FeelValue? other)
    {
        if (other is not FeelDateTime d || d.HasTimeZone != HasTimeZone)
        {
            return false;
        }

        return HasTimeZone ? d.Instant!.Value.UtcTicks == Instant!.Value.UtcTicks : d.LocalDateTime == LocalDateTime;
    }

    public override int GetHashCode() => HasTimeZone ? Instant!.Value.UtcTicks.GetHashCode() : LocalDateTime.GetHashCode();
}
