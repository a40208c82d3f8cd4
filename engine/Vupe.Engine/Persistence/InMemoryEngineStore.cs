using System.Collections.Concurrent;

namespace Vupe.Engine.Persistence;

/// <summary>
/// Keeps everything in process memory: for the engine used as a library, tests and benchmarks.
/// Sessions read copies and commit under one lock with version checks, so a failed command
/// leaves the committed state untouched, as with a database.
/// </summary>
public sealed class InMemoryEngineStore(bool retainCompleted = true) : IEngineStore
{
    /// <summary>
    /// With false, a process instance is forgotten (with its history, and its case once closed) as
    /// soon as it ends, as a library without a database would: memory stays flat over millions of
    /// short instances. Queries then no longer find ended instances.
    /// </summary>
    public bool RetainCompleted { get; } = retainCompleted;

    internal readonly Lock Gate = new();
    internal readonly Dictionary<Guid, DeploymentRecord> Deployments = [];
    internal readonly Dictionary<string, ProcessDefinitionRecord> Definitions = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, ResourceDefinitionRecord> Resources = new(StringComparer.Ordinal);
    internal readonly Dictionary<Guid, CaseFileRecord> Cases = [];
    internal readonly Dictionary<string, Guid> CaseNumbers = new(StringComparer.Ordinal);
    internal readonly Dictionary<Guid, ProcessInstanceRecord> Instances = [];
    internal readonly Dictionary<Guid, UserTaskRecord> Tasks = [];
    internal readonly Dictionary<Guid, JobRecord> Jobs = [];
    internal readonly Dictionary<Guid, IncidentRecord> Incidents = [];
    internal readonly Dictionary<Guid, EventSubscriptionRecord> Subscriptions = [];
    internal readonly Dictionary<Guid, BufferedMessageRecord> Messages = [];
    internal readonly InMemoryHistory History = new();
    private readonly ConcurrentDictionary<(string, int), long> _sequences = new();

    public Task InitializeAsync(CancellationToken ct = default) => Task.CompletedTask;

    public IEngineSession OpenSession() => new InMemorySession(this);

    public Task<long> NextCaseSequenceAsync(string officeCode, int year, CancellationToken ct = default) =>
        Task.FromResult(_sequences.AddOrUpdate((officeCode, year), 1, (_, n) => n + 1));

    internal T Read<T>(Func<T> read)
    {
        lock (Gate) return read();
    }

    internal void Apply(List<(object Record, ChangeKind Kind)> changes, ArraySegment<(Guid InstanceId, HistoryRow Row)> history = default)
    {
        lock (Gate)
        {
            foreach (var (record, kind) in changes) Check(record, kind);
            for (var i = 0; i < changes.Count; i++)
            {
                var (record, kind) = changes[i];
                if (kind == ChangeKind.Discarded) continue;
                if (kind == ChangeKind.Updated) Versioned.Increment(record);
                if (record is HistoryEventRecord row) Append(row, changes, i);
                else Write(record, kind);
            }
            for (var i = 0; i < history.Count; i++) Append(history, i);
            if (RetainCompleted) PackEnded(changes);
            else ForgetEnded(changes);
        }
    }

    private void Check(object record, ChangeKind kind)
    {
        if (kind is ChangeKind.Added or ChangeKind.Discarded) return;
        var (storedVersion, version, what) = record switch
        {
            ProcessInstanceRecord r => (Instances.GetValueOrDefault(r.Id)?.Version, r.Version, $"process instance {r.Id}"),
            UserTaskRecord r => (Tasks.GetValueOrDefault(r.Id)?.Version, r.Version, $"task {r.Id}"),
            JobRecord r => (Jobs.GetValueOrDefault(r.Id)?.Version, r.Version, $"job {r.Id}"),
            CaseFileRecord r => (Cases.GetValueOrDefault(r.Id)?.Version, r.Version, $"case {r.CaseNumber}"),
            _ => ((long?)0, 0L, ""),
        };
        if (storedVersion != version)
            throw new ConflictException($"The {what} was changed or removed by someone else; reload and try again.");
    }

