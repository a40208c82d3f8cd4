using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vupe.Connectors.Http;
using Vupe.Connectors.Simulation;

namespace Vupe.Connectors;

public static class ConnectorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the six CUL connectors and SUNAT's taxpayer registry, configured from <paramref name="section"/> (normally
    /// <c>configuration.GetSection(VupeConnectorsOptions.SectionName)</c>), each as its simulator or its
    /// HTTP client according to its <c>Mode</c> (Simulator unless configured), plus the
    /// <see cref="SimulatorControl"/> singleton.
    /// </summary>
    public static IServiceCollection AddVupeConnectors(this IServiceCollection services, IConfiguration section,
        Action<VupeConnectorsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<VupeConnectorsOptions>().Bind(section);
        return services.AddVupeConnectors(configure);
    }

    /// <summary>As the configuration overload, with the options set in code (tests, samples).</summary>
    public static IServiceCollection AddVupeConnectors(this IServiceCollection services, Action<VupeConnectorsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<VupeConnectorsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        // A second call only adds configuration: registering the clients again would stack a second resilience pipeline on each.
        if (services.Any(d => d.ServiceType == typeof(ConnectorsRegistered)))
        {
            return services;
        }
        services.AddSingleton<ConnectorsRegistered>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VupeConnectorsOptions>, VupeConnectorsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SimulatorControl(sp.GetRequiredService<IOptions<VupeConnectorsOptions>>()));
        services.TryAddTransient<AttemptCountingHandler>();

        services.AddConnector<IIdentityRegistry, SimulatedIdentityRegistry, HttpIdentityRegistry>(ConnectorNames.Identity);
        services.AddConnector<IPoliceRecords, SimulatedPoliceRecords, HttpPoliceRecords>(ConnectorNames.PoliceRecords);
        services.AddConnector<IJudicialRecords, SimulatedJudicialRecords, HttpJudicialRecords>(ConnectorNames.JudicialRecords);
        services.AddConnector<IPenalRecords, SimulatedPenalRecords, HttpPenalRecords>(ConnectorNames.PenalRecords);
        services.AddConnector<IEducationRecords, SimulatedEducationRecords, HttpEducationRecords>(ConnectorNames.Education);
        services.AddConnector<IFormalEmploymentHistory, SimulatedFormalEmploymentHistory, HttpFormalEmploymentHistory>(ConnectorNames.Employment);
        services.AddConnector<ITaxpayerRegistry, SimulatedTaxpayerRegistry, HttpTaxpayerRegistry>(ConnectorNames.Taxpayers);
        return services;
    }

    /// <summary>
    /// Both implementations are registered; the interface picks one by Mode when resolved, so the choice
    /// follows the options however they were given (configuration, code or both).
    /// </summary>
    private static void AddConnector<TConnector, TSimulator, THttp>(this IServiceCollection services, string name)
        where TConnector : class
        where TSimulator : class, TConnector
        where THttp : class, TConnector
    {
        services.TryAddSingleton<TSimulator>();
        var client = services.AddHttpClient<THttp>(name)
            .ConfigureHttpClient((sp, http) =>
            {
                var options = ConnectorOptionsOf(sp, name);
                http.BaseAddress = WithTrailingSlash(options.BaseUrl!);
                // The resilience pipeline times each call; this only stops a body that never finishes arriving.
                http.Timeout = options.Timeout;
            });
        client.AddResilienceHandler("vupe-connector", (pipeline, context) =>
                ConnectorResilience.Configure(pipeline, name, ConnectorOptionsOf(context.ServiceProvider, name),
                    context.ServiceProvider.GetRequiredService<TimeProvider>(),
                    context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger($"Vupe.Connectors.{name}")));
        // Added after the resilience handler, so it sits inside it and sees every attempt.
        client.AddHttpMessageHandler<AttemptCountingHandler>();
        services.TryAddTransient<TConnector>(sp => ConnectorOptionsOf(sp, name).Mode == ConnectorMode.Http
            ? sp.GetRequiredService<THttp>()
            : sp.GetRequiredService<TSimulator>());
    }

    private sealed class ConnectorsRegistered;

    private static ConnectorOptions ConnectorOptionsOf(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptions<VupeConnectorsOptions>>().Value.For(name);

    // Without it, Uri resolution drops the base's last segment: https://host/reniec + personas/1 -> https://host/personas/1.
    private static Uri WithTrailingSlash(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
}
