using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Vupe.Engine.Persistence;

/// <summary>One DbContext = one unit of work; SaveChanges at commit is the one transaction of the command.</summary>
internal sealed class EfSession(EngineDbContext db, SemaphoreSlim? writerGate) : IEngineSession
{
    private readonly List<ProcessInstanceRecord> _instances = [];
    private readonly List<HistoryEventRecord> _history = [];

    private ProcessInstanceRecord? Hydrate(ProcessInstanceRecord? record)
    {
        if (record is null || _instances.Contains(record)) return record;
        record.State = InstanceStateSerializer.Deserialize(record.StateJson);
        _instances.Add(record);
        return record;
    }

    public Task<List<ProcessDefinitionRecord>> LoadDefinitionsAsync(CancellationToken ct) => db.ProcessDefinitions.AsNoTracking().ToListAsync(ct);

    // Lookups by key are written as queries rather than DbSet.FindAsync: Find builds its key
    // predicate with constants that EF evaluates by compiling a delegate per call.
    public async Task<ProcessInstanceRecord?> FindInstanceAsync(Guid id, CancellationToken ct) =>
        Hydrate(await db.ProcessInstances.FirstOrDefaultAsync(i => i.Id == id, ct));

    public async Task<List<ProcessInstanceRecord>> FindInstancesAsync(InstanceFilter f, CancellationToken ct)
    {
        var q = db.ProcessInstances.AsQueryable();
        if (f.CaseId is { } caseId) q = q.Where(i => i.CaseId == caseId);
        if (f.ParentInstanceId is { } parent) q = q.Where(i => i.ParentInstanceId == parent);
        if (f.DefinitionId is { } definition) q = q.Where(i => i.DefinitionId == definition);
        if (f.Status is { } status) q = q.Where(i => i.Status == status);
        var rows = await q.OrderBy(i => i.StartedAt).Take(f.Take).ToListAsync(ct);
        foreach (var r in rows) Hydrate(r);
        return rows;
    }

    public Task<CaseFileRecord?> FindCaseAsync(Guid id, CancellationToken ct) => db.CaseFiles.FirstOrDefaultAsync(c => c.Id == id, ct);

    public Task<CaseFileRecord?> FindCaseByNumberAsync(string caseNumber, CancellationToken ct) =>
        db.CaseFiles.FirstOrDefaultAsync(c => c.CaseNumber == caseNumber, ct);

    public Task<List<CaseFileRecord>> FindChildCasesAsync(Guid parentCaseId, CancellationToken ct) =>
        db.CaseFiles.Where(c => c.ParentCaseId == parentCaseId).OrderBy(c => c.OpenedAt).ThenBy(c => c.CaseNumber).ToListAsync(ct);

    public Task<List<CaseFileRecord>> QueryCasesAsync(CaseFilter filter, CancellationToken ct) =>
        CaseQueryable.Page(CaseQueryable.Filter(db.CaseFiles.AsNoTracking(), filter), filter).ToListAsync(ct);

    public Task<int> CountCasesAsync(CaseFilter filter, CancellationToken ct) => CaseQueryable.Filter(db.CaseFiles, filter).CountAsync(ct);

    public Task<UserTaskRecord?> FindTaskAsync(Guid id, CancellationToken ct) =>
        db.UserTasks.Include(t => t.Candidates).FirstOrDefaultAsync(t => t.Id == id, ct);

