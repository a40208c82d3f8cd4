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

    public Execution Clone() => new()
    {
        Id = Id, ParentId = ParentId, ElementId = ElementId, Wait = Wait, ArrivedVia = ArrivedVia,
        Variables = Variables is null ? null : new Dictionary<string, FeelValue>(Variables, StringComparer.Ordinal),
        IsMultiInstanceInner = IsMultiInstanceInner, LoopCounter = LoopCounter,
        MultiInstance = MultiInstance?.Clone(), TaskId = TaskId, ChildInstanceId = ChildInstanceId,
        AsyncDone = AsyncDone, IncidentId = IncidentId, IncidentPhase = IncidentPhase,
        Conditions = Conditions is null ? null : new Dictionary<string, bool>(Conditions, StringComparer.Ordinal),
    };
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

    public InstanceState Clone()
    {
        var copy = new InstanceState { NextExecutionNumber = NextExecutionNumber, Bindings = Bindings is null ? null : new(Bindings, StringComparer.Ordinal) };
        foreach (var (id, e) in Executions) copy.Executions[id] = e.Clone();
        return copy;
    }
}
