using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Vupe.Engine;

/// <summary>The engine in a .NET host (the VUPE server): one engine per host, started and stopped with it.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ProcessEngine"/> as a singleton. The engine is built when the host starts
    /// (store created or migrated, definitions loaded) and disposed when it stops; configure the
    /// store, handlers and scheduler on the builder. The host's logging is used unless set.
    /// </summary>
    public static IServiceCollection AddVupeEngine(this IServiceCollection services, Action<IServiceProvider, ProcessEngineBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton(sp => new ProcessEngineHost(sp, configure));
        services.AddHostedService(sp => sp.GetRequiredService<ProcessEngineHost>());
        services.AddSingleton(sp => sp.GetRequiredService<ProcessEngineHost>().Engine);
        return services;
    }
}

/// <summary>Builds the engine when the host starts; <see cref="Engine"/> is available from then on.</summary>
public sealed class ProcessEngineHost(IServiceProvider services, Action<IServiceProvider, ProcessEngineBuilder> configure) : IHostedService
{
    private ProcessEngine? _engine;

    public ProcessEngine Engine => _engine
        ?? throw new InvalidOperationException("The process engine starts with the host: it is not available before IHost.StartAsync has run.");

    /// <summary>The engine once started; null before (start-up work that runs first, such as migrations, checks this).</summary>
    public ProcessEngine? StartedEngine => _engine;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = new ProcessEngineBuilder();
        if (services.GetService<ILoggerFactory>() is { } logging) builder.UseLogging(logging);
        configure(services, builder);
        _engine = await builder.BuildAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_engine is not null) await _engine.DisposeAsync();
    }
}
