using System.Collections.Concurrent;
using Vupe.Engine;

namespace Vupe.Dmn;

/// <summary>
/// DMN files as deployable resources of the engine: each decision of a file is versioned under its id (else its
/// name); a file that does not parse is refused whole with one problem per error (decision, rule, column).
/// </summary>
public sealed class DmnResourceKind : IResourceKind
{
    public string Kind => ResourceKinds.Decision;

    public bool Accepts(string resourceName) => resourceName.EndsWith(".dmn", StringComparison.OrdinalIgnoreCase);

    public ResourceCheck Check(string resourceName, string content)
    {
        try
        {
            var definitions = DmnParser.Parse(content);
            return new ResourceCheck([.. definitions.Decisions.Select(d => new ResourceKey(d.Id ?? d.Name, d.Name))], []);
        }
        catch (DmnModelException e)
        {
            return new ResourceCheck([], [.. e.Errors.Select(error => new DeploymentProblem(resourceName, null, 0, error))]);
        }
    }
}

/// <summary>Deployed DMN files parsed once each, by content hash: a decision's versions share nothing but what is equal.</summary>
internal static class DeployedDmnFiles
{
    private static readonly ConcurrentDictionary<string, DmnDefinitions> Parsed = new(StringComparer.Ordinal);

    public static DmnDefinitions Of(DeployedResource resource) => Parsed.GetOrAdd(resource.Sha256, _ => DmnParser.Parse(resource.Content));
}