    public async Task<List<UserTaskRecord>> QueryTasksAsync(TaskFilter filter, CancellationToken ct)
    {
        var rows = await PageTasksAsync(TaskQueryable.Filter(db.UserTasks.AsNoTracking(), filter, searchDueWindow: filter.Sort == TaskSort.DueAt), filter, ct);
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

    public Task<int> CountTasksAsync(TaskFilter filter, int? limit, CancellationToken ct)
    {
        var q = TaskQueryable.Filter(db.UserTasks.AsNoTracking(), filter);
        // With a limit: SELECT COUNT(*) FROM (SELECT 1 … LIMIT n), which stops reading after n rows.
        return limit is { } n ? q.Take(n).CountAsync(ct) : q.CountAsync(ct);
    }

    public Task<JobRecord?> FindJobAsync(Guid id, CancellationToken ct) => db.Jobs.FirstOrDefaultAsync(j => j.Id == id, ct);

    public Task<List<JobRecord>> FindJobsAsync(JobFilter f, CancellationToken ct)
    {
        var q = db.Jobs.AsQueryable();
        if (f.InstanceId is { } instanceId) q = q.Where(j => j.InstanceId == instanceId);
        if (f.DueBefore is { } due) q = q.Where(j => j.DueAt <= due);
        if (f.WithRetries == true) q = q.Where(j => j.RetriesLeft > 0);
        if (f.WithRetries == false) q = q.Where(j => j.RetriesLeft <= 0);
        if (f.DefinitionId is { } definition) q = q.Where(j => j.DefinitionId == definition);
        if (f.Kind is { } kind) q = q.Where(j => j.Kind == kind);
        return q.OrderBy(j => j.DueAt).Take(f.Take).ToListAsync(ct);
    }

    public Task<IncidentRecord?> FindIncidentAsync(Guid id, CancellationToken ct) => db.Incidents.FirstOrDefaultAsync(i => i.Id == id, ct);

    public Task<List<IncidentRecord>> FindIncidentsAsync(IncidentFilter f, CancellationToken ct)
    {
        var q = db.Incidents.AsQueryable();
        if (f.InstanceId is { } instanceId) q = q.Where(i => i.InstanceId == instanceId);
        if (f.CaseId is { } caseId) q = q.Where(i => i.CaseId == caseId);
        if (f.OpenOnly) q = q.Where(i => i.ResolvedAt == null);
        return q.OrderBy(i => i.CreatedAt).Take(f.Take).ToListAsync(ct);
    }

    public Task<List<EventSubscriptionRecord>> FindSubscriptionsAsync(SubscriptionFilter f, CancellationToken ct)
    {
        var q = db.EventSubscriptions.AsQueryable();
        if (f.InstanceId is { } instanceId) q = q.Where(s => s.InstanceId == instanceId);
        if (f.Kind is { } kind) q = q.Where(s => s.Kind == kind);
        if (f.Name is { } name) q = q.Where(s => s.Name == name);
        if (!f.MatchAnyKey) q = q.Where(s => s.CorrelationKey == f.CorrelationKey);
        if (f.ExecutionId is { } executionId) q = q.Where(s => s.ExecutionId == executionId);
        return q.OrderBy(s => s.CreatedAt).ToListAsync(ct);
    }

    public Task<List<BufferedMessageRecord>> FindBufferedMessagesAsync(string name, string? correlationKey, DateTimeOffset now, CancellationToken ct) =>
        db.BufferedMessages.Where(m => m.Name == name && m.CorrelationKey == correlationKey && m.ExpiresAt > now).OrderBy(m => m.PublishedAt).ToListAsync(ct);

    public Task<List<HistoryEventRecord>> FindHistoryAsync(HistoryFilter f, CancellationToken ct)
    {
        var q = db.HistoryEvents.AsNoTracking();
        if (f.InstanceId is { } instanceId) q = q.Where(h => h.InstanceId == instanceId);
        if (f.CaseId is { } caseId) q = q.Where(h => h.CaseId == caseId);
        return q.OrderBy(h => h.Id).Take(f.Take).ToListAsync(ct);
    }

    public void Add<T>(T record) where T : class
    {
        if (record is HistoryEventRecord history)
        {
            // History rows go in with one multi-row INSERT at commit instead of one statement each.
            _history.Add(history.Materialize());
            return;
        }
        if (record is ProcessInstanceRecord instance) _instances.Add(instance);
        db.Add(record);
    }

    public void Update<T>(T record) where T : class
    {
        // Tracked rows are compared on save; nothing to do until then.
    }

    public void Remove<T>(T record) where T : class
    {
        var entry = db.Entry(record);
        if (entry.State == EntityState.Added) entry.State = EntityState.Detached;
        else if (entry.State != EntityState.Deleted) db.Remove(record);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        foreach (var instance in _instances) instance.StateJson = InstanceStateSerializer.Serialize(instance.State);
        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified) Versioned.Increment(entry.Entity);
        }
        if (writerGate is not null) await writerGate.WaitAsync(ct);
        try
        {
            if (_history.Count == 0)
            {
                await db.SaveChangesAsync(ct);
            }
            else
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                await HistoryBulkInsert.InsertAsync(db, _history, transaction.GetDbTransaction(), ct);
                await transaction.CommitAsync(ct);
                _history.Clear();
            }
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new ConflictException("Someone else changed this case or task at the same time; nothing was saved. Reload and try again.", e);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException("The change collides with one saved at the same time (a duplicate key); nothing was saved.", e);
        }
        finally
        {
            writerGate?.Release();
        }
    }

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || e.InnerException?.GetType().Name == "PostgresException" && e.InnerException.Message.Contains("23505", StringComparison.Ordinal);

    public ValueTask DisposeAsync() => db.DisposeAsync();
}