    private void Write(object record, ChangeKind kind)
    {
        switch (record)
        {
            case DeploymentRecord r: Deployments[r.Id] = r; break;
            case ProcessDefinitionRecord r: Definitions[r.Id] = r; break;
            case ResourceDefinitionRecord r: Resources[r.Id] = r; break;
            // The committing session is finished with these objects, so they are stored as they are;
            // every later read gets a copy.
            case CaseFileRecord r: Set(Cases, r.Id, r, kind); if (kind == ChangeKind.Added) CaseNumbers[r.CaseNumber] = r.Id; break;
            case ProcessInstanceRecord r: Set(Instances, r.Id, r, kind); break;
            case UserTaskRecord r: Set(Tasks, r.Id, r, kind); break;
            case JobRecord r: Set(Jobs, r.Id, r, kind); break;
            case IncidentRecord r: Set(Incidents, r.Id, r, kind); break;
            case EventSubscriptionRecord r: Set(Subscriptions, r.Id, r, kind); break;
            case BufferedMessageRecord r: Set(Messages, r.Id, r, kind); break;
            default: throw new ArgumentException($"Unknown record type {record.GetType().Name}.");
        }
    }

    private void Append(HistoryEventRecord r, List<(object Record, ChangeKind Kind)> changes, int at)
    {
        var rows = 1;
        for (var j = at + 1; j < changes.Count; j++)
            if (changes[j].Record is HistoryEventRecord h && h.InstanceId == r.InstanceId && changes[j].Kind != ChangeKind.Discarded) rows++;
        r.Id = History.Append(r.InstanceId, new HistoryRow(r), rows);
    }

    private void Append(ArraySegment<(Guid InstanceId, HistoryRow Row)> history, int at)
    {
        var instanceId = history[at].InstanceId;
        var rows = 1;
        for (var j = at + 1; j < history.Count; j++)
            if (history[j].InstanceId == instanceId) rows++;
        History.Append(instanceId, history[at].Row, rows);
    }

    /// <summary>
    /// An ended instance no longer changes, and the default store keeps it for the life of the process:
    /// its history and its state are packed, so that the garbage collector has a few arrays to copy
    /// instead of some thirty objects to trace (<see cref="InMemoryHistory"/>, <see cref="EndedInstanceState"/>).
    /// </summary>
    private void PackEnded(List<(object Record, ChangeKind Kind)> changes)
    {
        foreach (var (record, kind) in changes)
        {
            if (record is not ProcessInstanceRecord { Status: not InstanceStatus.Active } instance || kind is ChangeKind.Removed or ChangeKind.Discarded) continue;
            try
            {
                var packed = EndedInstanceState.Pack(instance);
                History.Archive(instance.Id);
                Instances[instance.Id] = packed;
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
            {
                // Packing only saves memory, and the commit is already applied: an instance whose details or
                // state cannot be written as JSON stays unpacked (reading those details fails as it always did).
            }
        }
    }

    private void ForgetEnded(List<(object Record, ChangeKind Kind)> changes)
    {
        foreach (var (record, _) in changes)
        {
            switch (record)
            {
                case ProcessInstanceRecord { Status: not InstanceStatus.Active } instance:
                    Instances.Remove(instance.Id);
                    History.Forget(instance.Id);
                    break;
                case CaseFileRecord { Status: not CaseStatus.Open } caseFile:
                    Cases.Remove(caseFile.Id);
                    CaseNumbers.Remove(caseFile.CaseNumber);
                    break;
            }
        }
    }

    private static void Set<T>(Dictionary<Guid, T> table, Guid id, T value, ChangeKind kind)
    {
        if (kind == ChangeKind.Removed) table.Remove(id);
        else table[id] = value;
    }
}
