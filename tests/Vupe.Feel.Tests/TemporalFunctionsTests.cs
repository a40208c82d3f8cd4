using Microsoft.Extensions.Time.Testing;
using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class TemporalFunctionsTests
{
    [Test]
    public void NowAndTodayReadTheScopeClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 28, 23, 30, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("America/Lima"));
        var scope = new FeelScope { TimeProvider = clock };

        Assert.That(Feel.Parse("today()").Evaluate(scope).ToObject(), Is.EqualTo(new DateOnly(2026, 7, 28)));
        Assert.That(Feel.Parse("now()").Evaluate(scope).ToObject(), Is.EqualTo(new DateTimeOffset(2026, 7, 28, 18, 30, 0, TimeSpan.FromHours(-5))));
        Assert.That(Feel.Parse("now() - @\"2026-07-28T00:00:00Z\"").Evaluate(scope).ToObject(), Is.EqualTo(new TimeSpan(23, 30, 0)));
    }

    [Test]
    public void DeadlineCheck()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero));
        var scope = new FeelScope { TimeProvider = clock }.Set("due", new DateOnly(2026, 1, 5));
        Assert.That(Feel.Parse("today() > due + @\"P3D\"").Evaluate(scope), Is.SameAs(FeelBoolean.True));
    }

    [TestCase("day of week(date(2026, 1, 1))", "Thursday")]
    [TestCase("month of year(date(2026, 3, 1))", "March")]
    public void Names(string source, string expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [TestCase("day of year(date(2026, 2, 1))", 32)]
    [TestCase("week of year(date(2026, 1, 1))", 1)]
    [TestCase("week of year(date(2021, 1, 1))", 53)]
    [TestCase("week of year(date(2026, 12, 31))", 53)]
    public void Numbers(string source, int expected) => Assert.That(Run(source), Is.EqualTo((decimal)expected));
}
