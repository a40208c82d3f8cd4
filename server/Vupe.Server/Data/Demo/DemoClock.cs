namespace Vupe.Server.Data.Demo;

/// <summary>
/// The server's clock on a development server that seeds demo data: the system's time plus an offset the demo seeder
/// sets while it writes a few months of history, so cases, tasks and audit entries carry the dates they would have had.
/// The offset is zero outside seeding, which runs before the server listens; production and tests use the plain clock.
/// </summary>
public sealed class DemoClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;
}
