using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Problems;

namespace Vupe.Server.Deployments;

/// <summary>
/// Deployments as data, for the API and the designer: deploy a set of .bpmn, .dmn and .form.json files (all or
/// nothing; unchanged files make no new version), list deployments and their files, and the process definitions with
/// their running and ended instances. National procedures are deployed by national supervisors and admins; every
/// deployment is written in the catalogue's audit trail.
/// </summary>
public sealed class DeploymentService(ProcessEngine engine, CaseAccess access, AuditLog audit)
{
    public const long MaxFileBytes = 2 * 1024 * 1024;
    public const int MaxFiles = 100;

    /// <summary>National procedures are deployed by national supervisors and admins; office supervisors draft and validate.</summary>
    public static bool MayDeploy(UserScope user) => user.Is(Roles.Admin) || (user.Is(Roles.Supervisor) && user.IsNational);

    public async Task<DeploymentCreatedDto> DeployAsync(string? name, IReadOnlyList<DeploymentResource> files, CancellationToken ct)
    {
        var user = access.Scope;
        if (!MayDeploy(user)) throw new AccessDeniedException("Solo los supervisores nacionales y los administradores despliegan procedimientos.");
        var errors = new FieldErrors();
        if (files.Count == 0) errors.Add("files", "Adjunte al menos un archivo (.bpmn, .dmn o .form.json).");
        if (files.Count > MaxFiles) errors.Add("files", $"Como máximo {MaxFiles} archivos por despliegue.");
        foreach (var duplicate in files.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add("files", $"El archivo {duplicate.Key} está repetido.");
        var label = errors.Text("name", name, 100, required: false) ?? $"despliegue de {user.UserName}";
        errors.ThrowIfAny();

        var result = await engine.Repository.DeployAsync(label, files, user.UserName, ct);
        var resources = result.Resources.Concat(result.UnchangedResources).ToList();
        var created = new DeploymentCreatedDto(result.DeploymentId,
            [.. result.Definitions.Concat(result.Unchanged).Select(DeployedItemDto.From)],
            [.. resources.Where(r => r.Kind == ResourceKinds.Decision).Select(DeployedItemDto.From)],
            [.. resources.Where(r => r.Kind == ResourceKinds.Form).Select(DeployedItemDto.From)],
            [.. result.Unchanged.Select(p => p.Id).Concat(result.UnchangedResources.Select(r => r.Id))]);
        await audit.AppendAsync(AuditTrails.Catalogue, "deployment.created", new
        {
            deploymentId = result.DeploymentId, name = label, files = files.Select(f => f.Name),
            created = result.Definitions.Select(p => p.Id).Concat(result.Resources.Select(r => r.Id)),
        }, ct);
        return created;
    }

    /// <summary>What deploying these files would refuse (the engine's own deploy-time checks), without storing anything: the designer's "Validar".</summary>
    public IReadOnlyList<DeploymentErrorDto> Validate(IReadOnlyList<DeploymentResource> files) => files.Count == 0 ? [] :
        [.. engine.Repository.Validate(files).Select(DeploymentErrorDto.From)];

    public async Task<List<DeploymentDto>> ListAsync(CancellationToken ct) => [.. (await engine.Repository.ListDeploymentsAsync(ct)).Select(DeploymentDto.From)];

    public async Task<DeploymentDto> GetAsync(Guid id, CancellationToken ct) =>
        (await engine.Repository.ListDeploymentsAsync(ct)).FirstOrDefault(d => d.Id == id) is { } found
            ? DeploymentDto.From(found)
            : throw new NotFoundException($"Deployment {id} does not exist.");

    public async Task<DeploymentResource> FileAsync(Guid id, string name, CancellationToken ct) =>
        await engine.Repository.GetDeploymentFileAsync(id, name, ct) ?? throw new NotFoundException($"Deployment {id} has no file {name}.");

    /// <summary>Who made each deployment, by id: one read for a whole list of versions.</summary>
    public async Task<Dictionary<Guid, string?>> DeployersAsync(CancellationToken ct) =>
        (await engine.Repository.ListDeploymentsAsync(ct)).ToDictionary(d => d.Id, d => d.DeployedBy);

    /// <summary>
    /// A deployed decision or form file (<see cref="ResourceKinds"/>): the given version, or the latest. Listing first
    /// reloads the repository's view, so a version another server node just deployed is found too.
    /// </summary>
    public async Task<DeployedResource> ResourceAsync(string kind, string key, int? version, CancellationToken ct)
    {
        await engine.Repository.ListResourcesAsync(kind, key, ct);
        return engine.Repository.FindResource(kind, key, version)
            ?? throw new NotFoundException(version is { } v ? $"The {kind} '{key}' has no version {v}." : $"No {kind} '{key}' is deployed.");
    }

    public async Task<List<ProcessDefinitionDto>> DefinitionsAsync(string? key, CancellationToken ct)
    {
        var definitions = await engine.Repository.ListDefinitionsAsync(string.IsNullOrWhiteSpace(key) ? null : key.Trim(), ct);
        var counts = await engine.Repository.CountInstancesAsync(ct);
        var deployedBy = await DeployersAsync(ct);
        return [.. definitions.Select(d =>
        {
            var count = counts.GetValueOrDefault(d.Id) ?? new DefinitionInstanceCounts(0, 0);
            return new ProcessDefinitionDto(d.Id, d.Key, d.Version, d.Name, d.DeploymentId, deployedBy.GetValueOrDefault(d.DeploymentId), d.DeployedAt, count.Running, count.Ended);
        })];
    }

    public Task<string> DefinitionXmlAsync(string id, CancellationToken ct) => engine.Repository.GetDefinitionXmlAsync(id, ct);
}
