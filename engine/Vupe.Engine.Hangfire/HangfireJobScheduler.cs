using Hangfire;

namespace Vupe.Engine.Hangfire;

/// <summary>
/// The engine's scheduler port on Hangfire: each engine job becomes one Hangfire job scheduled for
/// its due time. Several server nodes can share one Hangfire storage; the engine's optimistic
/// concurrency makes a job that two nodes run at once apply only once.
/// </summary>
public sealed class HangfireJobScheduler(IBackgroundJobClient client) : IJobScheduler
{
    public void JobsCreated(IReadOnlyList<ScheduledJob> jobs)
    {
        foreach (var job in jobs)
            client.Schedule<EngineJobRunner>(runner => runner.RunAsync(job.JobId, CancellationToken.None), RoundUpToSecond(job.DueAt));
    }

    // Hangfire keeps scheduled times in whole seconds, rounded down; a job woken before it is due
    // would find nothing to do.
    private static DateTimeOffset RoundUpToSecond(DateTimeOffset at) =>
        at.UtcTicks % TimeSpan.TicksPerSecond == 0 ? at : new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond + TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>
    /// A safety net: every minute, run whatever is due (a job created just before a crash, before
    /// Hangfire heard of it, is still in the engine's table).
    /// </summary>
    public static void AddDueJobsSweep(IRecurringJobManager recurring, string cron = "* * * * *") =>
        recurring.AddOrUpdate<EngineJobRunner>("vupe-engine-due-jobs", runner => runner.RunDueAsync(CancellationToken.None), cron);
}

/// <summary>What Hangfire runs: one engine job, or a sweep of due jobs. Hangfire's own retries are off: the engine counts attempts and raises incidents.</summary>
public sealed class EngineJobRunner(ProcessEngine engine)
{
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(Guid jobId, CancellationToken ct) => engine.Management.ExecuteJobAsync(jobId, ct);

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task RunDueAsync(CancellationToken ct) => engine.Management.ExecuteAllDueJobsAsync(ct: ct);
}
