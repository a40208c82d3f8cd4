using Vupe.Engine;

namespace Vupe.Server.Deployments;

/// <summary>One deployed version of a form: who deployed it, when, in which deployment.</summary>
public sealed record FormVersionDto(int Version, Guid DeploymentId, string? DeployedBy, DateTimeOffset DeployedAt);

/// <summary>A form key with its deployed versions, oldest first.</summary>
public sealed record FormDefinitionDto(string Key, IReadOnlyList<FormVersionDto> Versions);

/// <summary>
/// The deployed forms (form-js .form.json resources of the engine) as the designer's form editor reads them: every key
/// with its versions, and one version's schema exactly as deployed, so what the editor opens is what tasks show.
/// Deploying stays <see cref="DeploymentService"/>'s job.
/// </summary>
public sealed class FormDesign(ProcessEngine engine, DeploymentService deployments)
{
    public async Task<List<FormDefinitionDto>> ListAsync(CancellationToken ct)
    {
        var versions = await engine.Repository.ListResourcesAsync(ResourceKinds.Form, ct: ct);
        var deployedBy = await deployments.DeployersAsync(ct);
        return [.. versions.GroupBy(v => v.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FormDefinitionDto(g.Key, [.. g.OrderBy(v => v.Version)
                .Select(v => new FormVersionDto(v.Version, v.DeploymentId, deployedBy.GetValueOrDefault(v.DeploymentId), v.DeployedAt))]))];
    }

    /// <summary>The schema of the given version of a form, or of its latest one; <see cref="NotFoundException"/> when it was never deployed.</summary>
    public Task<DeployedResource> GetAsync(string key, int? version, CancellationToken ct) =>
        deployments.ResourceAsync(ResourceKinds.Form, key, version, ct);
}
