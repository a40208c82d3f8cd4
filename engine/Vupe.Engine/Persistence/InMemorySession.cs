namespace Vupe.Engine.Persistence;

internal sealed class InMemorySession(InMemoryEngineStore store) : IEngineSession, IHistoryRowSink
{
    private ArraySegment<(Guid InstanceId, HistoryRow Row)> _history;
    private readonly ChangeSet _changes = new();
    // Identity map: one object per row within a session, as EF Core's change tracker gives. Made on
    // first use: a read-only session (a task query) needs none.
    private Dictionary<(Type, Guid), object>? _loaded;

    // The stored rows the session's instances were copied from (stored rows are replaced, never changed, on commit):
    // what Update compares with, as the database stores compare with their snapshots.
    private Dictionary<Guid, ProcessInstanceRecord>? _instancesAsRead;

    private Dictionary<(Type, Guid), object> Loaded => _loaded ??= [];

    private ProcessInstanceRecord CopyInstance(ProcessInstanceRecord stored)
    {
        (_instancesAsRead ??= [])[stored.Id] = stored;
        return EndedInstanceState.CopyOf(stored);
    }

    private T? Track<T>(Guid id, Dictionary<Guid, T> table, Func<T, T> clone) where T : class
    {
        if (_changes.FindAdded<T>(id) is { } added) return added;
        if (_loaded is not null && _loaded.TryGetValue((typeof(T), id), out var seen)) return _changes.IsGone(seen) ? null : (T)seen;
        T? found;
        lock (store.Gate) found = table.GetValueOrDefault(id);
        if (found is null) return null;
        var copy = clone(found);
        Loaded[(typeof(T), id)] = copy;
        return copy;
    }

    private List<T> TrackAll<T>(IEnumerable<T> rows, Func<T, Guid> id, Func<T, T> clone) where T : class
    {
        var result = new List<T>();
        foreach (var row in rows)
        {
            var key = (typeof(T), id(row));
            if (!Loaded.TryGetValue(key, out var seen)) _loaded![key] = seen = clone(row);
            result.Add((T)seen);
        }
        return result;
    }

    public Task<List<ProcessDefinitionRecord>> LoadDefinitionsAsync(CancellationToken ct, bool withXml = true, string? key = null) =>
        Task.FromResult(store.Read(() => store.Definitions.Values.Where(d => key is null || d.Key == key).ToList()));

    public Task<List<(string DefinitionId, InstanceStatus Status, int Count)>> CountInstancesAsync(IReadOnlyCollection<string>? officeCodes, CancellationToken ct) =>
        Task.FromResult(store.Read(() => store.Instances.Values
            .Where(i => officeCodes is null || (store.Cases.TryGetValue(i.CaseId, out var c) && officeCodes.Contains(c.OfficeCode))).GroupBy(i => (i.DefinitionId, i.Status)).Select(g => (g.Key.DefinitionId, g.Key.Status, g.Count())).ToList()));

    public Task<List<DeploymentRecord>> LoadDeploymentsAsync(CancellationToken ct) =>
        Task.FromResult(store.Read(() => store.Deployments.Values.ToList()));

    public Task<List<ResourceDefinitionRecord>> LoadResourcesAsync(CancellationToken ct) =>
        Task.FromResult(store.Read(() => store.Resources.Values.ToList()));

    public Task<ProcessInstanceRecord?> FindInstanceAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(Track(id, store.Instances, CopyInstance));

    public Task<List<ProcessInstanceRecord>> FindInstancesAsync(InstanceFilter f, CancellationToken ct)
    {
        var rows = store.Read(() => store.Instances.Values
            .Where(i => (f.CaseId is null || i.CaseId == f.CaseId) && (f.ParentInstanceId is null || i.ParentInstanceId == f.ParentInstanceId)
                        && (f.DefinitionId is null || i.DefinitionId == f.DefinitionId) && (f.Status is null || i.Status == f.Status)
                        && (f.StartedFrom is null || i.StartedAt >= f.StartedFrom) && (f.StartedBefore is null || i.StartedAt < f.StartedBefore)
                        && (f.OfficeCodes is null || (store.Cases.TryGetValue(i.CaseId, out var c) && f.OfficeCodes.Contains(c.OfficeCode))))
            .OrderBy(i => f.NewestFirst ? -i.StartedAt.UtcTicks : i.StartedAt.UtcTicks).Take(f.Take).ToList());
        return Task.FromResult(TrackAll(rows, r => r.Id, CopyInstance));
    }

