using Microsoft.Extensions.Options;
using Vupe.Engine;
using Vupe.Server.Hosting;
using Vupe.Workflows;

namespace Vupe.Server.Procedures;

/// <summary>
/// Deploys the VUPE catalogue (embedded in Vupe.Workflows) at start, plus any processes in
/// <see cref="ServerOptions.CatalogueDirectory"/> (an office's own procedures, test fixtures), as one
/// deployment. Unchanged files make no new version, so restarts are free; a broken file stops the
/// server with the engine's list of problems (element id and line) rather than serving half a
/// catalogue. Takes the engine's host, not the engine: hosted services are all created before any
/// starts, and the engine exists once its host has.
/// </summary>
public sealed class CatalogueDeployer(ProcessEngineHost engineHost, VupeCatalogue catalogue, IOptions<ServerOptions> options, ILogger<CatalogueDeployer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var resources = new List<DeploymentResource>(catalogue.Resources());
        if (options.Value.CatalogueDirectory is { } directory)
        {
            foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Where(IsCatalogueFile).Order(StringComparer.Ordinal))
                resources.Add(new DeploymentResource(Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken)));
        }
        var result = await engineHost.Engine.Repository.DeployAsync(VupeCatalogue.DeploymentName, resources, "system", cancellationToken);
        logger.LogInformation("Catalogue deployed: {New} new process versions ({Unchanged} unchanged), {NewResources} new decision and form versions ({UnchangedResources} unchanged)",
            result.Definitions.Count, result.Unchanged.Count, result.Resources.Count, result.UnchangedResources.Count);
    }

    private static bool IsCatalogueFile(string path) =>
        path.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".dmn", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(FormResourceKind.Extension, StringComparison.OrdinalIgnoreCase);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
