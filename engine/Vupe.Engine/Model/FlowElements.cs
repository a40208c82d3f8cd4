using Vupe.Feel;

namespace Vupe.Engine.Model;

/// <summary>Anything with an id that sits in a process: nodes and sequence flows.</summary>
internal abstract class BaseElement
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    /// <summary>Line in the deployed XML, for error messages.</summary>
    public int Line { get; init; }
    /// <summary>The sub-process or process that contains this element (null for the process itself).</summary>
    public FlowScopeElement? Container { get; internal set; }
    public abstract string ElementType { get; }
    public override string ToString() => $"{ElementType} '{Id}'";
}

internal sealed class SequenceFlow : BaseElement
{
    public override string ElementType => "sequenceFlow";
    public required FlowNode Source { get; init; }
    public required FlowNode Target { get; init; }
    public FeelExpression? Condition { get; init; }
    /// <summary>The file gave a condition (it may have failed to parse and been reported).</summary>
    public bool HasConditionText { get; init; }
}

internal abstract class FlowNode : BaseElement
{
    private readonly List<SequenceFlow> _incoming = [];
    private readonly List<SequenceFlow> _outgoing = [];
    public IReadOnlyList<SequenceFlow> Incoming => _incoming;
    public IReadOnlyList<SequenceFlow> Outgoing => _outgoing;
    internal void AddIncoming(SequenceFlow flow) => _incoming.Add(flow);
    internal void AddOutgoing(SequenceFlow flow) => _outgoing.Add(flow);

    /// <summary>Set by the parser: the runtime behaviour that executes this node.</summary>
    internal Runtime.Behaviors.FlowNodeBehavior Behavior { get; set; } = null!;

    /// <summary>Nodes reachable from this one inside the same container, used by inclusive joins.</summary>
    internal HashSet<FlowNode> Reachable { get; set; } = [];

    /// <summary>True when a token can rest here (waits for a person, a message, a timer or a job).</summary>
    public virtual bool IsWaitState => false;
}

internal sealed record IoMapping(FeelExpression Source, string Target);

internal abstract class Activity : FlowNode
{
    public List<BoundaryEvent> BoundaryEvents { get; } = [];
    public MultiInstanceCharacteristics? MultiInstance { get; internal set; }
    public StandardLoopCharacteristics? StandardLoop { get; internal set; }
    public IReadOnlyList<IoMapping> Inputs { get; internal set; } = [];
    public IReadOnlyList<IoMapping> Outputs { get; internal set; } = [];
    /// <summary>vupe:async — commit before executing; the job executor continues.</summary>
    public bool AsyncBefore { get; internal set; }
    public SequenceFlow? DefaultFlow { get; internal set; }
    /// <summary>isForCompensation="true": runs only as another activity's compensation handler, never through a sequence flow.</summary>
    public bool IsForCompensation { get; internal set; }
    /// <summary>The activity that undoes this one: associated to this activity's compensation boundary event.</summary>
    public Activity? CompensationHandler { get; internal set; }
}

internal sealed class MultiInstanceCharacteristics
{
    public bool IsSequential { get; init; }
    public FeelExpression? Collection { get; init; }
    public FeelExpression? LoopCardinality { get; init; }
    public string? ElementVariable { get; init; }
    public FeelExpression? CompletionCondition { get; init; }
    public string? OutputCollection { get; init; }
    public FeelExpression? OutputElement { get; init; }
}

/// <summary>
/// bpmn:standardLoopCharacteristics: the activity runs again while <see cref="Condition"/> holds, at most
/// <see cref="Maximum"/> times; with <see cref="TestBefore"/> the condition is checked before the first run too.
/// </summary>
internal sealed class StandardLoopCharacteristics
{
    public FeelExpression? Condition { get; init; }
    public int? Maximum { get; init; }
    public bool TestBefore { get; init; }
}

/// <summary>A value given either literally or as a FEEL expression ("=..." in our attributes).</summary>
internal sealed class ValueOrExpression
{
    public string? Literal { get; init; }
    public FeelExpression? Expression { get; init; }
}

internal sealed class PlainTask(string kind) : Activity
{
    public override string ElementType => kind; // task, manualTask
}