    public Task<List<InstanceListRow>> PageInstancesAsync(InstanceQuery query, IReadOnlyCollection<string>? officeCodes, CancellationToken ct) =>
        Task.FromResult(store.Read(() => MatchingInstances(query, officeCodes)
            .OrderByDescending(r => r.Instance.StartedAt).ThenByDescending(r => r.Instance.Id).Skip(Math.Max(0, query.Skip)).Take(Math.Max(0, query.Take))
            .Select(r => r with { Instance = EndedInstanceState.CopyOf(r.Instance) }).ToList()));

    public Task<int> CountInstancesAsync(InstanceQuery query, IReadOnlyCollection<string>? officeCodes, CancellationToken ct) =>
        Task.FromResult(store.Read(() => MatchingInstances(query, officeCodes).Count()));

    /// <summary>The same criteria as the database stores' query (<see cref="InstanceQueryable"/>), on the same columns and JSON.</summary>
    private IEnumerable<InstanceListRow> MatchingInstances(InstanceQuery q, IReadOnlyCollection<string>? officeCodes)
    {
        var marker = q.ActiveElementId is { Length: > 0 } element ? InstanceStateColumns.Marker(element) : null;
        var variable = q.VariableName is { Length: > 0 } ? new VariableValueMatch(q.VariableValue ?? "") : null;
        foreach (var i in store.Instances.Values)
        {
            if (i.DefinitionId != q.DefinitionId || !store.Cases.TryGetValue(i.CaseId, out var c)) continue;
            if (officeCodes is not null && !officeCodes.Contains(c.OfficeCode)) continue;
            var active = i.Status == InstanceStatus.Active;
            var stateMatches = q.State switch
            {
                InstanceQueryState.Running => active && !i.Suspended,
                InstanceQueryState.Suspended => active && i.Suspended,
                InstanceQueryState.Ended => !active,
                _ => true,
            };
            if (!stateMatches || (marker is not null && !(active && i.ActiveElements is { } elements && elements.Contains(marker, StringComparison.Ordinal)))) continue;
            if ((q.StartedFrom is { } from && i.StartedAt < from) || (q.StartedBefore is { } before && i.StartedAt >= before)) continue;
            if (variable is not null)
            {
                var state = EndedInstanceState.IsPacked(i) ? InstanceStateSerializer.Deserialize(i.StateJson) : i.State;
                var value = state.Executions.GetValueOrDefault(Runtime.InstanceContext.RootId)?.Variables?.GetValueOrDefault(q.VariableName!);
                if (!variable.Matches(value is null ? null : InstanceStateSerializer.SerializeValue(value))) continue;
            }
            yield return new InstanceListRow(i, c.CaseNumber, c.OfficeCode);
        }
    }

    public Task<CaseFileRecord?> FindCaseAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(Track(id, store.Cases, r => r.Clone()));

    public Task<CaseFileRecord?> FindCaseByNumberAsync(string caseNumber, CancellationToken ct)
    {
        var id = store.Read(() => store.CaseNumbers.TryGetValue(caseNumber, out var g) ? g : (Guid?)null);
        return id is null ? Task.FromResult<CaseFileRecord?>(null) : FindCaseAsync(id.Value, ct);
    }

    public Task<List<CaseFileRecord>> FindChildCasesAsync(Guid parentCaseId, CancellationToken ct)
    {
        var rows = store.Read(() => store.Cases.Values.Where(c => c.ParentCaseId == parentCaseId).OrderBy(c => c.OpenedAt).ThenBy(c => c.CaseNumber, StringComparer.Ordinal).ToList());
        return Task.FromResult(TrackAll(rows, r => r.Id, r => r.Clone()));
    }

    public Task<List<CaseFileRecord>> QueryCasesAsync(CaseFilter filter, CancellationToken ct) =>
        Task.FromResult(store.Read(() => CaseQueryable.Page(CaseQueryable.Filter(store.Cases.Values.AsQueryable(), filter), filter).Select(c => c.Clone()).ToList()));

    public Task<int> CountCasesAsync(CaseFilter filter, CancellationToken ct) =>
        Task.FromResult(store.Read(() => CaseQueryable.Filter(store.Cases.Values.AsQueryable(), filter).Count()));

    public Task<List<CaseCount>> CountCasesByAsync(CaseGrouping grouping, CaseFilter filter, CancellationToken ct) =>
        Task.FromResult(store.Read(() => FigureQueryable.CountBy(store.Cases.Values.AsQueryable(), filter, grouping).Where(c => c.Count > 0).ToList()));

