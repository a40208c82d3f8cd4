using Hangfire;
using Microsoft.Extensions.Options;
using Vupe.Server.Hosting;

namespace Vupe.Server.Portal;

/// <summary>The virtual window (Mi VUPE), registered with one call from <see cref="ServerSetup"/>: options, services, the citizens' scheme and the national identity provider's.</summary>
public static class PortalSetup
{
    public static IServiceCollection AddVupePortal(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(PortalOptions.Section);
        services.AddOptions<PortalOptions>().Bind(section)
            .Validate(o => o.SessionLifetime > TimeSpan.Zero && o.MaxFailedSignIns >= 1 && o.LockoutDuration > TimeSpan.Zero && o.Password.RequiredLength >= 8,
                "Vupe:Portal: SessionLifetime and LockoutDuration must be positive, MaxFailedSignIns at least 1, Password:RequiredLength at least 8.")
            .ValidateOnStart();
        services.AddScoped<CitizenAccounts>();
        services.AddScoped<CitizenCases>();
        services.AddScoped<CitizenFicha>();
        services.AddScoped<CitizenDataExport>();
        services.AddScoped<CitizenServices>();
        services.AddSingleton<PortalStartForms>();
        services.AddScoped<CitizenJobBank>();
        services.AddScoped<Companies.CompanyAccounts>();
        services.AddScoped<Companies.SunatCheck>();
        services.AddScoped<Companies.CompanyValidations>();
        services.AddScoped<Companies.CompanyVacancies>();
        services.AddScoped<JobBankMail>();
        services.AddScoped<CommunicationsConsent>();
        services.AddOptions<VacancyDigestOptions>().Bind(configuration.GetSection(VacancyDigestOptions.Section))
            .Validate(o => o.MaxVacancies >= 1 && o.BatchSize >= 1, "Vupe:VacancyDigest: MaxVacancies and BatchSize must be at least 1.")
            .ValidateOnStart();
        services.AddScoped<VacancyDigestScan>();
        services.AddTransient<VacancyDigestJob>();
        services.AddHostedService<VacancyDigestSchedule>();
        services.AddSingleton<PortalStyles>();
        var options = section.Get<PortalOptions>() ?? new PortalOptions();
        services.AddPortalAuthentication(options);
        services.AddPortalIdentityProvider(options.IdentityProvider);
        Companies.CompanyAuthentication.AddCompanyAuthentication(services, options);
        return services;
    }

    /// <summary>Registers (or removes, when disabled) the daily vacancy digest in Hangfire at start.</summary>
    private sealed class VacancyDigestSchedule(IRecurringJobManager jobs, IOptions<VacancyDigestOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.Enabled) jobs.AddOrUpdate<VacancyDigestJob>(VacancyDigestJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), options.Value.Cron);
            else jobs.RemoveIfExists(VacancyDigestJob.RecurringJobId);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
