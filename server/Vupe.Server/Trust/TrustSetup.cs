using Microsoft.Extensions.Options;
using Vupe.Server.Hosting;

namespace Vupe.Server.Trust;

/// <summary>One-time codes, their SMS transport and the per-key attempt guard, registered with one call from <see cref="ServerSetup"/>.</summary>
public static class TrustSetup
{
    public static IServiceCollection AddVupeTrust(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, ServerOptions server)
    {
        services.AddOptions<OneTimeCodeOptions>().Bind(configuration.GetSection(OneTimeCodeOptions.Section))
            .PostConfigure(o => o.PepperFile ??= Path.Combine(server.DataDirectory, "one-time-codes.pepper"))
            .Validate(o => o.Lifetime > TimeSpan.Zero && o.MaxAttempts >= 1, "Vupe:OneTimeCodes: Lifetime must be positive and MaxAttempts at least 1.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OneTimeCodeOptions>>(new PepperCheck(environment));
        services.AddSingleton<CodePepper>();
        services.AddOptions<SmsOptions>().Bind(configuration.GetSection(SmsOptions.Section))
            .PostConfigure(o => o.OutboxDirectory ??= Path.Combine(server.DataDirectory, "sms"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmsOptions>>(new ProductionSmsCheck(environment));
        services.AddHttpClient<HttpSmsSender>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<SmsOptions>>().Value.Timeout);
        services.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<IOptions<SmsOptions>>().Value.Mode == SmsMode.Http
            ? sp.GetRequiredService<HttpSmsSender>()
            : ActivatorUtilities.CreateInstance<SimulatedSmsSender>(sp));
        services.AddSingleton<OneTimeCodes>();
        services.AddSingleton<AttemptGuard>();
        return services;
    }
}
