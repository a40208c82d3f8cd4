using Vupe.Feel;

namespace Vupe.Engine.Runtime;

/// <summary>What an execution is waiting for, if anything.</summary>
internal enum WaitKind
{
    None = 0,
    /// <summary>A scope with child executions (process, sub-process, multi-instance body).</summary>
    Scope,
    UserTask,
    Message,
    Timer,
    Signal,
    /// <summary>At an event-based gateway: whichever following event comes first.</summary>
    EventGateway,
    CallActivity,
    /// <summary>Arrived at a joining gateway, waiting for the other branches.</summary>
    Join,
    /// <summary>A job (async continuation or a service task retry) will continue it.</summary>
    Job,
    /// <summary>Stopped by an incident until an operator resolves it.</summary>
    Incident,
    /// <summary>At a conditional catch event: until its condition becomes true.</summary>
    Condition,
    /// <summary>At a compensation throw event: until the handlers of the activities it compensates finish.</summary>
    Compensation,
}

internal enum IncidentPhase { Arrive, Complete, Leave }

/// <summary>
/// A token or a scope of a process instance. Executions form a tree: the root is the process
/// instance; a sub-process or multi-instance body holds children. Serialised with the instance.
/// </summary>
internal sealed class Execution
{
    public required string Id { get; init; }
    public string? ParentId { get; set; }
    /// <summary>The flow node the token is at (for the root: the process id).</summary>
    public required string ElementId { get; set; }
    public WaitKind Wait { get; set; }
    /// <summary>For Join: the sequence flow it arrived by.</summary>
    public string? ArrivedVia { get; set; }
    public Dictionary<string, FeelValue>? Variables { get; set; }
    /// <summary>An inner instance of a multi-instance activity (its parent is the body).</summary>
    public bool IsMultiInstanceInner { get; set; }
    public int LoopCounter { get; set; }
    public MultiInstanceState? MultiInstance { get; set; }
    public Guid? TaskId { get; set; }
    public Guid? ChildInstanceId { get; set; }
    /// <summary>Entered after an async-before job: do not create another job.</summary>
    public bool AsyncDone { get; set; }
    public Guid? IncidentId { get; set; }
    /// <summary>Which step an incident stopped, so that resolving it retries that step.</summary>
    public IncidentPhase IncidentPhase { get; set; }
    /// <summary>
    /// The conditional events this execution listens to (a catch it waits at, its boundary events, its event
    /// sub-processes' starts) with the condition's last value, so each fires once per change from false to true.
    /// </summary>
    public Dictionary<string, bool>? Conditions { get; set; }
    /// <summary>On a compensation handler or a compensated sub-process's scope: the execution that waits for it to finish.</summary>
    public string? CompensationWaiter { get; set; }
    /// <summary>On an execution that compensates: the <see cref="CompensableActivity.Number"/>s still to undo, next first.</summary>
    public List<int>? CompensationQueue { get; set; }
    /// <summary>A completed sub-process's scope brought back to run its compensation (its event sub-process or its activities' handlers).</summary>
    public bool IsCompensationScope { get; set; }

    public Execution Clone() => new()
    {
        Id = Id, ParentId = ParentId, ElementId = ElementId, Wait = Wait, ArrivedVia = ArrivedVia,
        Variables = Variables is null ? null : new Dictionary<string, FeelValue>(Variables, StringComparer.Ordinal),
        IsMultiInstanceInner = IsMultiInstanceInner, LoopCounter = LoopCounter,
        MultiInstance = MultiInstance?.Clone(), TaskId = TaskId, ChildInstanceId = ChildInstanceId,
        AsyncDone = AsyncDone, IncidentId = IncidentId, IncidentPhase = IncidentPhase,
        Conditions = Conditions is null ? null : new Dictionary<string, bool>(Conditions, StringComparer.Ordinal),
        CompensationWaiter = CompensationWaiter, CompensationQueue = CompensationQueue is null ? null : [.. CompensationQueue],
        IsCompensationScope = IsCompensationScope,
    };
}

