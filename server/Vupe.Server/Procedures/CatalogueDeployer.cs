using Microsoft.Extensions.Options;
using Vupe.Engine;
using Vupe.Server.Hosting;

namespace Vupe.Server.Procedures;

/// <summary>
/// Deploys the VUPE catalogue's processes at start, as one deployment. Unchanged files make no new
/// version, so restarts are free; a broken file stops the server with the engine's list of problems
/// (element id and line) rather than serving half a catalogue. Takes the engine's host, not the
/// engine: hosted services are all created before any starts, and the engine exists once its host has.
/// </summary>
public sealed class CatalogueDeployer(ProcessEngineHost engineHost, IOptions<ServerOptions> options, ILogger<CatalogueDeployer> logger) : IHostedService
{
    public static string ResolveDirectory(ServerOptions options) =>
        options.CatalogueDirectory ?? Path.Combine(AppContext.BaseDirectory, "catalogue");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = ResolveDirectory(options.Value);
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0)
        {
            logger.LogWarning("No processes to deploy in {Directory}", directory);
            return;
        }
        var resources = new List<DeploymentResource>();
        foreach (var file in files)
            resources.Add(new DeploymentResource(Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken)));
        var result = await engineHost.Engine.Repository.DeployAsync("vupe-catalogue", resources, "system", cancellationToken);
        logger.LogInformation("Catalogue deployed from {Directory}: {New} new process versions, {Unchanged} unchanged",
            directory, result.Definitions.Count, result.Unchanged.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
