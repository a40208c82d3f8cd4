namespace Vupe.Server.Notifications;

/// <summary>
/// Hangfire's entry point for the SLA scan: public because Hangfire invokes it; it resolves the internal scan from the
/// job's scope, so the scan's parts stay internal.
/// </summary>
public sealed class SlaScanJob(IServiceProvider services)
{
    public const string RecurringJobId = "sla-scan";

    public Task RunAsync(CancellationToken ct) => services.GetRequiredService<SlaScan>().RunAsync(ct);
}