/// <summary>
/// A completed activity that can still be compensated: it has a compensation handler, or it is a sub-process with a
/// compensation event sub-process or with compensable activities inside (then <see cref="InnerScopeId"/> is the scope
/// id under which those were recorded). Kept with the instance until compensated, its scope cancelled or the instance ended.
/// </summary>
internal sealed class CompensableActivity
{
    /// <summary>Increases with each completion: compensation goes from the highest down.</summary>
    public int Number { get; set; }
    public string ElementId { get; set; } = "";
    /// <summary>The execution of the scope (process, sub-process) it completed in.</summary>
    public string ScopeId { get; set; } = "";
    public string? InnerScopeId { get; set; }
}

internal sealed class MultiInstanceState
{
    public List<FeelValue> Items { get; set; } = [];
    public int Started { get; set; }
    public int Completed { get; set; }
    public List<FeelValue>? Outputs { get; set; }

    public MultiInstanceState Clone() => new()
    {
        Items = [.. Items], Started = Started, Completed = Completed, Outputs = Outputs is null ? null : [.. Outputs],
    };
}

/// <summary>The runtime state of one process instance: its execution tree and variables.</summary>
internal sealed class InstanceState
{
    public Dictionary<string, Execution> Executions { get; set; } = new(StringComparer.Ordinal);
    public int NextExecutionNumber { get; set; } = 1;
    /// <summary>The versions of the decisions and forms the case bound to when it started ("decision:key" → version); kept for its life.</summary>
    public Dictionary<string, int>? Bindings { get; set; }
    /// <summary>The completed activities compensation could still undo, in completion order (absent in states written before compensation existed).</summary>
    public List<CompensableActivity>? Compensable { get; set; }
    public int NextCompensableNumber { get; set; }
    /// <summary>Who completed each user task last (element id → user), for <c>vupe:sameAssigneeAs</c>; absent until one is completed.</summary>
    public Dictionary<string, string>? Completers { get; set; }
    /// <summary>An operator paused the instance: its jobs wait, its tasks cannot be completed, messages and signals pass it by, until resumed.</summary>
    public bool Suspended { get; set; }
    /// <summary>While suspended: the due time each of its jobs had, restored on resume (their rows meanwhile due far in the future, so no sweep picks them).</summary>
    public Dictionary<Guid, DateTimeOffset>? ParkedJobs { get; set; }

    /// <summary>Where the tokens are: every execution that is not a scope with children, by element id, in ordinal order.</summary>
    public List<string> ActiveElementIds()
    {
        if (Executions.Count <= 1) return []; // the root alone (an ended instance) or nothing
        var parents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in Executions.Values)
            if (e.ParentId is not null) parents.Add(e.ParentId);
        var active = new List<string>();
        foreach (var e in Executions.Values)
            if (e.Id != InstanceContext.RootId && !parents.Contains(e.Id)) active.Add(e.ElementId);
        active.Sort(StringComparer.Ordinal);
        return active;
    }

    public InstanceState Clone()
    {
        var copy = new InstanceState
        {
            NextExecutionNumber = NextExecutionNumber, Bindings = Bindings is null ? null : new(Bindings, StringComparer.Ordinal),
            Compensable = Compensable?.Select(c => new CompensableActivity { Number = c.Number, ElementId = c.ElementId, ScopeId = c.ScopeId, InnerScopeId = c.InnerScopeId }).ToList(),
            NextCompensableNumber = NextCompensableNumber, Suspended = Suspended,
            Completers = Completers is null ? null : new(Completers, StringComparer.Ordinal),
            ParkedJobs = ParkedJobs is null ? null : new(ParkedJobs),
        };
        foreach (var (id, e) in Executions) copy.Executions[id] = e.Clone();
        return copy;
    }
}
