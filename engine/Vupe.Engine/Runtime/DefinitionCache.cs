using Vupe.Engine.Model;
using Vupe.Engine.Parsing;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime;

internal sealed record DeployedProcess(ProcessDefinitionRecord Record, ProcessModel Model);

/// <summary>
/// Parsed process definitions by id, so that each BPMN file is parsed once per engine. Misses reload
/// from the store: another server node may have deployed since.
/// </summary>
internal sealed class DefinitionCache(IEngineStore store)
{
    private readonly Lock _gate = new();
    private Dictionary<string, DeployedProcess> _byId = new(StringComparer.Ordinal);

    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var session = store.OpenSession();
        var records = await session.LoadDefinitionsAsync(ct);
        var parser = new BpmnParser();
        var loaded = new Dictionary<string, DeployedProcess>(StringComparer.Ordinal);
        foreach (var group in records.GroupBy(r => (r.DeploymentId, r.ResourceName)))
        {
            var parsed = parser.Parse(group.Key.ResourceName, group.First().Xml);
            foreach (var record in group)
            {
                var model = parsed.Processes.FirstOrDefault(p => p.Id == record.Key)
                    ?? throw new InvalidStateException(StateText.DefinitionUnparsable(record.Id, string.Join("; ", parsed.Problems)));
                loaded[record.Id] = _byId.GetValueOrDefault(record.Id) ?? new DeployedProcess(record, model);
            }
        }
        lock (_gate) Volatile.Write(ref _byId, loaded);
    }

    public void Add(DeployedProcess process)
    {
        lock (_gate) Volatile.Write(ref _byId, new Dictionary<string, DeployedProcess>(_byId, StringComparer.Ordinal) { [process.Record.Id] = process });
    }

    // Readers take the current dictionary without locking: writers replace it whole.
    private Dictionary<string, DeployedProcess> Snapshot => Volatile.Read(ref _byId);

    public async ValueTask<DeployedProcess> GetAsync(string id, CancellationToken ct)
    {
        if (Snapshot.TryGetValue(id, out var found)) return found;
        await ReloadAsync(ct);
        return Snapshot.TryGetValue(id, out found) ? found : throw new NotFoundException($"Process definition '{id}' is not deployed.");
    }

    public async ValueTask<DeployedProcess?> FindLatestAsync(string key, CancellationToken ct) =>
        Latest(key) ?? (await ReloadThen(ct, () => Latest(key)));

    public async ValueTask<DeployedProcess?> FindAsync(string key, int version, CancellationToken ct) =>
        Snapshot.GetValueOrDefault($"{key}:{version}") ?? await ReloadThen(ct, () => Snapshot.GetValueOrDefault($"{key}:{version}"));

    public async ValueTask<DeployedProcess?> FindInDeploymentAsync(string key, Guid deploymentId, CancellationToken ct)
    {
        DeployedProcess? Find() => Snapshot.Values.Where(d => d.Record.Key == key && d.Record.DeploymentId == deploymentId).MaxBy(d => d.Record.Version);
        return Find() ?? await ReloadThen(ct, Find);
    }

    private DeployedProcess? Latest(string key)
    {
        DeployedProcess? latest = null;
        foreach (var d in Snapshot.Values)
            if (d.Record.Key == key && (latest is null || d.Record.Version > latest.Record.Version)) latest = d;
        return latest;
    }

    private async ValueTask<DeployedProcess?> ReloadThen(CancellationToken ct, Func<DeployedProcess?> find)
    {
        await ReloadAsync(ct);
        return find();
    }

    /// <summary>The newest version of every process key: the ones whose message, signal and timer start events listen.</summary>
    public IEnumerable<DeployedProcess> LatestVersions() =>
        Snapshot.Values.GroupBy(d => d.Record.Key).Select(g => g.MaxBy(d => d.Record.Version)!);
}