internal sealed class UserTask : Activity
{
    public override string ElementType => "userTask";
    public override bool IsWaitState => true;
    public ValueOrExpression? Assignee { get; init; }
    /// <summary>
    /// <c>vupe:sameAssigneeAs</c>: the id of an earlier user task of the process; this task goes to whoever completed that
    /// one last in the case (the consultant who did the diagnosis confirms its referrals), unless <see cref="Assignee"/>
    /// names someone. Offered to the candidates as usual when that task was never completed.
    /// </summary>
    public string? SameAssigneeAs { get; init; }
    public ValueOrExpression? CandidateGroups { get; init; }
    public ValueOrExpression? CandidateUsers { get; init; }
    public ValueOrExpression? DueDate { get; init; }
    public ValueOrExpression? FollowUpDate { get; init; }
    public ValueOrExpression? Priority { get; init; }
    public string? FormKey { get; init; }
    /// <summary>Which version of the form: the latest when the case starts, the one deployed with the process, or <see cref="FormVersion"/>.</summary>
    public CallBinding FormBinding { get; init; } = CallBinding.Latest;
    public int? FormVersion { get; init; }
    public string? Documentation { get; init; }
}

/// <summary>Service task, send task, or business rule task run through a task handler.</summary>
internal sealed class ServiceTask(string kind) : Activity
{
    public override string ElementType => kind;
    public required string TaskType { get; init; }
    public int Retries { get; init; } = 3;
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromSeconds(10);
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

internal sealed class BusinessRuleTask : Activity
{
    public override string ElementType => "businessRuleTask";
    public required string DecisionRef { get; init; }
    public required string ResultVariable { get; init; }
    /// <summary>Which version of the decision: the latest when the case starts, the one deployed with the process, or <see cref="BoundVersion"/>.</summary>
    public CallBinding Binding { get; init; } = CallBinding.Latest;
    public int? BoundVersion { get; init; }
}

/// <summary>A script task whose script is a FEEL expression; its value is kept in <see cref="ResultVariable"/>.</summary>
internal sealed class ScriptTask : Activity
{
    public override string ElementType => "scriptTask";
    public required FeelExpression Script { get; init; }
    public required string ResultVariable { get; init; }
}

internal sealed class ReceiveTask : Activity
{
    public override string ElementType => "receiveTask";
    public override bool IsWaitState => true;
    public required MessageDefinition Message { get; init; }
}

/// <summary>A send task without a handler type publishes its message inside the engine.</summary>
internal sealed class SendTask : Activity
{
    public override string ElementType => "sendTask";
    public required MessageDefinition Message { get; init; }
}

internal sealed class CallActivity : Activity
{
    public override string ElementType => "callActivity";
    public override bool IsWaitState => true;
    public required string CalledElement { get; init; }
    public CallBinding Binding { get; init; } = CallBinding.Latest;
    public int? CalledVersion { get; init; }
}

internal enum CallBinding { Latest, Deployment, Version }

/// <summary>A process or a sub-process: something that contains flow nodes.</summary>
internal abstract class FlowScopeElement : Activity
{
    public List<FlowNode> Nodes { get; } = [];
    public List<SequenceFlow> Flows { get; } = [];
    public List<SubProcess> EventSubProcesses { get; } = [];
    /// <summary>The none start event; the one a plain start (or entering a sub-process) uses.</summary>
    public StartEvent? NoneStart { get; internal set; }
}

internal sealed class SubProcess : FlowScopeElement
{
    public override string ElementType => TriggeredByEvent ? "eventSubProcess" : "subProcess";
    public bool TriggeredByEvent { get; init; }
    /// <summary>For an event sub-process: its one start event.</summary>
    public StartEvent? TriggerStart { get; internal set; }
    /// <summary>Its event sub-process whose start event is a compensation event, which undoes it once it completed.</summary>
    public SubProcess? CompensationEventSubProcess => EventSubProcesses.FirstOrDefault(e => e.TriggerStart?.Definition is CompensateDefinition);
}

internal sealed class ProcessModel : FlowScopeElement
{
    public override string ElementType => "process";
    public bool IsExecutable { get; init; } = true;
    /// <summary>Every node and flow of the process at any depth, by id.</summary>
    public Dictionary<string, BaseElement> ElementsById { get; } = new(StringComparer.Ordinal);
    public List<StartEvent> StartEvents { get; } = [];
    /// <summary>Whether any element subscribes to messages, timers or signals; when not, ending an instance needs no clean-up query.</summary>
    public bool UsesEvents { get; internal set; }
    /// <summary>Whether any element waits on a condition; when not, changing variables evaluates nothing.</summary>
    public bool UsesConditions { get; internal set; }
    /// <summary>Whether any element compensates or is compensated; when not, completing an activity records nothing for compensation.</summary>
    public bool UsesCompensation { get; internal set; }

    public FlowNode GetNode(string id) =>
        ElementsById.TryGetValue(id, out var e) && e is FlowNode n
            ? n
            : throw new InvalidOperationException($"Process '{Id}' has no flow node '{id}'.");
}
