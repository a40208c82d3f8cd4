using Vupe.Engine;

namespace Vupe.Server.Procedures;

/// <summary>Procedures by the names users know them by ("Derivación a un servicio"); a key not deployed here as it is.</summary>
public sealed class ProcedureNames(IReadOnlyDictionary<string, string> byKey)
{
    public static readonly ProcedureNames None = new(new Dictionary<string, string>());

    public string Of(string? key) => key is null ? "—" : byKey.TryGetValue(key, out var name) ? name : key;
}

/// <summary>The deployed procedures as the API and the pages list them.</summary>
public sealed class ProcedureCatalog(ProcessEngine engine)
{
    /// <summary>Each procedure's name (its latest version's), for pages that show names instead of keys.</summary>
    public async Task<ProcedureNames> NamesAsync(CancellationToken ct) =>
        new((await LatestAsync(ct)).ToDictionary(p => p.Key, p => p.Name, StringComparer.Ordinal));

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
