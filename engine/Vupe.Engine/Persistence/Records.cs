using Vupe.Engine.Runtime;

namespace Vupe.Engine.Persistence;

// Rows of the engine's tables. They are plain classes so that EF Core and the in-memory store share
// them; the runtime state of an instance travels as one JSON document (StateJson) beside the rows
// that must be queryable (tasks, subscriptions, jobs, incidents, history).

public sealed class DeploymentRecord
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset DeployedAt { get; set; }
    public string? DeployedBy { get; set; }
}

public sealed class ProcessDefinitionRecord
{
    /// <summary>"key:version", unique.</summary>
    public required string Id { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public Guid DeploymentId { get; set; }
    public required string ResourceName { get; set; }
    public required string Xml { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset DeployedAt { get; set; }
}

/// <summary>
/// A version of a deployed resource other than a process — a decision of a DMN file, a form — kept with the file it
/// came from. Versioned per kind and key like processes: an unchanged file makes no new version.
/// </summary>
public sealed class ResourceDefinitionRecord
{
    /// <summary>"kind:key:version", unique.</summary>
    public required string Id { get; set; }
    /// <summary>What the host's <see cref="IResourceKind"/> calls it: "decision", "form".</summary>
    public required string Kind { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public Guid DeploymentId { get; set; }
    public required string ResourceName { get; set; }
    public required string Content { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset DeployedAt { get; set; }
}

public enum CaseStatus { Open, Closed, Cancelled }

public sealed class CaseFileRecord
{
    public Guid Id { get; set; }
    /// <summary>OFFICE-YEAR-SEQUENCE, e.g. LIM-2026-000123.</summary>
    public required string CaseNumber { get; set; }
    public required string OfficeCode { get; set; }
    public int Year { get; set; }
    public long Sequence { get; set; }
    public string? Title { get; set; }
    public string? ProcessKey { get; set; }
    public CaseStatus Status { get; set; }
    public Guid? ParentCaseId { get; set; }
    /// <summary>Who or what the case is about (the server's party id); children inherit it from their parent.</summary>
    public string? SubjectId { get; set; }
    public Guid? RootInstanceId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? OpenedBy { get; set; }
    public long Version { get; set; }

    public CaseFileRecord Clone() => (CaseFileRecord)MemberwiseClone();
}

public enum InstanceStatus { Active, Completed, Terminated, Cancelled }

public sealed class ProcessInstanceRecord
{
    public Guid Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string ProcessKey { get; set; }
    public int DefinitionVersion { get; set; }
    public Guid CaseId { get; set; }
    public string? BusinessKey { get; set; }
    public InstanceStatus Status { get; set; }
    public Guid? ParentInstanceId { get; set; }
    public string? ParentExecutionId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? StartedBy { get; set; }
    /// <summary>Optimistic concurrency: incremented on every committed step.</summary>
    public long Version { get; set; }
    /// <summary>Active and paused by an operator: the state's flag, copied onto the row when it is written so that queries filter on it.</summary>
    public bool Suspended { get; set; }
    /// <summary>
    /// The elements its tokens wait at, each once, in ordinal order, as "|a|b|" (null when it has none or has ended): the
    /// state's tokens, copied onto the row when it is written so that queries find the instances at an element.
    /// </summary>
    public string? ActiveElements { get; set; }
    /// <summary>Serialised <see cref="InstanceState"/>: in the database stores; in the in-memory store only for ended instances (<see cref="EndedInstanceState"/>).</summary>
    public string StateJson { get; set; } = "";
    internal InstanceState State { get; set; } = new();

    public ProcessInstanceRecord Clone()
    {
        var copy = (ProcessInstanceRecord)MemberwiseClone();
        copy.State = State.Clone();
        return copy;
    }

    internal ProcessInstanceRecord WithState(InstanceState state, string stateJson)
    {
        var copy = (ProcessInstanceRecord)MemberwiseClone();
        copy.State = state;
        copy.StateJson = stateJson;
        return copy;
    }
}

public sealed class UserTaskRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ExecutionId { get; set; }
    public required string ElementId { get; set; }
    public string? Name { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseNumber { get; set; }
    public required string OfficeCode { get; set; }
    public required string ProcessKey { get; set; }
    public string? Assignee { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? FollowUpAt { get; set; }
    public int Priority { get; set; }
    public string? FormKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public List<TaskCandidateRecord> Candidates { get; set; } = [];
    /// <summary>
    /// <see cref="Candidates"/> copied onto the task row as one text, "|group:LIM-consultor|group:LIM-cul|user:ana|"
    /// ('|' and '%' inside a value percent-encoded), written when the task is created (its candidates never change).
    /// The inbox's "offered to my groups" filter reads it from the task's index entry instead of searching
    /// TaskCandidates once per task, which is what made counting an office's available tasks slow (docs/benchmarks.md, Inbox).
    /// </summary>
    public string CandidateKey { get; set; } = "";
    public long Version { get; set; }

    /// <summary>The <see cref="CandidateKey"/> of these candidates, for code that writes task rows itself (importers, bulk loads).</summary>
    public static string CandidateKeyOf(IEnumerable<TaskCandidateRecord> candidates) => TaskQueryable.CandidateKeyOf(candidates);

    public UserTaskRecord Clone()
    {
        var copy = (UserTaskRecord)MemberwiseClone();
        var candidates = new List<TaskCandidateRecord>(Candidates.Count);
        foreach (var c in Candidates) candidates.Add(c.Clone());
        copy.Candidates = candidates;
        return copy;
    }
}

public sealed class TaskCandidateRecord
{
    public long Id { get; set; }
    public Guid TaskId { get; set; }
    /// <summary>"group" or "user".</summary>
    public required string Kind { get; set; }
    public required string Value { get; set; }
    public TaskCandidateRecord Clone() => (TaskCandidateRecord)MemberwiseClone();
}

public enum SubscriptionKind { Message, Signal }

public sealed class EventSubscriptionRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    /// <summary>The execution that reacts: the waiting token, the activity a boundary event is attached to, or the scope of an event sub-process.</summary>
    public required string ExecutionId { get; set; }
    /// <summary>The catching event (or receive task).</summary>
    public required string ElementId { get; set; }
    public SubscriptionKind Kind { get; set; }
    public required string Name { get; set; }
    public string? CorrelationKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public EventSubscriptionRecord Clone() => (EventSubscriptionRecord)MemberwiseClone();
}

public sealed class BufferedMessageRecord
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? CorrelationKey { get; set; }
    public string VariablesJson { get; set; } = "{}";
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public BufferedMessageRecord Clone() => (BufferedMessageRecord)MemberwiseClone();
}

public enum JobKind { Timer, AsyncContinuation, ServiceTask, TimerStart }

public sealed class JobRecord
{
    public Guid Id { get; set; }
    public JobKind Kind { get; set; }
    public Guid? InstanceId { get; set; }
    /// <summary>For timer start events: the definition to start.</summary>
    public string? DefinitionId { get; set; }
    public string? ExecutionId { get; set; }
    public required string ElementId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public int RetriesLeft { get; set; }
    public int Attempts { get; set; }
    /// <summary>For cycle timers: repetitions left (-1 = unbounded).</summary>
    public int RepeatsLeft { get; set; }
    public string? TimerSpec { get; set; }
    /// <summary>For service-task retries: the key the handler got on the first attempt, so every attempt sends the same one.</summary>
    public string? IdempotencyKey { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; }
    public JobRecord Clone() => (JobRecord)MemberwiseClone();
}

public enum IncidentKind { FailedJob, ConditionError, MappingError, UnhandledError, CallActivityError, DecisionError, Other }

public sealed class IncidentRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid CaseId { get; set; }
    public required string ExecutionId { get; set; }
    public required string ElementId { get; set; }
    public Guid? JobId { get; set; }
    public IncidentKind Kind { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public IncidentRecord Clone() => (IncidentRecord)MemberwiseClone();
}

public sealed class HistoryEventRecord
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid CaseId { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    /// <summary>See <see cref="Vupe.Engine.HistoryEventTypes"/>.</summary>
    public required string EventType { get; set; }
    public string? ElementId { get; set; }
    public string? ElementType { get; set; }
    public string? ElementName { get; set; }
    public string? ExecutionId { get; set; }
    public string? UserId { get; set; }
    /// <summary>JSON: what changed (variables before/after, task data, error).</summary>
    public string? Details { get; set; }

    /// <summary>Details not yet written as JSON: serialised when stored in a database or first read, not on the hot path.</summary>
    internal object? PendingDetails { get; set; }

    internal HistoryEventRecord Materialize()
    {
        if (PendingDetails is { } pending)
        {
            Details = System.Text.Json.JsonSerializer.Serialize(pending, Runtime.HistoryJson.Options);
            PendingDetails = null;
        }
        return this;
    }
}
