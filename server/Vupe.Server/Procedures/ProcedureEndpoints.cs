namespace Vupe.Server.Procedures;

/// <summary>The procedures a case can be opened for: the latest version of each deployed process (<see cref="ProcedureCatalog"/>).</summary>
public static class ProcedureEndpoints
{
    public static void MapProcedureEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/procedures", (ProcedureCatalog catalog, CancellationToken ct) => catalog.LatestAsync(ct))
            .WithTags("Procedures").WithSummary("Procedures a case can be opened for (latest versions)");
    }
}

public sealed record ProcedureDto(string Key, string Name, int Version, DateTimeOffset DeployedAt);
