namespace Vupe.Engine;

/// <summary>
/// A kind of file a deployment may hold beside its BPMN processes, registered by the host
/// (<see cref="ProcessEngineBuilder.AddResourceKind"/>): DMN decisions, form-js forms. The engine stores and versions
/// what the kind accepts; the kind says which keys a file defines, or why it is refused.
/// </summary>
public interface IResourceKind
{
    /// <summary>The kind's name, e.g. <see cref="ResourceKinds.Decision"/>.</summary>
    string Kind { get; }

    bool Accepts(string resourceName);

    /// <summary>The keys the file defines (a DMN file: its decisions; a form: its key), or its problems (element, line, message).</summary>
    ResourceCheck Check(string resourceName, string content);
}

/// <summary>The kinds of resource the engine itself refers to: business rule tasks reference decisions, user tasks forms.</summary>
public static class ResourceKinds
{
    public const string Decision = "decision";
    public const string Form = "form";
}

public sealed record ResourceKey(string Key, string? Name);

public sealed record ResourceCheck(IReadOnlyList<ResourceKey> Keys, IReadOnlyList<DeploymentProblem> Problems);

/// <summary>One version of a deployed decision or form.</summary>
public sealed record ResourceDefinitionInfo(string Id, string Kind, string Key, int Version, string? Name, Guid DeploymentId, string ResourceName, string Sha256,
    DateTimeOffset DeployedAt)
{
    internal static ResourceDefinitionInfo From(Persistence.ResourceDefinitionRecord r) =>
        new(r.Id, r.Kind, r.Key, r.Version, r.Name, r.DeploymentId, r.ResourceName, r.Sha256, r.DeployedAt);
}

/// <summary>A version of a decision or form with its file, as a case bound to it uses it.</summary>
public sealed record DeployedResource(string Kind, string Key, int Version, string ResourceName, string Content, string Sha256)
{
    internal static DeployedResource From(Persistence.ResourceDefinitionRecord r) => new(r.Kind, r.Key, r.Version, r.ResourceName, r.Content, r.Sha256);
}

/// <summary>What a business rule task asks the decision evaluator: the decision, and the deployed file of the version the case is bound to (null when none is deployed).</summary>
public sealed record DecisionRequest(string DecisionRef, DeployedResource? Resource);
