using Microsoft.EntityFrameworkCore;
using Vupe.Engine.Persistence.Sql;

namespace Vupe.Engine.Persistence;

/// <summary>
/// One unit of work over a relational database. The rows a command works on (an instance, its case,
/// a task, its jobs and subscriptions) are read with prepared statements on one connection kept for
/// the session; the rest (lists, filters, history) with EF Core queries. Rows read are tracked as EF
/// Core would track them — one object per row, a snapshot of its values — and at commit every changed
/// row becomes a version-checked update, next to the rows added and removed. The store's write path
/// applies them all in one transaction (<see cref="SqliteGroupCommit"/>, <see cref="TransactionPerSession"/>).
/// </summary>
internal sealed class EfSession(EfEngineStore store, SqlStore sql) : IEngineSession
{
    private readonly ChangeSet _changes = new();
    // Identity map: one object per row within a session, with the values it had when read.
    private readonly Dictionary<(Type, object), Tracked> _tracked = [];
    private SqlConnectionLease? _lease;
    private EngineDbContext? _db;
    private List<ITransactionalWrite>? _hostWrites;
    private Dictionary<Guid, List<ProcessInstanceRecord>>? _instancesOfCase;

    private sealed record Tracked(object Record, TableMap Table, object?[] Snapshot);

    private async ValueTask<SqlConnectionLease> ConnectionAsync(CancellationToken ct) => _lease ??= await sql.Connections.RentAsync(ct);

    /// <summary>The EF context for queries: on the session's connection where the lease has one (PostgreSQL), else a pooled one (SQLite).</summary>
    private async ValueTask<EngineDbContext> DbAsync(CancellationToken ct)
    {
        if (_db is not null) return _db;
        var lease = sql.QueriesOnSessionConnection ? await ConnectionAsync(ct) : null;
        return _db = lease?.Context ?? store.CreateContext();
    }

    private T Track<T>(T record) where T : class
    {
        var table = sql.Tables.For<T>();
        var key = (typeof(T), table.KeyOf(record));
        if (_tracked.TryGetValue(key, out var seen)) return (T)seen.Record;
        if (record is ProcessInstanceRecord instance) instance.State = InstanceStateSerializer.Deserialize(instance.StateJson);
        _tracked[key] = new Tracked(record, table, table.Snapshot(record));
        return record;
    }

    private List<T> TrackAll<T>(List<T> rows) where T : class
    {
        for (var i = 0; i < rows.Count; i++) rows[i] = Track(rows[i]);
        return rows;
    }

    /// <summary>Rows of one table where one column has a value, read with a prepared statement.</summary>
    private async Task<List<T>> ReadAsync<T>(SqlStatement statement, object? value, CancellationToken ct) where T : class
    {
        var lease = await ConnectionAsync(ct);
        var table = sql.Tables.For<T>();
        var rows = new List<T>();
        try
        {
            await using var reader = await lease.QueryAsync(lease.BindValues(statement, null, value), ct);
            while (await reader.ReadAsync(ct)) rows.Add((T)table.Materialize(reader));
        }
        catch (System.Data.Common.DbException)
        {
            lease.Broken = true; // not worth finding out whether the connection is still sound: it is closed, not reused
            throw;
        }
        if (typeof(T) == typeof(UserTaskRecord))
        {
            // Candidates are written once with their task and never change: the row's CandidateKey holds them all.
            foreach (var task in rows.Cast<UserTaskRecord>()) task.Candidates = TaskQueryable.CandidatesOf(task.Id, task.CandidateKey);
        }
        return rows;
    }

    private async Task<T?> FindAsync<T>(object key, CancellationToken ct) where T : class
    {
        // The session's own work first: a row it added is found, a row it removed is not.
        if (key is Guid id && _changes.FindAdded<T>(id) is { } added) return added;
        if (_tracked.TryGetValue((typeof(T), key), out var seen)) return _changes.IsGone(seen.Record) ? null : (T)seen.Record;
        var rows = await ReadAsync<T>(sql.Tables.For<T>().SelectByKey, key, ct);
        return rows.Count == 0 ? null : Track(rows[0]);
    }

