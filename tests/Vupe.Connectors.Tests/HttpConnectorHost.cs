using Microsoft.Extensions.DependencyInjection;

namespace Vupe.Connectors.Tests;

/// <summary>The connectors wired as an application would, all in Http mode against one fake back office, with short delays.</summary>
internal static class HttpConnectorHost
{
    public static ServiceProvider For(FakeBackOffice backOffice, Action<ConnectorOptions>? adjust = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVupeConnectors(options =>
        {
            foreach (var name in ConnectorNames.All)
            {
                var connector = options.For(name);
                connector.Mode = ConnectorMode.Http;
                connector.BaseUrl = backOffice.BaseUrl;
                connector.Timeout = TimeSpan.FromSeconds(5);
                connector.AttemptTimeout = TimeSpan.FromSeconds(2);
                connector.Retry.MaxRetries = 2;
                connector.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
                connector.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
                // High enough that only the breaker test opens it.
                connector.CircuitBreaker.MinimumThroughput = 100;
                adjust?.Invoke(connector);
            }
        });
        return services.BuildServiceProvider();
    }
}
