using Microsoft.Extensions.Options;
using Vupe.Connectors;

namespace Vupe.Server.Hosting;

/// <summary>
/// A production server never answers from the simulated RENIEC, police, judicial, penal, education or payroll
/// records: a CUL issued from invented records would be a false certificate. Every connector must be configured with
/// Mode Http there; the host refuses to start otherwise, naming the keys to set.
/// </summary>
internal sealed class ProductionConnectorCheck(IHostEnvironment environment) : IValidateOptions<VupeConnectorsOptions>
{
    public ValidateOptionsResult Validate(string? name, VupeConnectorsOptions options)
    {
        if (!environment.IsProduction()) return ValidateOptionsResult.Success;
        var simulated = ConnectorNames.All.Where(c => options.For(c).Mode == ConnectorMode.Simulator).ToList();
        return simulated.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"En producción los conectores no pueden usar simuladores; configure {string.Join(", ", simulated.Select(c => $"{VupeConnectorsOptions.SectionName}:{c}:Mode=Http"))} "
                + "con su BaseUrl (docs/connectors.md). / In Production connectors must not run on simulators.");
    }
}

internal static class ProductionConnectorCheckSetup
{
    public static IServiceCollection AddProductionConnectorCheck(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddSingleton<IValidateOptions<VupeConnectorsOptions>>(new ProductionConnectorCheck(environment));
        services.AddOptions<VupeConnectorsOptions>().ValidateOnStart();
        return services;
    }
}
