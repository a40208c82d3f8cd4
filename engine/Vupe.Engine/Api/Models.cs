using Vupe.Engine.Persistence;

namespace Vupe.Engine;

public sealed record DeploymentResource(string Name, string Content);

public sealed record DefinitionInstanceCounts(int Running, int Ended);

/// <summary>Whether one instance can move to a target definition, and if not why (Spanish, for the supervisor).</summary>
public sealed record MigrationCheck(Guid InstanceId, Guid CaseId, bool CanMigrate, IReadOnlyList<string> Reasons);

/// <summary>A deployment: when, by whom, and the process, decision and form versions it created.</summary>
public sealed record DeploymentInfo(Guid Id, string Name, DateTimeOffset DeployedAt, string? DeployedBy, IReadOnlyList<ProcessDefinitionInfo> Processes,
    IReadOnlyList<ResourceDefinitionInfo> Resources);

public sealed record ProcessDefinitionInfo(string Id, string Key, int Version, string? Name, Guid DeploymentId, string ResourceName, DateTimeOffset DeployedAt)
{
    internal static ProcessDefinitionInfo From(ProcessDefinitionRecord r) => new(r.Id, r.Key, r.Version, r.Name, r.DeploymentId, r.ResourceName, r.DeployedAt);
}

/// <summary>The definitions a deployment holds; <see cref="Unchanged"/> lists processes identical to their latest version, which got no new version.</summary>
public sealed record DeploymentResult(Guid DeploymentId, IReadOnlyList<ProcessDefinitionInfo> Definitions, IReadOnlyList<ProcessDefinitionInfo> Unchanged)
{
    /// <summary>New versions of decisions and forms.</summary>
    public IReadOnlyList<ResourceDefinitionInfo> Resources { get; init; } = [];
    /// <summary>Decisions and forms identical to their latest version, which got no new version.</summary>
    public IReadOnlyList<ResourceDefinitionInfo> UnchangedResources { get; init; } = [];
}

public sealed record StartProcessRequest
{
    public required string ProcessKey { get; init; }
    /// <summary>A specific version; the latest when null.</summary>
    public int? Version { get; init; }
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
    /// <summary>Open a new case at this office (default: the engine's default office) ...</summary>
    public string? OfficeCode { get; init; }
    /// <summary>... or run the process in an existing case.</summary>
    public Guid? CaseId { get; init; }
    /// <summary>A new case that is a child of this one (a referral opened from a triage).</summary>
    public Guid? ParentCaseId { get; init; }
    public string? Title { get; init; }
    /// <summary>Who the new case is about (a party id); a child case inherits its parent's when null.</summary>
    public string? SubjectId { get; init; }
    public string? BusinessKey { get; init; }
    public string? UserId { get; init; }
}

public sealed record ProcessInstanceInfo(
    Guid Id, string DefinitionId, string ProcessKey, int Version, Guid CaseId, string CaseNumber, InstanceStatus Status,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, Guid? ParentInstanceId, string? BusinessKey, IReadOnlyList<string> ActiveElementIds)
{
    /// <summary>Active but paused by an operator (<see cref="RuntimeService.SuspendAsync"/>).</summary>
    public bool Suspended { get; init; }
}

