using Vupe.Engine;

namespace Vupe.Server.Procedures;

/// <summary>The procedures a case can be opened for: the latest version of each deployed process.</summary>
public static class ProcedureEndpoints
{
    public static void MapProcedureEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/procedures", async (ProcessEngine engine, CancellationToken ct) =>
        {
            var definitions = await engine.Repository.ListDefinitionsAsync(ct: ct);
            return definitions.GroupBy(d => d.Key)
                .Select(g => g.MaxBy(d => d.Version)!)
                .OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => new ProcedureDto(d.Key, d.Name ?? d.Key, d.Version, d.DeployedAt))
                .ToList();
        }).WithTags("Procedures").WithSummary("Procedures a case can be opened for (latest versions)");
    }
}

public sealed record ProcedureDto(string Key, string Name, int Version, DateTimeOffset DeployedAt);