    /// <summary>An EF Core query, its rows resolved against the identity map.</summary>
    private async Task<List<T>> QueryTrackedAsync<T>(Func<EngineDbContext, IQueryable<T>> query, CancellationToken ct) where T : class =>
        TrackAll(await query(await DbAsync(ct)).AsNoTracking().ToListAsync(ct));

    private async Task<TResult> QueryAsync<TResult>(Func<EngineDbContext, Task<TResult>> query, CancellationToken ct) => await query(await DbAsync(ct));

    public Task<List<ProcessDefinitionRecord>> LoadDefinitionsAsync(CancellationToken ct, bool withXml = true, string? key = null) =>
        QueryAsync(db =>
        {
            // One key's versions by the (Key, Version) index: opening a case asks for its procedure's latest on every request.
            var definitions = key is null ? db.ProcessDefinitions.AsNoTracking() : db.ProcessDefinitions.AsNoTracking().Where(d => d.Key == key);
            return withXml ? definitions.ToListAsync(ct) : WithoutXml(definitions).ToListAsync(ct);
        }, ct);

    private static IQueryable<ProcessDefinitionRecord> WithoutXml(IQueryable<ProcessDefinitionRecord> definitions) => definitions.Select(d => new ProcessDefinitionRecord
        {
            Id = d.Id, Key = d.Key, Version = d.Version, Name = d.Name, DeploymentId = d.DeploymentId, ResourceName = d.ResourceName,
            Xml = "", Sha256 = d.Sha256, DeployedAt = d.DeployedAt,
        });