/// <summary>Which instances of one process definition <see cref="RuntimeService.QueryInstancesAsync"/> lists; every criterion given must hold.</summary>
public sealed record InstanceQuery(string DefinitionId)
{
    /// <summary>Instances whose case is at one of these offices (regional scoping); all offices when null.</summary>
    public IReadOnlyCollection<string>? OfficeCodes { get; init; }
    /// <summary>Narrows to one office.</summary>
    public string? OfficeCode { get; init; }
    public InstanceQueryState? State { get; init; }
    /// <summary>Instances with a token at this element.</summary>
    public string? ActiveElementId { get; init; }
    public DateTimeOffset? StartedFrom { get; init; }
    /// <summary>Exclusive upper bound.</summary>
    public DateTimeOffset? StartedBefore { get; init; }
    /// <summary>
    /// A process-level variable whose value equals <see cref="VariableValue"/>: text ignoring the case of A–Z, numbers
    /// numerically ("1500" matches 1500.00), true/false/null, dates, times and durations as FEEL writes them
    /// ("2026-03-01", "P3D"); lists and contexts never match.
    /// </summary>
    public string? VariableName { get; init; }
    public string? VariableValue { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 25;
}

/// <summary>An instance's state as an operator sees it: running, paused by an operator, or ended (completed, terminated, cancelled).</summary>
public enum InstanceQueryState { Running, Suspended, Ended }

/// <summary>An instance with its case's office.</summary>
public sealed record InstanceRow(ProcessInstanceInfo Instance, string OfficeCode);

/// <summary>One page of <see cref="RuntimeService.QueryInstancesAsync"/>: its rows and how many matched in all.</summary>
public sealed record InstancePage(IReadOnlyList<InstanceRow> Items, int Total);

/// <summary>Which open incidents <see cref="ManagementService.QueryIncidentsAsync"/> lists: of every case, or of some offices' cases; a page of them.</summary>
public sealed record IncidentQuery
{
    /// <summary>Incidents whose case is at one of these offices (regional scoping); all offices when null.</summary>
    public IReadOnlyCollection<string>? OfficeCodes { get; init; }
    /// <summary>Narrows to one office.</summary>
    public string? OfficeCode { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 25;
}

/// <summary>An open incident with its case's number and office.</summary>
public sealed record IncidentRow(IncidentInfo Incident, string CaseNumber, string OfficeCode);

/// <summary>One page of <see cref="ManagementService.QueryIncidentsAsync"/> and how many incidents matched.</summary>
public sealed record IncidentPage(IReadOnlyList<IncidentRow> Items, int Total);

/// <summary>The engine's job queue counted: timers waiting (and those already due), async steps, service-task attempts, retries pending and jobs out of retries.</summary>
public sealed record JobQueueSummary(int Timers, int TimersDue, int TimerStarts, int AsyncContinuations, int ServiceTasks, int Retrying, int Failed);

/// <summary>A case as its page shows it (<see cref="CaseService.GetViewAsync"/>): its open incidents only.</summary>
public sealed record CaseView(CaseFileInfo Case, Dictionary<string, object?> Variables, IReadOnlyList<ProcessInstanceInfo> Instances, IReadOnlyList<TaskInfo> Tasks,
    IReadOnlyList<CaseFileInfo> Children, IReadOnlyList<HistoryEntry> History, IReadOnlyList<IncidentInfo> OpenIncidents);

public sealed record CaseFileInfo(
    Guid Id, string CaseNumber, string OfficeCode, string? Title, string? ProcessKey, CaseStatus Status, Guid? ParentCaseId,
    Guid? RootInstanceId, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string? OpenedBy, string? SubjectId)
{
    internal static CaseFileInfo From(CaseFileRecord c) =>
        new(c.Id, c.CaseNumber, c.OfficeCode, c.Title, c.ProcessKey, c.Status, c.ParentCaseId, c.RootInstanceId, c.OpenedAt, c.ClosedAt, c.OpenedBy, c.SubjectId);
}

/// <summary>A task with its form, the variables the form sees and its process definition (<see cref="TaskService.GetWorkAsync"/>).</summary>
public sealed record TaskWorkInfo(TaskInfo Task, DeployedResource? Form, Dictionary<string, object?> Variables, string DefinitionId);

public sealed record TaskInfo(
    Guid Id, string? Name, string ElementId, Guid InstanceId, Guid CaseId, string CaseNumber, string OfficeCode, string ProcessKey,
    string? Assignee, IReadOnlyList<string> CandidateGroups, IReadOnlyList<string> CandidateUsers, DateTimeOffset? DueAt,
    DateTimeOffset? FollowUpAt, int Priority, string? FormKey, DateTimeOffset CreatedAt, DateTimeOffset? ClaimedAt, long Version)
{
    internal static TaskInfo From(UserTaskRecord t) => new(
        t.Id, t.Name, t.ElementId, t.InstanceId, t.CaseId, t.CaseNumber, t.OfficeCode, t.ProcessKey, t.Assignee,
        CandidateValues(t.Candidates, "group"), CandidateValues(t.Candidates, "user"),
        t.DueAt, t.FollowUpAt, t.Priority, t.FormKey, t.CreatedAt, t.ClaimedAt, t.Version);

    internal static string[] CandidateValues(List<TaskCandidateRecord> candidates, string kind)
    {
        var n = 0;
        foreach (var c in candidates)
            if (c.Kind == kind) n++;
        if (n == 0) return [];
        var values = new string[n];
        n = 0;
        foreach (var c in candidates)
            if (c.Kind == kind) values[n++] = c.Value;
        return values;
    }
}

public sealed record HistoryEntry(
    long Id, DateTimeOffset Timestamp, string EventType, Guid InstanceId, Guid CaseId, string? ElementId, string? ElementType,
    string? ElementName, string? ExecutionId, string? UserId, string? Details)
{
    internal static HistoryEntry From(HistoryEventRecord h) =>
        new(h.Id, h.Timestamp, h.EventType, h.InstanceId, h.CaseId, h.ElementId, h.ElementType, h.ElementName, h.ExecutionId, h.UserId, h.Details);
}

public sealed record IncidentInfo(Guid Id, Guid InstanceId, Guid CaseId, string ElementId, IncidentKind Kind, string Message,
    DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, Guid? JobId)
{
    internal static IncidentInfo From(IncidentRecord i) => new(i.Id, i.InstanceId, i.CaseId, i.ElementId, i.Kind, i.Message, i.CreatedAt, i.ResolvedAt, i.ResolvedBy, i.JobId);
}

public sealed record JobInfo(Guid Id, JobKind Kind, Guid? InstanceId, string ElementId, DateTimeOffset DueAt, int RetriesLeft, int Attempts, string? LastError)
{
    internal static JobInfo From(JobRecord j) => new(j.Id, j.Kind, j.InstanceId, j.ElementId, j.DueAt, j.RetriesLeft, j.Attempts, j.LastError);
}
