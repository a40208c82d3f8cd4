namespace Vupe.Engine.Persistence;

/// <summary>
/// Where the engine keeps its state. One <see cref="IEngineSession"/> is one unit of work: the
/// command reads through it, records its changes, and <see cref="IEngineSession.CommitAsync"/>
/// applies them all or none.
/// </summary>
public interface IEngineStore
{
    Task InitializeAsync(CancellationToken ct = default);
    IEngineSession OpenSession();
    /// <summary>Next case sequence number for an office and year, allocated atomically and committed before the command that uses it commits (gaps are possible when the start then fails).</summary>
    Task<long> NextCaseSequenceAsync(string officeCode, int year, CancellationToken ct = default);
}

public interface IEngineSession : IAsyncDisposable
{
    /// <summary>Every process definition, or every version of one <paramref name="key"/>; with <paramref name="withXml"/> false their XML is left empty (lists need only the rest).</summary>
    Task<List<ProcessDefinitionRecord>> LoadDefinitionsAsync(CancellationToken ct, bool withXml = true, string? key = null);
    Task<List<DeploymentRecord>> LoadDeploymentsAsync(CancellationToken ct);
    /// <summary>How many instances each process definition has, per status.</summary>
    /// <summary>Instances per definition and status; with <paramref name="officeCodes"/>, only those whose case belongs to one of these offices.</summary>
    Task<List<(string DefinitionId, InstanceStatus Status, int Count)>> CountInstancesAsync(IReadOnlyCollection<string>? officeCodes, CancellationToken ct);
    /// <summary>Every version of every deployed resource other than processes (decisions, forms).</summary>
    Task<List<ResourceDefinitionRecord>> LoadResourcesAsync(CancellationToken ct);
    Task<ProcessInstanceRecord?> FindInstanceAsync(Guid id, CancellationToken ct);
    Task<List<ProcessInstanceRecord>> FindInstancesAsync(InstanceFilter filter, CancellationToken ct);
    /// <summary>
    /// One page (<see cref="InstanceQuery.Skip"/>, <see cref="InstanceQuery.Take"/>) of the instances of
    /// <see cref="InstanceQuery.DefinitionId"/> that meet every criterion of <paramref name="query"/>, newest first (ties by
    /// id), each with its case's number and office; with <paramref name="officeCodes"/> (upper case) only those whose
    /// case belongs to one of these offices — the query's own office fields are not read. Every criterion, the order and
    /// the page are the database's; a read for lists, so the rows are neither tracked nor merged with the session's changes.
    /// </summary>
    Task<List<InstanceListRow>> PageInstancesAsync(InstanceQuery query, IReadOnlyCollection<string>? officeCodes, CancellationToken ct);
    /// <summary>How many instances <see cref="PageInstancesAsync"/> pages through.</summary>
    Task<int> CountInstancesAsync(InstanceQuery query, IReadOnlyCollection<string>? officeCodes, CancellationToken ct);
    Task<CaseFileRecord?> FindCaseAsync(Guid id, CancellationToken ct);
    Task<CaseFileRecord?> FindCaseByNumberAsync(string caseNumber, CancellationToken ct);
    Task<List<CaseFileRecord>> FindChildCasesAsync(Guid parentCaseId, CancellationToken ct);
    Task<List<CaseFileRecord>> QueryCasesAsync(CaseFilter filter, CancellationToken ct);
    Task<int> CountCasesAsync(CaseFilter filter, CancellationToken ct);
    /// <summary>The matching cases counted per group (GROUP BY in the database), its paging ignored.</summary>
    Task<List<CaseCount>> CountCasesByAsync(CaseGrouping grouping, CaseFilter filter, CancellationToken ct);
    /// <summary>The closed matching cases' durations at the given percentiles (0 &lt; p ≤ 1), exact, computed in the database.</summary>
    Task<CaseDurations> CaseDurationsAsync(CaseFilter filter, IReadOnlyList<double> percentiles, CancellationToken ct);
    Task<UserTaskRecord?> FindTaskAsync(Guid id, CancellationToken ct);
    Task<List<UserTaskRecord>> QueryTasksAsync(TaskFilter filter, CancellationToken ct);
    /// <summary>Counts the matching tasks; with a <paramref name="limit"/>, stops there (the exact count when fewer match, otherwise the limit).</summary>
    Task<int> CountTasksAsync(TaskFilter filter, int? limit, CancellationToken ct);
    /// <summary>The matching tasks counted per office, with those due at or before <paramref name="overdueAt"/> (GROUP BY in the database).</summary>
    Task<List<TaskCount>> CountTasksByOfficeAsync(TaskFilter filter, DateTimeOffset overdueAt, CancellationToken ct);
    Task<JobRecord?> FindJobAsync(Guid id, CancellationToken ct);
    Task<List<JobRecord>> FindJobsAsync(JobFilter filter, CancellationToken ct);
    Task<IncidentRecord?> FindIncidentAsync(Guid id, CancellationToken ct);
    Task<List<IncidentRecord>> FindIncidentsAsync(IncidentFilter filter, CancellationToken ct);
    /// <summary>
    /// One page of the open incidents, oldest first, each with its case's number and office; with <paramref name="officeCodes"/>
    /// only those whose case belongs to one of these offices. The office filter and the page are the database's; a read for
    /// lists, so the rows are neither tracked nor merged with the session's own changes.
    /// </summary>
    Task<List<OpenIncidentRow>> PageOpenIncidentsAsync(IReadOnlyCollection<string>? officeCodes, int skip, int take, CancellationToken ct);
    /// <summary>How many open incidents <see cref="PageOpenIncidentsAsync"/> pages through.</summary>
    Task<int> CountOpenIncidentsAsync(IReadOnlyCollection<string>? officeCodes, CancellationToken ct);
    Task<List<EventSubscriptionRecord>> FindSubscriptionsAsync(SubscriptionFilter filter, CancellationToken ct);
    Task<List<BufferedMessageRecord>> FindBufferedMessagesAsync(string name, string? correlationKey, DateTimeOffset now, CancellationToken ct);
    Task<List<HistoryEventRecord>> FindHistoryAsync(HistoryFilter filter, CancellationToken ct);