    public async Task<List<(string DefinitionId, InstanceStatus Status, int Count)>> CountInstancesAsync(IReadOnlyCollection<string>? officeCodes, CancellationToken ct)
    {
        var db = await DbAsync(ct);
        var q = db.ProcessInstances.AsNoTracking();
        if (officeCodes is not null)
        {
            var offices = officeCodes.ToList();
            q = q.Where(i => db.CaseFiles.Any(c => c.Id == i.CaseId && offices.Contains(c.OfficeCode)));
        }
        var rows = await q.GroupBy(i => new { i.DefinitionId, i.Status })
            .Select(g => new { g.Key.DefinitionId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        return [.. rows.Select(r => (r.DefinitionId, r.Status, r.Count))];
    }

    public Task<List<DeploymentRecord>> LoadDeploymentsAsync(CancellationToken ct) => QueryAsync(db => db.Deployments.AsNoTracking().ToListAsync(ct), ct);

    public Task<List<ResourceDefinitionRecord>> LoadResourcesAsync(CancellationToken ct) => QueryAsync(db => db.ResourceDefinitions.AsNoTracking().ToListAsync(ct), ct);

    public Task<ProcessInstanceRecord?> FindInstanceAsync(Guid id, CancellationToken ct) => FindAsync<ProcessInstanceRecord>(id, ct);

    public async Task<List<ProcessInstanceRecord>> FindInstancesAsync(InstanceFilter f, CancellationToken ct)
    {
        if (f.CaseId is { } caseId && f.OfficeCodes is null)
        {
            // A case has a handful of instances: read by the indexed column, the rest of the filter in memory.
            var rows = TrackAll(await InstancesOfCaseAsync(caseId, ct)).Where(i => (f.ParentInstanceId is null || i.ParentInstanceId == f.ParentInstanceId)
                && (f.DefinitionId is null || i.DefinitionId == f.DefinitionId) && (f.Status is null || i.Status == f.Status)
                && (f.StartedFrom is null || i.StartedAt >= f.StartedFrom) && (f.StartedBefore is null || i.StartedAt < f.StartedBefore));
            return [.. (f.NewestFirst ? rows.OrderByDescending(i => i.StartedAt) : rows.OrderBy(i => i.StartedAt)).Take(f.Take)];
        }
        return await QueryTrackedAsync(db =>
        {
            var q = db.ProcessInstances.AsQueryable();
            if (f.CaseId is { } caseId) q = q.Where(i => i.CaseId == caseId);
            if (f.ParentInstanceId is { } parent) q = q.Where(i => i.ParentInstanceId == parent);
            if (f.DefinitionId is { } definition) q = q.Where(i => i.DefinitionId == definition);
            if (f.Status is { } status) q = q.Where(i => i.Status == status);
            if (f.StartedFrom is { } from) q = q.Where(i => i.StartedAt >= from);
            if (f.StartedBefore is { } before) q = q.Where(i => i.StartedAt < before);
            if (f.OfficeCodes is { } officeCodes)
            {
                var offices = officeCodes.ToList();
                q = q.Where(i => db.CaseFiles.Any(c => c.Id == i.CaseId && offices.Contains(c.OfficeCode)));
            }
            return (f.NewestFirst ? q.OrderByDescending(i => i.StartedAt) : q.OrderBy(i => i.StartedAt)).Take(f.Take);
        }, ct);
    }

    /// <summary>
    /// The instances of one case, read with a prepared statement by the indexed CaseId (untracked). The case page and a
    /// case's tasks, history and incidents read through them instead of an EF Core query each: the case page sends
    /// five such reads, and an EF query costs several times a prepared one.
    /// </summary>
    /// <remarks>Read once per case until the session commits: the case page asks for the instances, then for the tasks and the history through them.</remarks>
    private async Task<List<ProcessInstanceRecord>> InstancesOfCaseAsync(Guid caseId, CancellationToken ct)
    {
        if (_instancesOfCase?.TryGetValue(caseId, out var read) != true)
        {
            read = await ReadAsync<ProcessInstanceRecord>(sql.Tables.For<ProcessInstanceRecord>().SelectWhere(nameof(ProcessInstanceRecord.CaseId)), caseId, ct);
            (_instancesOfCase ??= [])[caseId] = read;
        }
        return [.. read!];
    }

    /// <summary>Rows of the case's instances, one prepared read by the indexed InstanceId per instance.</summary>
    private async Task<List<T>> ReadByCaseInstancesAsync<T>(Guid caseId, string instanceColumn, CancellationToken ct) where T : class
    {
        var statement = sql.Tables.For<T>().SelectWhere(instanceColumn);
        var rows = new List<T>();
        foreach (var instance in await InstancesOfCaseAsync(caseId, ct)) rows.AddRange(await ReadAsync<T>(statement, instance.Id, ct));
        return rows;
    }

    public Task<List<InstanceListRow>> PageInstancesAsync(InstanceQuery query, IReadOnlyCollection<string>? officeCodes, CancellationToken ct) =>
        QueryAsync(async db =>
        {
            var rows = await InstanceQueryable.Page(db, query, officeCodes).ToListAsync(ct);
            foreach (var row in rows) row.Instance.State = InstanceStateSerializer.Deserialize(row.Instance.StateJson);
            // The join keeps the page's rows, not necessarily their order.
            return rows.OrderByDescending(r => r.Instance.StartedAt).ThenByDescending(r => r.Instance.Id).Select(r => new InstanceListRow(r.Instance, r.CaseNumber, r.OfficeCode)).ToList();
        }, ct);

    public Task<int> CountInstancesAsync(InstanceQuery query, IReadOnlyCollection<string>? officeCodes, CancellationToken ct) =>
        QueryAsync(db => InstanceQueryable.Filter(db, query, officeCodes).CountAsync(ct), ct);

    public Task<CaseFileRecord?> FindCaseAsync(Guid id, CancellationToken ct) => FindAsync<CaseFileRecord>(id, ct);

    public async Task<CaseFileRecord?> FindCaseByNumberAsync(string caseNumber, CancellationToken ct) =>
        (await QueryTrackedAsync(db => db.CaseFiles.Where(c => c.CaseNumber == caseNumber).Take(1), ct)).FirstOrDefault();

    public async Task<List<CaseFileRecord>> FindChildCasesAsync(Guid parentCaseId, CancellationToken ct) =>
        [.. TrackAll(await ReadAsync<CaseFileRecord>(sql.Tables.For<CaseFileRecord>().SelectWhere(nameof(CaseFileRecord.ParentCaseId)), parentCaseId, ct))
            .OrderBy(c => c.OpenedAt).ThenBy(c => c.CaseNumber, StringComparer.Ordinal)];

    public Task<List<CaseFileRecord>> QueryCasesAsync(CaseFilter filter, CancellationToken ct) =>
        QueryAsync(db => CaseQueryable.Page(CaseQueryable.Filter(db.CaseFiles.AsNoTracking(), filter), filter).ToListAsync(ct), ct);

    public Task<int> CountCasesAsync(CaseFilter filter, CancellationToken ct) => QueryAsync(db => CaseQueryable.Filter(db.CaseFiles, filter).CountAsync(ct), ct);

    public Task<UserTaskRecord?> FindTaskAsync(Guid id, CancellationToken ct) => FindAsync<UserTaskRecord>(id, ct);

    public async Task<List<UserTaskRecord>> QueryTasksAsync(TaskFilter filter, CancellationToken ct)
    {
        if (filter.InstanceId is { } instanceId)
        {
            // One instance has a handful of open tasks: read them by the indexed column and apply the
            // rest of the filter, the order and the page in memory, with the code the in-memory store uses.
            var tasks = await ReadAsync<UserTaskRecord>(sql.Tables.For<UserTaskRecord>().SelectWhere(nameof(UserTaskRecord.InstanceId)), instanceId, ct);
            return [.. TaskQueryable.SortInMemory(tasks.Where(t => TaskQueryable.Matches(t, filter)), filter).Skip(filter.Skip).Take(filter.Take)];
        }
        if (filter.CaseId is { } caseId)
        {
            // One case's tasks (the case page, an inbox narrowed to a case): through its instances, as above.
            var tasks = await ReadByCaseInstancesAsync<UserTaskRecord>(caseId, nameof(UserTaskRecord.InstanceId), ct);
            return [.. TaskQueryable.SortInMemory(tasks.Where(t => TaskQueryable.Matches(t, filter)), filter).Skip(filter.Skip).Take(filter.Take)];
        }
        var db = await DbAsync(ct);
        var rows = await PageTasksAsync(TaskQueryable.Filter(db.UserTasks.AsNoTracking(), filter, searchDueWindow: filter.Sort == TaskSort.DueAt, db.ProcessInstances), filter, ct);
        // The candidates come with the row (CandidateKey): no second query, no split-query Include running the
        // whole filter and sort again. These rows are not tracked; a command that changes a task loads it with FindTaskAsync.
        foreach (var t in rows) t.Candidates = TaskQueryable.CandidatesOf(t.Id, t.CandidateKey);
        return rows;
    }

    /// <summary>
    /// One page in the filter's order. A due-date sort puts tasks without a due date last: the dated ones are
    /// paged on their own (ORDER BY "DueAt", "Id", which an index on (…, DueAt, Id) returns in order, stopping
    /// after the page), and the undated ones are read only when a page reaches past the dated ones.
    /// </summary>
    private static async Task<List<UserTaskRecord>> PageTasksAsync(IQueryable<UserTaskRecord> q, TaskFilter f, CancellationToken ct)
    {
        if (f.Sort != TaskSort.DueAt) return await TaskQueryable.Order(q, f).Skip(f.Skip).Take(f.Take).ToListAsync(ct);
        var dated = q.Where(t => t.DueAt != null);
        var rows = await TaskQueryable.Order(dated, f).Skip(f.Skip).Take(f.Take).ToListAsync(ct);
        // A due window (DueBefore/DueAfter) already excludes undated tasks.
        if (rows.Count >= f.Take || f.DueBefore is not null || f.DueAfter is not null) return rows;
        // Past the dated tasks: skip what the page's offset has left (fewer than f.Skip dated tasks matched).
        var undatedSkip = rows.Count > 0 || f.Skip == 0 ? 0 : f.Skip - await dated.Take(f.Skip).CountAsync(ct);
        var undated = q.Where(t => t.DueAt == null);
        rows.AddRange(await (f.Descending ? undated.OrderByDescending(t => t.Id) : undated.OrderBy(t => t.Id)).Skip(undatedSkip).Take(f.Take - rows.Count).ToListAsync(ct));
        return rows;
    }

    public Task<List<CaseCount>> CountCasesByAsync(CaseGrouping grouping, CaseFilter filter, CancellationToken ct) =>
        QueryAsync(async db => (await FigureQueryable.CountBy(db.CaseFiles.AsNoTracking(), filter, grouping).ToListAsync(ct)).Where(c => c.Count > 0).ToList(), ct);

    public Task<CaseDurations> CaseDurationsAsync(CaseFilter filter, IReadOnlyList<double> percentiles, CancellationToken ct) =>
        QueryAsync(async db =>
        {
            // Exact percentiles without sorting every duration (bench/figures.sh: two ORDER BY … OFFSET over a national
            // year's 400,000 closed cases took 1.6 s): one pass counts the durations per hour (a GROUP BY of a few hundred
            // groups), which gives the count and the hour each rank falls in; then, per percentile, only that hour's
            // durations are sorted and the rank within it taken (ORDER BY … LIMIT 1 OFFSET). Same answer as sorting all.
            var durations = FigureQueryable.Durations(CaseQueryable.Filter(db.CaseFiles.AsNoTracking(), filter));
            var histogram = await FigureQueryable.Histogram(durations).ToListAsync(ct);
            var count = histogram.Sum(b => b.Count);
            var values = new List<TimeSpan>();
            if (count > 0)
                foreach (var p in percentiles)
                {
                    var (from, before, offset) = FigureQueryable.Locate(histogram, FigureQueryable.RankOf(p, count));
                    values.Add(TimeSpan.FromTicks(await durations.Where(d => d >= from && d < before).OrderBy(d => d).Skip(offset).FirstAsync(ct)));
                }
            return new CaseDurations(count, values);
        }, ct);

    public Task<List<TaskCount>> CountTasksByOfficeAsync(TaskFilter filter, DateTimeOffset overdueAt, CancellationToken ct) =>
        QueryAsync(db => FigureQueryable.CountByOffice(TaskQueryable.Filter(db.UserTasks.AsNoTracking(), filter, instances: db.ProcessInstances), overdueAt).ToListAsync(ct), ct);

    public Task<int> CountTasksAsync(TaskFilter filter, int? limit, CancellationToken ct) =>
        QueryAsync(db =>
        {
            var q = TaskQueryable.Filter(db.UserTasks.AsNoTracking(), filter, instances: db.ProcessInstances);
            // With a limit: SELECT COUNT(*) FROM (SELECT 1 … LIMIT n), which stops reading after n rows.
            return limit is { } n ? q.Take(n).CountAsync(ct) : q.CountAsync(ct);
        }, ct);

    public Task<JobRecord?> FindJobAsync(Guid id, CancellationToken ct) => FindAsync<JobRecord>(id, ct);

    public async Task<List<JobRecord>> FindJobsAsync(JobFilter f, CancellationToken ct)
    {
        if (f.InstanceId is { } instanceId)
        {
            // The jobs of one instance (closing its events): few rows, read by the indexed column.
            var jobs = TrackAll(await ReadAsync<JobRecord>(sql.Tables.For<JobRecord>().SelectWhere(nameof(JobRecord.InstanceId)), instanceId, ct));
            _changes.Overlay(jobs, j => InMemorySession.JobMatches(j, f));
            return [.. jobs.Where(j => InMemorySession.JobMatches(j, f)).OrderBy(j => j.DueAt).Take(f.Take)];
        }
        var rows = await QueryTrackedAsync(db =>
        {
            var q = db.Jobs.AsQueryable();
            if (f.DueBefore is { } due) q = q.Where(j => j.DueAt <= due);
            if (f.WithRetries == true) q = q.Where(j => j.RetriesLeft > 0);
            if (f.WithRetries == false) q = q.Where(j => j.RetriesLeft <= 0);
            if (f.DefinitionId is { } definition) q = q.Where(j => j.DefinitionId == definition);
            if (f.Kind is { } kind) q = q.Where(j => j.Kind == kind);
            return q.OrderBy(j => j.DueAt).Take(f.Take);
        }, ct);
        return _changes.Overlay(rows, j => InMemorySession.JobMatches(j, f), j => j.DueAt, f.Take);
    }

    public Task<IncidentRecord?> FindIncidentAsync(Guid id, CancellationToken ct) => FindAsync<IncidentRecord>(id, ct);

    public Task<List<OpenIncidentRow>> PageOpenIncidentsAsync(IReadOnlyCollection<string>? officeCodes, int skip, int take, CancellationToken ct) =>
        QueryAsync(async db => (await OpenIncidents(db, officeCodes)
                .OrderBy(x => x.Incident.CreatedAt).ThenBy(x => x.Incident.Id).Skip(skip).Take(take).ToListAsync(ct))
            .Select(x => new OpenIncidentRow(x.Incident, x.CaseNumber, x.OfficeCode)).ToList(), ct);

    // Nationally, the open incidents alone: every incident's case exists (cases are never deleted), and without the join
    // PostgreSQL counts the partial index's entries instead of hashing every case (its plan with 20,000 cases).
    public Task<int> CountOpenIncidentsAsync(IReadOnlyCollection<string>? officeCodes, CancellationToken ct) =>
        QueryAsync(db => officeCodes is null ? db.Incidents.AsNoTracking().CountAsync(i => i.ResolvedAt == null, ct) : OpenIncidents(db, officeCodes).CountAsync(ct), ct);

    /// <summary>
    /// Open incidents joined to their cases: the partial index IX_Incidents_Open walks only the open ones, each case found
    /// by its key. The offices are an EXISTS on the incident's case rather than a condition of the join: SQLite (which has
    /// no statistics here) otherwise starts from the office's every case in the cases' office index and looks each one's
    /// incidents up — all of Lima's cases read to find a handful of open incidents.
    /// </summary>
    private static IQueryable<OpenIncidentJoin> OpenIncidents(EngineDbContext db, IReadOnlyCollection<string>? officeCodes)
    {
        var open = db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null);
        if (officeCodes is not null)
        {
            var offices = officeCodes.ToList();
            open = open.Where(i => db.CaseFiles.Any(c => c.Id == i.CaseId && offices.Contains(c.OfficeCode)));
        }
        return from i in open
               join c in db.CaseFiles.AsNoTracking() on i.CaseId equals c.Id
               select new OpenIncidentJoin { Incident = i, CaseNumber = c.CaseNumber, OfficeCode = c.OfficeCode };
    }

    private sealed class OpenIncidentJoin
    {
        public required IncidentRecord Incident { get; init; }
        public required string CaseNumber { get; init; }
        public required string OfficeCode { get; init; }
    }

    public async Task<List<IncidentRecord>> FindIncidentsAsync(IncidentFilter f, CancellationToken ct)
    {
        if (f.CaseId is { } caseId)
        {
            var ofCase = TrackAll(await ReadAsync<IncidentRecord>(sql.Tables.For<IncidentRecord>().SelectWhere(nameof(IncidentRecord.CaseId)), caseId, ct));
            _changes.Overlay(ofCase, i => InMemorySession.IncidentMatches(i, f));
            return [.. ofCase.Where(i => InMemorySession.IncidentMatches(i, f)).OrderBy(i => i.CreatedAt).Take(f.Take)];
        }
        var rows = await QueryTrackedAsync(db =>
        {
            var q = db.Incidents.AsQueryable();
            if (f.InstanceId is { } instanceId) q = q.Where(i => i.InstanceId == instanceId);
            if (f.CaseId is { } caseId) q = q.Where(i => i.CaseId == caseId);
            if (f.OpenOnly) q = q.Where(i => i.ResolvedAt == null);
            return q.OrderBy(i => i.CreatedAt).Take(f.Take);
        }, ct);
        return _changes.Overlay(rows, i => InMemorySession.IncidentMatches(i, f), i => i.CreatedAt, f.Take);
    }

    public async Task<List<EventSubscriptionRecord>> FindSubscriptionsAsync(SubscriptionFilter f, CancellationToken ct)
    {
        if (f.InstanceId is { } instanceId)
        {
            var statement = sql.Tables.For<EventSubscriptionRecord>().SelectWhere(nameof(EventSubscriptionRecord.InstanceId));
            var subscriptions = TrackAll(await ReadAsync<EventSubscriptionRecord>(statement, instanceId, ct));
            _changes.Overlay(subscriptions, s => InMemorySession.SubscriptionMatches(s, f));
            return [.. subscriptions.Where(s => InMemorySession.SubscriptionMatches(s, f)).OrderBy(s => s.CreatedAt)];
        }
        var rows = await QueryTrackedAsync(db =>
        {
            var q = db.EventSubscriptions.AsQueryable();
            if (f.Kind is { } kind) q = q.Where(s => s.Kind == kind);
            if (f.Name is { } name) q = q.Where(s => s.Name == name);
            if (!f.MatchAnyKey) q = q.Where(s => s.CorrelationKey == f.CorrelationKey);
            if (f.ExecutionId is { } executionId) q = q.Where(s => s.ExecutionId == executionId);
            return q.OrderBy(s => s.CreatedAt);
        }, ct);
        return _changes.Overlay(rows, s => InMemorySession.SubscriptionMatches(s, f), s => s.CreatedAt, int.MaxValue);
    }

    public Task<List<BufferedMessageRecord>> FindBufferedMessagesAsync(string name, string? correlationKey, DateTimeOffset now, CancellationToken ct) =>
        QueryTrackedAsync(db => db.BufferedMessages.Where(m => m.Name == name && m.CorrelationKey == correlationKey && m.ExpiresAt > now).OrderBy(m => m.PublishedAt), ct);

    public async Task<List<HistoryEventRecord>> FindHistoryAsync(HistoryFilter f, CancellationToken ct)
    {
        if (f.CaseId is { } caseId && f.InstanceId is null)
        {
            // Through the case's instances (history has no index on CaseId, see EngineDbContext); every row carries its instance's case.
            var rows = await ReadByCaseInstancesAsync<HistoryEventRecord>(caseId, nameof(HistoryEventRecord.InstanceId), ct);
            return [.. rows.Where(h => h.CaseId == caseId).OrderBy(h => h.Id).Take(f.Take)];
        }
        return await QueryAsync(db =>
        {
            var q = db.HistoryEvents.AsNoTracking();
            if (f.InstanceId is { } instanceId) q = q.Where(h => h.InstanceId == instanceId);
            // By the case's instances: history has no index on CaseId (EngineDbContext), its rows are found through InstanceId.
            // The engine writes every row with its instance's case (HistoryWriter), so this finds all of the case's rows.
            if (f.CaseId is { } caseId) q = q.Where(h => db.ProcessInstances.Where(i => i.CaseId == caseId).Select(i => i.Id).Contains(h.InstanceId) && h.CaseId == caseId);
            return q.OrderBy(h => h.Id).Take(f.Take).ToListAsync(ct);
        }, ct);
    }

    public void Add<T>(T record) where T : class => _changes.Note(record, ChangeKind.Added);

    // Rows read are compared with their snapshot at commit, as EF Core does; nothing to note here.
    public void Update<T>(T record) where T : class { }

    public void Remove<T>(T record) where T : class => _changes.Note(record, ChangeKind.Removed);

    public void Enlist(ITransactionalWrite write) => (_hostWrites ??= []).Add(write);

    public async Task CommitAsync(CancellationToken ct)
    {
        var writes = CollectWrites();
        if (writes.Count == 0 && _hostWrites is null) return; // nothing changed: no transaction, no fsync
        // A writer of its own (SQLite's group commit) needs none of this session's connection: handed back before the
        // commit waits its turn, the pool holds as many connections as sessions read at once, not as many as wait to
        // commit (200 consultants opened a connection for a third of their loops once the waiting outnumbered the idle).
        if (!sql.Writes.CommitsOnSessionConnection && _lease is not null)
        {
            var lease = _lease;
            _lease = null;
            await sql.Connections.ReturnAsync(lease);
        }
        await sql.Writes.CommitAsync(writes, (IReadOnlyList<ITransactionalWrite>?)_hostWrites ?? [], ConnectionAsync, ct);
        AcceptChanges();
    }

    /// <summary>
    /// The session's writes: version-checked updates and deletes first (a stale session fails before
    /// it has inserted anything), then inserts in the order they were made (history ids follow it).
    /// JSON is written here, on the caller's thread, not in the shared writer.
    /// </summary>
    private List<PendingWrite> CollectWrites()
    {
        var writes = new List<PendingWrite>();
        foreach (var (record, table, snapshot) in _tracked.Values)
        {
            if (_changes.IsRemoved(record)) continue;
            if (record is ProcessInstanceRecord instance)
            {
                instance.StateJson = InstanceStateSerializer.Serialize(instance.State);
                InstanceStateColumns.Copy(instance);
            }
            var changed = table.Changes(record, snapshot);
            if (changed == 0) continue;
            long? expected = null;
            if (table.Version is not null)
            {
                expected = table.OriginalVersion(snapshot);
                Versioned.Set(record, expected.Value + 1);
                changed |= table.VersionBit;
            }
            writes.Add(new PendingWrite(WriteKind.Update, table, record, expected, changed));
        }
        foreach (var (record, kind) in _changes.Changes)
        {
            if (kind != ChangeKind.Removed) continue;
            var table = sql.Tables.For(record.GetType());
            long? expected = table.Version is null ? null
                : _tracked.TryGetValue((table.ClrType, table.KeyOf(record)), out var tracked) ? table.OriginalVersion(tracked.Snapshot)
                : (long)table.Version.ModelValue(record)!;
            writes.Add(new PendingWrite(WriteKind.Delete, table, record, expected));
        }
        foreach (var (record, kind) in _changes.Changes)
        {
            if (kind != ChangeKind.Added) continue;
            switch (record)
            {
                case ProcessInstanceRecord instance:
                    instance.StateJson = InstanceStateSerializer.Serialize(instance.State);
                    InstanceStateColumns.Copy(instance);
                    break;
                case HistoryEventRecord history: history.Materialize(); break;
            }
            var table = sql.Tables.For(record.GetType());
            table.EnsureKey(record);
            writes.Add(new PendingWrite(WriteKind.Insert, table, record));
        }
        return writes;
    }

    /// <summary>
    /// After the commit the session starts afresh: what it reads next comes from the database. (A
    /// command commits once; re-snapshotting every row it wrote would be work for nothing.)
    /// </summary>
    private void AcceptChanges()
    {
        _tracked.Clear();
        _changes.Clear();
        _hostWrites = null;
        _instancesOfCase = null; // a read after the commit sees the instances it started
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null && _db != _lease?.Context) await _db.DisposeAsync();
        if (_lease is not null) await sql.Connections.ReturnAsync(_lease);
        _db = null;
        _lease = null;
    }
}
