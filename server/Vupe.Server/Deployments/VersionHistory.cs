using Vupe.Engine;

namespace Vupe.Server.Deployments;

/// <summary>
/// One version of a procedure, decision or form as the designer's versions page lists it: which deployment made it,
/// who deployed it and when; for procedures how many cases run and have ended on it (null for decisions and forms, whose
/// bindings are per case and not counted here); for decisions and forms the deployed file's name.
/// </summary>
public sealed record VersionRow(string Id, string Key, int Version, string? Name, Guid DeploymentId, string DeploymentName, string? DeployedBy,
    DateTimeOffset DeployedAt, int? RunningInstances, int? EndedInstances, string? FileName);

/// <summary>Every version of one key, newest first, with its deployment's name: the designer's versions page.</summary>
public sealed class VersionHistory(DeploymentService deployments, ProcessEngine engine)
{
    public async Task<List<VersionRow>> ProcessAsync(string key, CancellationToken ct)
    {
        var names = await DeploymentNamesAsync(ct);
        return [.. (await deployments.DefinitionsAsync(key, ct)).OrderByDescending(d => d.Version).Select(d => new VersionRow(d.Id, d.Key, d.Version, d.Name,
            d.DeploymentId, names.GetValueOrDefault(d.DeploymentId) ?? "—", d.DeployedBy, d.DeployedAt, d.RunningInstances, d.EndedInstances, null))];
    }

    /// <summary>The versions of a decision or form (<see cref="ResourceKinds"/>).</summary>
    public async Task<List<VersionRow>> ResourceAsync(string kind, string key, CancellationToken ct)
    {
        var all = await deployments.ListAsync(ct);
        var byId = all.ToDictionary(d => d.Id);
        return [.. (await engine.Repository.ListResourcesAsync(kind, key, ct)).OrderByDescending(r => r.Version).Select(r => new VersionRow(r.Id, r.Key, r.Version, r.Name,
            r.DeploymentId, byId.GetValueOrDefault(r.DeploymentId)?.Name ?? "—", byId.GetValueOrDefault(r.DeploymentId)?.DeployedBy, r.DeployedAt, null, null, r.ResourceName))];
    }

    private async Task<Dictionary<Guid, string>> DeploymentNamesAsync(CancellationToken ct) =>
        (await deployments.ListAsync(ct)).ToDictionary(d => d.Id, d => d.Name);
}