    public Task<CaseDurations> CaseDurationsAsync(CaseFilter filter, IReadOnlyList<double> percentiles, CancellationToken ct) =>
        Task.FromResult(store.Read(() =>
        {
            var sorted = FigureQueryable.Durations(CaseQueryable.Filter(store.Cases.Values.AsQueryable(), filter)).Order().ToList();
            return new CaseDurations(sorted.Count, sorted.Count == 0 ? [] : percentiles.Select(p => TimeSpan.FromTicks(sorted[FigureQueryable.RankOf(p, sorted.Count)])).ToList());
        }));

    public Task<List<TaskCount>> CountTasksByOfficeAsync(TaskFilter filter, DateTimeOffset overdueAt, CancellationToken ct) =>
        Task.FromResult(store.Read(() => FigureQueryable.CountByOffice(store.Tasks.Values.Where(t => TaskQueryable.Matches(t, filter)).AsQueryable(), overdueAt).ToList()));

    public Task<UserTaskRecord?> FindTaskAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(Track(id, store.Tasks, r => r.Clone()));

    public Task<List<UserTaskRecord>> QueryTasksAsync(TaskFilter filter, CancellationToken ct)
    {
        List<UserTaskRecord> rows;
        lock (store.Gate)
        {
            if (filter.InstanceId is { } instanceId && filter.Skip == 0 && filter.Take > 0)
            {
                // The common query of one instance's open tasks: matched in one pass, sorted only when more than one.
                rows = [];
                foreach (var t in store.Tasks.Values)
                    if (t.InstanceId == instanceId && TaskQueryable.Matches(t, filter)) rows.Add(t);
                if (rows.Count > 1) rows = [.. TaskQueryable.SortInMemory(rows, filter).Take(filter.Take)];
            }
            else
            {
                var matching = store.Tasks.Values.Where(t => TaskQueryable.Matches(t, filter));
                rows = TaskQueryable.SortInMemory(matching, filter).Skip(filter.Skip).Take(filter.Take).ToList();
            }
        }
        return Task.FromResult(TrackAll(rows, r => r.Id, r => r.Clone()));
    }

    public Task<int> CountTasksAsync(TaskFilter filter, int? limit, CancellationToken ct) =>
        Task.FromResult(store.Read(() =>
        {
            var max = limit ?? int.MaxValue;
            var n = 0;
            foreach (var t in store.Tasks.Values)
            {
                if (n >= max) break;
                if (TaskQueryable.Matches(t, filter)) n++;
            }
            return n;
        }));

    public Task<JobRecord?> FindJobAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(Track(id, store.Jobs, r => r.Clone()));

    public Task<List<JobRecord>> FindJobsAsync(JobFilter f, CancellationToken ct)
    {
        var rows = store.Read(() => store.Jobs.Values.Where(j => JobMatches(j, f)).OrderBy(j => j.DueAt).Take(f.Take).ToList());
        return Task.FromResult(_changes.Overlay(TrackAll(rows, r => r.Id, r => r.Clone()), j => JobMatches(j, f), j => j.DueAt, f.Take));
    }

    internal static bool JobMatches(JobRecord j, JobFilter f) =>
        (f.InstanceId is null || j.InstanceId == f.InstanceId) && (f.DueBefore is null || j.DueAt <= f.DueBefore)
        && (f.WithRetries is null || (j.RetriesLeft > 0) == f.WithRetries) && (f.DefinitionId is null || j.DefinitionId == f.DefinitionId)
        && (f.Kind is null || j.Kind == f.Kind);

    public Task<IncidentRecord?> FindIncidentAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(Track(id, store.Incidents, r => r.Clone()));

    public Task<List<IncidentRecord>> FindIncidentsAsync(IncidentFilter f, CancellationToken ct)
    {
        var rows = store.Read(() => store.Incidents.Values
            .Where(i => IncidentMatches(i, f))
            .OrderBy(i => i.CreatedAt).Take(f.Take).ToList());
        return Task.FromResult(_changes.Overlay(TrackAll(rows, r => r.Id, r => r.Clone()), i => IncidentMatches(i, f), i => i.CreatedAt, f.Take));
    }

