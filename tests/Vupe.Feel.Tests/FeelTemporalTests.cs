namespace Vupe.Feel.Tests;

public class FeelTemporalTests
{
    [Test]
    public void YearsMonthsDuration()
    {
        Assert.That(FeelTemporal.TryParseDuration("P1Y2M", out var value), Is.True);
        Assert.That(((FeelYearsMonthsDuration)value).TotalMonths, Is.EqualTo(14));
    }

    [TestCase("P3DT4H5M6.5S", 3, 4, 5, 6, 500)]
    [TestCase("PT15M", 0, 0, 15, 0, 0)]
    [TestCase("P2W", 14, 0, 0, 0, 0)]
    [TestCase("-PT1H", 0, -1, 0, 0, 0)]
    public void DaysTimeDuration(string iso, int days, int hours, int minutes, int seconds, int ms)
    {
        Assert.That(FeelTemporal.TryParseDuration(iso, out var value), Is.True);
        Assert.That(((FeelDaysTimeDuration)value).Value, Is.EqualTo(new TimeSpan(days, hours, minutes, seconds, ms)));
    }

    [TestCase("")]
    [TestCase("P")]
    [TestCase("PT")]
    [TestCase("P1Y2D")]
    [TestCase("1H")]
    public void InvalidDurations(string iso)
    {
        Assert.That(FeelTemporal.TryParseDuration(iso, out var value), Is.False);
        Assert.That(value.IsNull, Is.True);
    }

    [Test]
    public void DateTimes()
    {
        Assert.That(FeelTemporal.TryParseDateTime("2026-01-31T10:00:00Z", out var utc), Is.True);
        Assert.That(utc.ToObject(), Is.EqualTo(new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero)));
        Assert.That(FeelTemporal.TryParseDateTime("2026-01-31T10:00:00+02:00", out var offset), Is.True);
        Assert.That(((FeelDateTime)offset).Offset, Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That(FeelTemporal.TryParseDateTime("2026-07-01T10:00:00@Europe/Madrid", out var zoned), Is.True);
        Assert.That(((FeelDateTime)zoned).Offset, Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That(FeelTemporal.TryParseDateTime("2026-01-31T10:00:00", out var local), Is.True);
        Assert.That(((FeelDateTime)local).HasTimeZone, Is.False);
        Assert.That(FeelTemporal.TryParseDateTime("tomorrow", out _), Is.False);
    }
}
