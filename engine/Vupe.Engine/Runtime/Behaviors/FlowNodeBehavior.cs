using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Feel;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>
/// What one kind of BPMN element means, in hooks the <see cref="FlowRunner"/> calls: a token arrives and enters,
/// the element completes and is left (which flows it takes), an event it listens for triggers, an execution at it is
/// cancelled, and a scope at it ends. The runner only moves tokens and scopes; every choice that depends on the kind of
/// element is made here. Stateless: one instance serves every process (chosen once at deployment by <see cref="BehaviorCatalog"/>).
/// </summary>
internal abstract class FlowNodeBehavior
{
    /// <summary>A token arrived (<paramref name="via"/> the flow it came by): by default the node starts and is entered.</summary>
    public virtual ValueTask ArriveAsync(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node, SequenceFlow? via)
    {
        ctx.History.Add(ctx, ic, ElementStarted, ex, node);
        return EnterAsync(ctx, ic, ex, node);
    }

    /// <summary>The node has started: prepare what it needs, then do its work.</summary>
    public virtual ValueTask EnterAsync(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node) => ExecuteAsync(ctx, ic, ex);

    /// <summary>The element's own work: wait, or complete, or leave.</summary>
    public abstract ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex);

    /// <summary>An activity's work is done (task completed, message received, child finished). Only activities complete.</summary>
    public virtual ValueTask CompleteAsync(CommandContext ctx, InstanceContext ic, Execution ex, IReadOnlyDictionary<string, FeelValue>? result) =>
        throw new InvalidOperationException($"{ic.NodeOf(ex)} is not an activity and cannot complete.");

    /// <summary>The token is about to take the node's outgoing flows: by default the node is recorded completed.</summary>
    public virtual void Leaving(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node) =>
        ctx.History.Add(ctx, ic, ElementCompleted, ex, node);

    /// <summary>The outgoing flows the token takes (none: it ends). By default every flow whose condition holds.</summary>
    public virtual void SelectOutgoing(InstanceContext ic, Execution ex, FlowNode node, List<SequenceFlow> selected) =>
        SelectConditional(ic, ex, node, defaultFlow: null, selected, $"No condition of the outgoing flows of {node} was true.");

    /// <summary>Whether <paramref name="owner"/> still waits for this event node in the way its subscription or timer was opened.</summary>
    public virtual bool IsListening(Execution owner, FlowNode node) => false;

    /// <summary>A message, timer, signal, condition, error or escalation arrived for <paramref name="owner"/> through this node. Returns whether it keeps listening.</summary>
    public virtual ValueTask<bool> TriggerAsync(CommandContext ctx, InstanceContext ic, Execution owner, FlowNode node, IReadOnlyDictionary<string, FeelValue>? variables) =>
        throw new InvalidOperationException($"{node} is not an event that can be triggered.");

    /// <summary>Whether an execution at this node owns subscriptions or timers of other nodes (boundary events, event sub-process starts).</summary>
    public virtual bool OwnsEvents(FlowNode node) => false;

    /// <summary>An execution at this node is being cancelled: remove what the element created outside the instance's state.</summary>
    public virtual ValueTask CancelAsync(CommandContext ctx, InstanceContext ic, Execution ex) => ValueTask.CompletedTask;

    /// <summary>The last child of a scope execution at this node ended.</summary>
    public virtual ValueTask ScopeEndedAsync(CommandContext ctx, InstanceContext ic, Execution scope) => CompleteAsync(ctx, ic, scope, null);

    /// <summary>An operator resolved the incident that stopped a token here; undo what the failed step had done before it is run again.</summary>
    public virtual ValueTask PrepareRetryAsync(CommandContext ctx, InstanceContext ic, Execution ex, IncidentPhase phase) => ValueTask.CompletedTask;

    /// <summary>The flows whose condition holds (an unconditional flow always does), else the default flow; none of them is an incident.</summary>
    protected static void SelectConditional(InstanceContext ic, Execution ex, FlowNode node, SequenceFlow? defaultFlow, List<SequenceFlow> selected, string noneTrue)
    {
        var outgoing = node.Outgoing;
        for (var i = 0; i < outgoing.Count; i++)
            if (outgoing[i] is var f && f != defaultFlow && (f.Condition is null || IsTrue(ic, ex, f))) selected.Add(f);
        if (selected.Count == 0 && defaultFlow is not null) selected.Add(defaultFlow);
        if (selected.Count == 0) throw new IncidentException(IncidentKind.ConditionError, noneTrue);
    }

    protected static bool IsTrue(InstanceContext ic, Execution ex, SequenceFlow flow)
    {
        var scope = ic.ScopeFor(ex);
        if (flow.Condition!.Evaluate(scope) is FeelBoolean quick) return quick.Value;
        // Not a boolean: evaluate again to collect the diagnostics that explain it.
        var evaluation = flow.Condition.EvaluateWithDiagnostics(scope);
        if (evaluation.Value is FeelBoolean b) return b.Value;
        var why = evaluation.Diagnostics.Count > 0 ? " (" + string.Join("; ", evaluation.Diagnostics.Select(d => d.Message)) + ")" : "";
        throw new IncidentException(IncidentKind.ConditionError,
            $"The condition '{flow.Condition.Source}' of sequence flow '{flow.Id}' gave {FlowRunner.Describe(evaluation.Value)}, not true or false{why}.");
    }
}