    public Task<List<OpenIncidentRow>> PageOpenIncidentsAsync(IReadOnlyCollection<string>? officeCodes, int skip, int take, CancellationToken ct) =>
        Task.FromResult(store.Read(() => OpenIncidents(officeCodes).OrderBy(r => r.Incident.CreatedAt).ThenBy(r => r.Incident.Id).Skip(skip).Take(take)
            .Select(r => r with { Incident = r.Incident.Clone() }).ToList()));

    public Task<int> CountOpenIncidentsAsync(IReadOnlyCollection<string>? officeCodes, CancellationToken ct) =>
        Task.FromResult(store.Read(() => OpenIncidents(officeCodes).Count()));

    private IEnumerable<OpenIncidentRow> OpenIncidents(IReadOnlyCollection<string>? officeCodes) =>
        from i in store.Incidents.Values
        where i.ResolvedAt is null && store.Cases.TryGetValue(i.CaseId, out var c) && (officeCodes is null || officeCodes.Contains(c.OfficeCode))
        select new OpenIncidentRow(i, store.Cases[i.CaseId].CaseNumber, store.Cases[i.CaseId].OfficeCode);

    public Task<List<EventSubscriptionRecord>> FindSubscriptionsAsync(SubscriptionFilter f, CancellationToken ct)
    {
        var rows = store.Read(() => store.Subscriptions.Values.Where(s => SubscriptionMatches(s, f)).OrderBy(s => s.CreatedAt).ToList());
        return Task.FromResult(_changes.Overlay(TrackAll(rows, r => r.Id, r => r.Clone()), s => SubscriptionMatches(s, f), s => s.CreatedAt, int.MaxValue));
    }

    internal static bool IncidentMatches(IncidentRecord i, IncidentFilter f) =>
        (f.InstanceId is null || i.InstanceId == f.InstanceId) && (f.CaseId is null || i.CaseId == f.CaseId) && (!f.OpenOnly || i.ResolvedAt is null);

    internal static bool SubscriptionMatches(EventSubscriptionRecord s, SubscriptionFilter f) =>
        (f.InstanceId is null || s.InstanceId == f.InstanceId) && (f.Kind is null || s.Kind == f.Kind)
        && (f.Name is null || s.Name == f.Name) && (f.MatchAnyKey || s.CorrelationKey == f.CorrelationKey)
        && (f.ExecutionId is null || s.ExecutionId == f.ExecutionId);

    public Task<List<BufferedMessageRecord>> FindBufferedMessagesAsync(string name, string? key, DateTimeOffset now, CancellationToken ct)
    {
        var rows = store.Read(() => store.Messages.Values
            .Where(m => m.Name == name && m.CorrelationKey == key && m.ExpiresAt > now).OrderBy(m => m.PublishedAt).ToList());
        return Task.FromResult(TrackAll(rows, r => r.Id, r => r.Clone()));
    }

    public Task<List<HistoryEventRecord>> FindHistoryAsync(HistoryFilter f, CancellationToken ct) =>
        Task.FromResult(store.Read(() => f.InstanceId is { } instanceId
            ? store.History.ReadInstance(instanceId, f.Take)
            : store.History.Read(f.CaseId, f.Take)));

    public void Add<T>(T record) where T : class => _changes.Note(record, ChangeKind.Added);
    public void Update<T>(T record) where T : class
    {
        // An instance a command only read is not written and keeps its version, as in the database stores.
        if (record is ProcessInstanceRecord instance && _instancesAsRead?.GetValueOrDefault(instance.Id) is { } asRead
            && instance.Version == asRead.Version && UnchangedInstance.Same(instance, asRead)) return;
        _changes.Note(record, ChangeKind.Updated);
    }
    public void Remove<T>(T record) where T : class => _changes.Note(record, ChangeKind.Removed);

    public void Enlist(ITransactionalWrite write) =>
        throw new NotSupportedException("The in-memory store has no database transaction to write the host's rows in; use a SQLite or PostgreSQL store.");

    public void AddHistory(ArraySegment<(Guid InstanceId, HistoryRow Row)> rows)
    {
        if (_history.Count > 0) throw new InvalidOperationException("History rows were already given for this commit.");
        _history = rows;
    }

    public Task CommitAsync(CancellationToken ct)
    {
        foreach (var (record, kind) in _changes.Changes)
            if (record is ProcessInstanceRecord instance && kind is ChangeKind.Added or ChangeKind.Updated) InstanceStateColumns.Copy(instance);
        store.Apply(_changes.Changes, _history);
        _changes.Clear();
        _history = default;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
