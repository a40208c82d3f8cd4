using Hangfire;
using Microsoft.Extensions.Options;
using Vupe.Server.Hosting;

namespace Vupe.Server.Notifications;

/// <summary>Email and the SLA scan: the server's notifications, registered with one call from <see cref="ServerSetup"/>.</summary>
public static class NotificationsSetup
{
    public static IServiceCollection AddVupeNotifications(this IServiceCollection services, IConfiguration configuration, ServerOptions server)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section))
            .PostConfigure(o => o.PickupDirectory ??= Path.Combine(server.DataDirectory, "correo"))
            .Validate(o => Enum.TryParse<MailKit.Security.SecureSocketOptions>(o.Security, ignoreCase: true, out _), "Vupe:Mail:Security must be None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect.")
            .ValidateOnStart();
        services.AddOptions<SlaOptions>().Bind(configuration.GetSection(SlaOptions.Section))
            .Validate(o => o.WarningWindow >= TimeSpan.Zero && o.WarningFraction is >= 0 and <= 1 && o.BatchSize >= 1 && o.MaxAttempts >= 1,
                "Vupe:Sla: WarningWindow must not be negative, WarningFraction between 0 and 1, BatchSize and MaxAttempts at least 1.")
            .ValidateOnStart();
        // SMTP when a host is configured; otherwise the pickup folder, so development shows every mail as a file.
        services.AddSingleton<IMailSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.SmtpHost)
            ? ActivatorUtilities.CreateInstance<PickupFolderMailSender>(sp)
            : ActivatorUtilities.CreateInstance<SmtpMailSender>(sp));
        services.AddSingleton<NotificationLinks>();
        services.AddSingleton<SlaMails>();
        services.AddSingleton<SlaRecipients>();
        services.AddSingleton<SlaEscalation>();
        services.AddScoped<SlaScan>();
        services.AddTransient<SlaScanJob>();
        services.AddHostedService<SlaScanSchedule>();
        services.AddOptions<CitizenNoticeOptions>().Bind(configuration.GetSection(CitizenNoticeOptions.Section))
            .Validate(o => o.Lookback > TimeSpan.Zero && o.CommitLag >= TimeSpan.Zero && o.BatchSize >= 1 && o.MaxAttempts >= 1,
                "Vupe:CitizenNotices: Lookback must be positive, CommitLag not negative, BatchSize and MaxAttempts at least 1.")
            .ValidateOnStart();
        services.AddSingleton<CitizenNoticeWatermark>();
        services.AddScoped<CitizenNoticeScan>();
        services.AddTransient<CitizenNoticeScanJob>();
        services.AddHostedService<CitizenNoticeSchedule>();
        return services;
    }

    /// <summary>Registers (or removes, when disabled) the recurring scan in Hangfire at start.</summary>
    private sealed class SlaScanSchedule(IRecurringJobManager jobs, IOptions<SlaOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.Enabled) jobs.AddOrUpdate<SlaScanJob>(SlaScanJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), options.Value.ScanCron);
            else jobs.RemoveIfExists(SlaScanJob.RecurringJobId);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class CitizenNoticeSchedule(IRecurringJobManager jobs, IOptions<CitizenNoticeOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.Enabled) jobs.AddOrUpdate<CitizenNoticeScanJob>(CitizenNoticeScanJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), options.Value.ScanCron);
            else jobs.RemoveIfExists(CitizenNoticeScanJob.RecurringJobId);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
