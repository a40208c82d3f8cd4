using Vupe.Engine.Model;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime;

/// <summary>
/// The deployed decisions and forms by kind, key and version, read once and kept up to date by deployments, so that
/// binding a starting case to the latest versions costs no query.
/// </summary>
internal sealed class ResourceCache(IEngineStore store)
{
    // Readers take the dictionary without a lock; writers replace it whole under the gate, so two deployments (or a
    // deployment and a reload that read the store before it committed) never drop each other's versions. Deployed
    // versions are never removed, so merging is always right.
    private readonly Lock _gate = new();
    private Dictionary<(string Kind, string Key), List<ResourceDefinitionRecord>> _byKey = [];

    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var session = store.OpenSession();
        Add(await session.LoadResourcesAsync(ct));
    }

    public void Add(IEnumerable<ResourceDefinitionRecord> records)
    {
        lock (_gate)
        {
            var copy = new Dictionary<(string, string), List<ResourceDefinitionRecord>>(_byKey);
            foreach (var record in records)
                copy[(record.Kind, record.Key)] = [.. (copy.GetValueOrDefault((record.Kind, record.Key)) ?? []).Where(r => r.Version != record.Version).Append(record).OrderBy(r => r.Version)];
            Volatile.Write(ref _byKey, copy);
        }
    }

    public IReadOnlyList<ResourceDefinitionRecord> All => [.. Volatile.Read(ref _byKey).Values.SelectMany(v => v)];

    public ResourceDefinitionRecord? Latest(string kind, string key) => Volatile.Read(ref _byKey).GetValueOrDefault((kind, key))?.LastOrDefault();

    public ResourceDefinitionRecord? Find(string kind, string key, int version) =>
        Volatile.Read(ref _byKey).GetValueOrDefault((kind, key))?.FirstOrDefault(r => r.Version == version);

    /// <summary>
    /// The versions a case of this process binds to when it starts: the latest of every decision its business rule
    /// tasks and every form its user tasks reference ("decision:key" → version). Keys with nothing deployed are left
    /// out (the host's own lookup applies to them).
    /// </summary>
    /// <remarks>
    /// An element may pin its resource (vupe:decisionBinding / vupe:formBinding): "deployment" takes the version deployed
    /// with the process (<paramref name="deploymentId"/>), "version" a given one; a pin that names nothing deployed is
    /// bound to version 0 (none), so the element finds nothing rather than the latest version, and says so when reached.
    /// </remarks>
    public Dictionary<string, int>? BindingsFor(ProcessModel model, Guid deploymentId)
    {
        Dictionary<string, int>? bindings = null;
        foreach (var element in model.ElementsById.Values)
        {
            var (kind, key, binding, version) = element switch
            {
                BusinessRuleTask b => (ResourceKinds.Decision, b.DecisionRef, b.Binding, b.BoundVersion),
                UserTask { FormKey: { } form } u => (ResourceKinds.Form, form, u.FormBinding, u.FormVersion),
                StartEvent { FormKey: { } form } s => (ResourceKinds.Form, form, s.FormBinding, s.FormVersion),
                _ => (null, null, CallBinding.Latest, null),
            };
            if (kind is null || key is null) continue;
            var chosen = Choose(kind, key, binding, version, deploymentId);
            if (chosen is null && binding == CallBinding.Latest) continue;
            (bindings ??= new Dictionary<string, int>(StringComparer.Ordinal))[BindingKey(kind, key)] = chosen?.Version ?? 0;
        }
        return bindings;
    }

    /// <summary>The version an element's binding names: the one deployed with the process, a given one, or the latest.</summary>
    public ResourceDefinitionRecord? Choose(string kind, string key, CallBinding binding, int? version, Guid deploymentId) => binding switch
    {
        CallBinding.Deployment => Volatile.Read(ref _byKey).GetValueOrDefault((kind, key))?.LastOrDefault(r => r.DeploymentId == deploymentId),
        CallBinding.Version when version is { } v => Find(kind, key, v),
        _ => Latest(kind, key),
    };

    public static string BindingKey(string kind, string key) => $"{kind}:{key}";

    /// <summary>The version a case is bound to (null if that version is not deployed), else — nothing was deployed when it started — the latest.</summary>
    public ResourceDefinitionRecord? Resolve(InstanceState state, string kind, string key) =>
        state.Bindings?.TryGetValue(BindingKey(kind, key), out var version) == true ? Find(kind, key, version) : Latest(kind, key);
}
