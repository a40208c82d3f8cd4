using Vupe.JobBank.Classification;
using Vupe.Server.Parties;

namespace Vupe.Server.JobBank;

public static class JobBankSetup
{
    /// <summary>The job bank's services; register after the database initializer and the demo data, so the matching loads what they wrote.</summary>
    public static IServiceCollection AddJobBank(this IServiceCollection services)
    {
        services.AddSingleton(_ => OccupationCatalog.Load());
        services.AddSingleton<NationalMatching>();
        services.AddHostedService(sp => sp.GetRequiredService<NationalMatching>());
        services.AddScoped<VacancyService>();
        services.AddScoped<SeekerService>();
        services.AddScoped<IFichaObserver>(sp => sp.GetRequiredService<SeekerService>());
        services.AddScoped<MatchingService>();
        services.AddScoped<ReferralService>();
        services.AddScoped<PlacementFollowUps>();
        services.AddTransient<PlacementFollowUpRepairJob>();
        services.AddHostedService<PlacementFollowUpSchedule>();
        services.AddScoped<LabourMarketReport>();
        services.AddSingleton<Vupe.JobBank.Handlers.IJobBankDesk, JobBankDesk>();
        return services;
    }
}

/// <summary>Registers the hourly repair of follow-ups a stop left unopened (<see cref="PlacementFollowUps.RepairAsync"/>).</summary>
internal sealed class PlacementFollowUpSchedule(Hangfire.IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Hangfire.RecurringJobManagerExtensions.AddOrUpdate<PlacementFollowUpRepairJob>(jobs, PlacementFollowUpRepairJob.RecurringJobId,
            j => j.RunAsync(CancellationToken.None), Hangfire.Cron.Hourly());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
