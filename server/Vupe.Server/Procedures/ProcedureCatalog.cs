using Vupe.Engine;

namespace Vupe.Server.Procedures;

/// <summary>The deployed procedures as the API and the pages list them.</summary>
public sealed class ProcedureCatalog(ProcessEngine engine)
{
    /// <summary>Each procedure's name (its latest version's) by key, for pages that show names instead of keys.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken ct) =>
        (await LatestAsync(ct)).ToDictionary(p => p.Key, p => p.Name, StringComparer.Ordinal);

    /// <summary>The latest version of each deployed process, by key.</summary>
    public async Task<List<ProcedureDto>> LatestAsync(CancellationToken ct)
    {
        var definitions = await engine.Repository.ListDefinitionsAsync(ct: ct);
        return [.. definitions.GroupBy(d => d.Key)
            .Select(g => g.MaxBy(d => d.Version)!)
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => new ProcedureDto(d.Key, d.Name ?? d.Key, d.Version, d.DeployedAt))];
    }
}
