using Vupe.Engine;

namespace Vupe.Server.Deployments;

/// <summary>A version a deployment holds (process, decision or form): "id" is "key:version" for processes, "kind:key:version" otherwise.</summary>
public sealed record DeployedItemDto(string Id, string Key, int Version)
{
    public static DeployedItemDto From(ProcessDefinitionInfo p) => new(p.Id, p.Key, p.Version);
    public static DeployedItemDto From(ResourceDefinitionInfo r) => new(r.Id, r.Key, r.Version);
}

/// <summary>What a deployment made current: every file's key at the version that now applies (new or unchanged).</summary>
public sealed record DeploymentCreatedDto(Guid Id, IReadOnlyList<DeployedItemDto> Processes, IReadOnlyList<DeployedItemDto> Decisions, IReadOnlyList<DeployedItemDto> Forms,
    IReadOnlyList<string> Unchanged);

public sealed record DeploymentDto(Guid Id, string Name, DateTimeOffset DeployedAt, string? DeployedBy, IReadOnlyList<DeployedItemDto> Processes,
    IReadOnlyList<DeployedItemDto> Decisions, IReadOnlyList<DeployedItemDto> Forms, IReadOnlyList<string> Files)
{
    public static DeploymentDto From(DeploymentInfo d) => new(d.Id, d.Name, d.DeployedAt, d.DeployedBy, [.. d.Processes.Select(DeployedItemDto.From)],
        [.. d.Resources.Where(r => r.Kind == ResourceKinds.Decision).Select(DeployedItemDto.From)],
        [.. d.Resources.Where(r => r.Kind == ResourceKinds.Form).Select(DeployedItemDto.From)],
        [.. d.Processes.Select(p => p.ResourceName).Concat(d.Resources.Select(r => r.ResourceName)).Distinct().Order(StringComparer.Ordinal)]);
}

public sealed record ProcessDefinitionDto(string Id, string Key, int Version, string? Name, Guid DeploymentId, string? DeployedBy, DateTimeOffset DeployedAt,
    int RunningInstances, int EndedInstances);

/// <summary>One located problem of a refused deployment.</summary>
public sealed record DeploymentErrorDto(string File, string? ElementId, int? Line, string Message)
{
    /// <summary>The engine's problem as the API writes it (no line when the engine knows none).</summary>
    public static DeploymentErrorDto From(DeploymentProblem p) => new(p.Resource, p.ElementId, p.Line > 0 ? p.Line : null, p.Message);
}