    void Add<T>(T record) where T : class;
    /// <summary>Marks a loaded record changed; versioned records get their version checked and incremented on commit.</summary>
    void Update<T>(T record) where T : class;
    void Remove<T>(T record) where T : class;
    /// <summary>The host's rows, written after the engine's in the commit's transaction (stores without a database transaction refuse them).</summary>
    void Enlist(ITransactionalWrite write);
    /// <summary>Applies every change atomically; throws <see cref="ConflictException"/> if another session changed a versioned record first.</summary>
    Task CommitAsync(CancellationToken ct);
}

public sealed record InstanceFilter(Guid? CaseId = null, Guid? ParentInstanceId = null, string? DefinitionId = null, InstanceStatus? Status = null, int Take = 1000)
{
    /// <summary>Only instances whose case belongs to one of these offices (codes as cases store them, upper case); null means all.</summary>
    public IReadOnlyCollection<string>? OfficeCodes { get; init; }
    public DateTimeOffset? StartedFrom { get; init; }
    /// <summary>Exclusive.</summary>
    public DateTimeOffset? StartedBefore { get; init; }
    /// <summary>Newest first, so <see cref="Take"/> keeps the newest (default: oldest first).</summary>
    public bool NewestFirst { get; init; }
}
public sealed record JobFilter(Guid? InstanceId = null, DateTimeOffset? DueBefore = null, bool? WithRetries = null, string? DefinitionId = null, JobKind? Kind = null, int Take = 1000);
/// <summary>An instance with its case's number and office (<see cref="IEngineSession.PageInstancesAsync"/>).</summary>
public sealed record InstanceListRow(ProcessInstanceRecord Instance, string CaseNumber, string OfficeCode);
/// <summary>An open incident with its case's number and office (<see cref="IEngineSession.PageOpenIncidentsAsync"/>).</summary>
public sealed record OpenIncidentRow(IncidentRecord Incident, string CaseNumber, string OfficeCode);
public sealed record IncidentFilter(Guid? InstanceId = null, Guid? CaseId = null, bool OpenOnly = true, int Take = 1000);
public sealed record SubscriptionFilter(Guid? InstanceId = null, SubscriptionKind? Kind = null, string? Name = null, string? CorrelationKey = null, bool MatchAnyKey = false, string? ExecutionId = null);
public sealed record HistoryFilter(Guid? InstanceId = null, Guid? CaseId = null, int Take = 100_000);

/// <summary>Which case files to list; every criterion given must hold. Newest first.</summary>
public sealed record CaseFilter
{
    /// <summary>Cases of any of these offices (regional scoping); all offices when null.</summary>
    public IReadOnlyCollection<string>? OfficeCodes { get; init; }
    public string? ProcessKey { get; init; }
    public CaseStatus? Status { get; init; }
    public string? SubjectId { get; init; }
    /// <summary>Cases about any of these subjects (a search by a citizen's name finds their fichas first); none when empty.</summary>
    public IReadOnlyCollection<string>? SubjectIds { get; init; }
    public Guid? ParentCaseId { get; init; }
    public DateTimeOffset? OpenedFrom { get; init; }
    /// <summary>Exclusive upper bound.</summary>
    public DateTimeOffset? OpenedBefore { get; init; }
    /// <summary>Cases whose title starts with this text (ordinal); a range on the title, so an index on it serves it.</summary>
    public string? TitlePrefix { get; init; }
    /// <summary>Cases closed at or after this instant (open cases never match).</summary>
    public DateTimeOffset? ClosedFrom { get; init; }
    /// <summary>Cases closed before this instant, exclusive (open cases never match).</summary>
    public DateTimeOffset? ClosedBefore { get; init; }
    /// <summary>Oldest first instead of newest first.</summary>
    public bool OldestFirst { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}

public sealed record TaskFilter
{
    public Guid? InstanceId { get; init; }
    public Guid? CaseId { get; init; }
    public string? Assignee { get; init; }
    public bool? Unassigned { get; init; }
    /// <summary>Tasks offered to any of these groups.</summary>
    public IReadOnlyCollection<string>? CandidateGroups { get; init; }
    public string? CandidateUser { get; init; }
    public string? ProcessKey { get; init; }
    public string? ElementId { get; init; }
    public string? OfficeCode { get; init; }
    public DateTimeOffset? DueBefore { get; init; }
    /// <summary>Tasks due strictly after this instant (with <see cref="DueBefore"/>: an SLA window such as "due soon").</summary>
    public DateTimeOffset? DueAfter { get; init; }
    /// <summary>Tasks of any of these offices (regional scoping); <see cref="OfficeCode"/> narrows to one.</summary>
    public IReadOnlyCollection<string>? OfficeCodes { get; init; }
    /// <summary>Tasks with at least this priority (0–100).</summary>
    public int? MinPriority { get; init; }
    /// <summary>Tasks created at or after this instant; with <see cref="OfficeCodes"/>, a range of each office's (office, created) index.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }
    public TaskSort Sort { get; init; } = TaskSort.CreatedAt;
    public bool Descending { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}

public enum TaskSort { CreatedAt, DueAt, Priority, Name }
