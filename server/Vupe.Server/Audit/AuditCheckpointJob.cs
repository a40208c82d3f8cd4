using Hangfire;
using Microsoft.Extensions.Options;

namespace Vupe.Server.Audit;

/// <summary>Writes a checkpoint (a Hangfire recurring job: one node at a time, every minute by default).</summary>
public sealed class AuditCheckpointJob(AuditAnchor anchor)
{
    public const string RecurringJobId = "audit-checkpoint";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task RunAsync(CancellationToken ct) => anchor.WriteCheckpointAsync(ct);
}

public static class AuditAnchorSetup
{
    public static IServiceCollection AddVupeAuditAnchor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditAnchorOptions>().Bind(configuration.GetSection(AuditAnchorOptions.Section));
        services.AddSingleton<AuditAnchor>();
        services.AddTransient<AuditCheckpointJob>();
        services.AddHostedService<CheckpointSchedule>();
        return services;
    }

    /// <summary>Registers the recurring checkpoint at start; at shutdown this node writes one more, so nothing it appended stays unanchored.</summary>
    private sealed class CheckpointSchedule(IRecurringJobManager jobs, IOptions<AuditAnchorOptions> options, AuditAnchor anchor, Data.DatabaseWriter writer,
        ILogger<CheckpointSchedule> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            jobs.AddOrUpdate<AuditCheckpointJob>(AuditCheckpointJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), options.Value.Cron);
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (!writer.IsAvailable) return;
            try
            {
                await anchor.WriteCheckpointAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next node's (or the next start's) checkpoint covers what this one could not.
                logger.LogWarning(e, "Could not write the audit checkpoint at shutdown");
            }
        }
    }
}
