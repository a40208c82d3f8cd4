using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Feel;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime;

/// <summary>
/// Moves tokens through a process: arriving at nodes, entering and completing activities, choosing
/// outgoing flows, ending executions and completing scopes. Element-specific work lives in the
/// behaviours; events, errors and multi-instance in the other parts of this class.
/// </summary>
internal sealed partial class FlowRunner
{
    // ---------------------------------------------------------------- arriving

    public void Arrive(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node, SequenceFlow? via) =>
        ctx.Schedule(new Step(StepKind.Arrive, ic, ex, node, via));

    private async ValueTask ArriveAsync(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node, SequenceFlow? via)
    {
        ex.ElementId = node.Id;
        ex.Wait = WaitKind.None;
        ex.ArrivedVia = null;
        if (node is Gateway { Kind: GatewayKind.Parallel or GatewayKind.Inclusive } join && join.Incoming.Count > 1)
        {
            ex.Wait = WaitKind.Join;
            ex.ArrivedVia = via?.Id;
            if (join.Kind == GatewayKind.Parallel) TryFireParallelJoin(ctx, ic, ex, join);
            return; // inclusive joins are checked once the agenda is empty (CommandContext.RunAsync)
        }
        ctx.History.Add(ctx, ic, ElementStarted, ex, node);
        if (node is Activity activity)
        {
            await EnterActivityAsync(ctx, ic, ex, activity);
            return;
        }
        if (node is EventNode { Inputs.Count: > 0 } throwing) ApplyInputs(ic, ex, throwing.Inputs);
        await node.Behavior.ExecuteAsync(ctx, ic, ex);
    }

    private async ValueTask EnterActivityAsync(CommandContext ctx, InstanceContext ic, Execution ex, Activity activity)
    {
        if (!ex.IsMultiInstanceInner)
        {
            if (activity.AsyncBefore && !ex.AsyncDone)
            {
                CreateJob(ctx, ic, ex, activity, JobKind.AsyncContinuation, ctx.Now);
                ex.Wait = WaitKind.Job;
                return;
            }
            ex.AsyncDone = false;
            if (activity.BoundaryEvents.Count > 0) await OpenBoundaryEventsAsync(ctx, ic, ex, activity);
            if (activity.MultiInstance is { } mi)
            {
                await StartMultiInstanceAsync(ctx, ic, ex, activity, mi);
                return;
            }
            if (activity.StandardLoop is { } loop)
            {
                await StartStandardLoopAsync(ctx, ic, ex, activity, loop);
                return;
            }
        }
        if (activity.Inputs.Count > 0) ApplyInputs(ic, ex, activity.Inputs);
        await activity.Behavior.ExecuteAsync(ctx, ic, ex);
    }

    /// <summary>Input mappings become local variables of the element's execution.</summary>
    private static void ApplyInputs(InstanceContext ic, Execution ex, IReadOnlyList<IoMapping> inputs)
    {
        ex.Variables ??= new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var mapping in inputs)
            ex.Variables[mapping.Target] = EvaluateMapping(ic, ex, mapping, "input");
    }

    // ---------------------------------------------------------------- completing

    /// <summary>The activity's work is done (task completed, message received, child finished): map outputs, close its events, move on.</summary>
    public void Complete(CommandContext ctx, InstanceContext ic, Execution ex, IReadOnlyDictionary<string, FeelValue>? result) =>
        ctx.Schedule(new Step(StepKind.Complete, ic, ex, Result: result));

    private async ValueTask CompleteActivityAsync(CommandContext ctx, InstanceContext ic, Execution ex, IReadOnlyDictionary<string, FeelValue>? result)
    {
        var activity = (Activity)ic.NodeOf(ex);
        if (result is { Count: > 0 })
        {
            if (activity.Outputs.Count > 0)
            {
                ex.Variables ??= new Dictionary<string, FeelValue>(StringComparer.Ordinal);
                foreach (var (k, v) in result) ex.Variables[k] = v;
            }
            else
            {
                SetVariables(ctx, ic, ic.Parent(ex)!, result);
            }
        }
        if (activity.Outputs.Count > 0)
        {
            var mapped = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
            foreach (var mapping in activity.Outputs) mapped[mapping.Target] = EvaluateMapping(ic, ex, mapping, "output");
            SetVariables(ctx, ic, ic.Parent(ex)!, mapped);
        }
        // Decided before the run is recorded as completed: a condition that raises an incident is retried from here.
        var loopAgain = ex.IsMultiInstanceInner && activity.StandardLoop is { } loopToTest && RunsAgain(ic, ex, activity, loopToTest);
        ctx.History.Add(ctx, ic, ElementCompleted, ex, activity);
        if (ic.Model.UsesCompensation) Compensation.RecordCompleted(ic, ex, activity);
        if ((!ex.IsMultiInstanceInner && activity.BoundaryEvents.Count > 0) || activity is FlowScopeElement { EventSubProcesses.Count: > 0 })
            await CloseOwnedEventsAsync(ctx, ic, ex);
        if (ex.IsMultiInstanceInner)
        {
            if (activity.StandardLoop is not null) await LoopRunCompletedAsync(ctx, ic, ex, activity, loopAgain);
            else await InnerInstanceCompletedAsync(ctx, ic, ex, activity);
            return;
        }
        ex.Variables = null;
        ex.Wait = WaitKind.None;
        Leave(ctx, ic, ex, activity);
    }

    /// <summary>Take the outgoing flows of a node that has finished (events, gateways, or a completed activity).</summary>
    public void Leave(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node) =>
        ctx.Schedule(new Step(StepKind.Leave, ic, ex, node));

    private async ValueTask LeaveAsync(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node)
    {
        if (ex.CompensationWaiter is not null)
        {
            await Compensation.HandlerFinishedAsync(ctx, ic, ex); // a handler has no outgoing flows: its thrower goes on
            return;
        }
        if (node is not Activity) ctx.History.Add(ctx, ic, ElementCompleted, ex, node);
        if (node is EventNode { Inputs.Count: > 0 }) ex.Variables = null;
        if (node.Outgoing.Count == 1 && node.Outgoing[0] is { Condition: null } only)
        {
            // One unconditional flow is taken whatever the node (SelectOutgoing gives the same), without a list.
            ex.Wait = WaitKind.None;
            Arrive(ctx, ic, ex, only.Target, only);
            return;
        }
        var flows = SelectOutgoing(ic, ex, node);
        if (flows.Count == 0)
        {
            await EndExecutionAsync(ctx, ic, ex);
            return;
        }
        ex.Wait = WaitKind.None;
        var parent = ic.Parent(ex);
        for (var i = 1; i < flows.Count; i++)
        {
            var sibling = ic.NewExecution(parent, node.Id);
            Arrive(ctx, ic, sibling, flows[i].Target, flows[i]);
        }
        Arrive(ctx, ic, ex, flows[0].Target, flows[0]);
    }

    private List<SequenceFlow> SelectOutgoing(InstanceContext ic, Execution ex, FlowNode node)
    {
        var outgoing = node.Outgoing;
        var selected = new List<SequenceFlow>(outgoing.Count);
        if (outgoing.Count == 0) return selected;
        switch (node)
        {
            case Gateway { Kind: GatewayKind.Parallel }:
                selected.AddRange(outgoing);
                return selected;
            case Gateway { Kind: GatewayKind.Exclusive } g:
                for (var i = 0; i < outgoing.Count; i++)
                    if (outgoing[i] is var f && f != g.DefaultFlow && (f.Condition is null || IsTrue(ic, ex, f)))
                    {
                        selected.Add(f);
                        return selected;
                    }
                if (g.DefaultFlow is { } d) { selected.Add(d); return selected; }
                throw new IncidentException(IncidentKind.ConditionError, $"No condition of the outgoing flows of {g} was true and it has no default flow.");
            case Gateway { Kind: GatewayKind.Inclusive } ig:
                for (var i = 0; i < outgoing.Count; i++)
                    if (outgoing[i] is var f && f != ig.DefaultFlow && (f.Condition is null || IsTrue(ic, ex, f))) selected.Add(f);
                if (selected.Count == 0 && ig.DefaultFlow is { } idf) selected.Add(idf);
                if (selected.Count == 0)
                    throw new IncidentException(IncidentKind.ConditionError, $"No condition of the outgoing flows of {ig} was true and it has no default flow.");
                return selected;
            default:
                var defaultFlow = (node as Activity)?.DefaultFlow;
                for (var i = 0; i < outgoing.Count; i++)
                    if (outgoing[i] is var f && f != defaultFlow && (f.Condition is null || IsTrue(ic, ex, f))) selected.Add(f);
                if (selected.Count == 0 && defaultFlow is not null) selected.Add(defaultFlow);
                if (selected.Count == 0)
                    throw new IncidentException(IncidentKind.ConditionError, $"No condition of the outgoing flows of {node} was true.");
                return selected;
        }
    }

    private static bool IsTrue(InstanceContext ic, Execution ex, SequenceFlow flow)
    {
        var scope = ic.ScopeFor(ex);
        if (flow.Condition!.Evaluate(scope) is FeelBoolean quick) return quick.Value;
        // Not a boolean: evaluate again to collect the diagnostics that explain it.
        var evaluation = flow.Condition.EvaluateWithDiagnostics(scope);
        if (evaluation.Value is FeelBoolean b) return b.Value;
        var why = evaluation.Diagnostics.Count > 0 ? " (" + string.Join("; ", evaluation.Diagnostics.Select(d => d.Message)) + ")" : "";
        throw new IncidentException(IncidentKind.ConditionError,
            $"The condition '{flow.Condition.Source}' of sequence flow '{flow.Id}' gave {Describe(evaluation.Value)}, not true or false{why}.");
    }

    internal static string Describe(FeelValue v) => v is FeelNull ? "null" : $"a {v.TypeName}";

    internal static FeelValue EvaluateMapping(InstanceContext ic, Execution ex, IoMapping mapping, string kind)
    {
        var evaluation = mapping.Source.EvaluateWithDiagnostics(ic.ScopeFor(ex));
        if (evaluation.Value is FeelNull && evaluation.Diagnostics.Count > 0)
            throw new IncidentException(IncidentKind.MappingError,
                $"The {kind} mapping '{mapping.Source.Source}' → '{mapping.Target}' failed: {string.Join("; ", evaluation.Diagnostics.Select(d => d.Message))}");
        return evaluation.Value;
    }

    // ---------------------------------------------------------------- ending

    public async ValueTask EndExecutionAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var parent = ic.Parent(ex);
        ic.Remove(ex);
        if (parent is not null) await ScopeChildEndedAsync(ctx, ic, parent);
    }

    private async ValueTask ScopeChildEndedAsync(CommandContext ctx, InstanceContext ic, Execution scope)
    {
        if (ic.HasChildren(scope) || !ic.IsActive) return;
        if (scope.IsCompensationScope)
        {
            await Compensation.ContinueAsync(ctx, ic, scope);
            return;
        }
        if (scope.Id == InstanceContext.RootId)
        {
            await CompleteInstanceAsync(ctx, ic, InstanceStatus.Completed);
            return;
        }
        if (scope.MultiInstance is not null) return; // inner instances report through InnerInstanceCompletedAsync
        var node = ic.NodeOf(scope);
        if (node is SubProcess { TriggeredByEvent: true } esp)
        {
            ctx.History.Add(ctx, ic, ElementCompleted, scope, esp);
            if (ic.Model.UsesCompensation) Compensation.Forget(ic, scope.Id);
            if (esp.EventSubProcesses.Count > 0) await CloseOwnedEventsAsync(ctx, ic, scope);
            await EndExecutionAsync(ctx, ic, scope);
        }
        else
        {
            await CompleteActivityAsync(ctx, ic, scope, null);
        }
    }

    /// <summary>A terminate end event: everything in the scope stops and the scope itself completes.</summary>
    public async ValueTask TerminateScopeAsync(CommandContext ctx, InstanceContext ic, Execution scope)
    {
        foreach (var child in ic.Children(scope)) await CancelExecutionAsync(ctx, ic, child);
        if (scope.Id == InstanceContext.RootId)
        {
            await CompleteInstanceAsync(ctx, ic, InstanceStatus.Terminated);
            return;
        }
        await ScopeChildEndedAsync(ctx, ic, scope);
    }

    public async ValueTask CompleteInstanceAsync(CommandContext ctx, InstanceContext ic, InstanceStatus status)
    {
        var record = ic.Record;
        record.Status = status;
        record.EndedAt = ctx.Now;
        ic.State.Compensable = null; // nothing is left to undo
        if (ic.State.Executions.Count > 1)
            foreach (var e in ic.State.Executions.Values.ToList())
                if (e.Id != InstanceContext.RootId) ic.Remove(e);
        ic.Root.Wait = WaitKind.None;
        if (ic.Model.UsesEvents) await CloseInstanceEventsAsync(ctx, ic);
        ctx.History.Add(ctx, ic, status switch
        {
            InstanceStatus.Terminated => ProcessTerminated,
            InstanceStatus.Cancelled => ProcessCancelled,
            _ => ProcessCompleted,
        }, ic.Root, ic.Model);
        if (ic.Case.RootInstanceId == ic.Id && ic.Case.Status == CaseStatus.Open)
        {
            ic.Case.Status = status == InstanceStatus.Cancelled ? CaseStatus.Cancelled : CaseStatus.Closed;
            ic.Case.ClosedAt = ctx.Now;
            ctx.Session.Update(ic.Case);
            ctx.History.Add(ctx, ic, CaseClosed, details: new { caseNumber = ic.Case.CaseNumber, status = ic.Case.Status.ToString() });
        }
        if (status != InstanceStatus.Cancelled && record.ParentInstanceId is { } parentId)
        {
            var parent = await ctx.LoadInstanceAsync(parentId);
            if (parent.Find(record.ParentExecutionId!) is { Wait: WaitKind.CallActivity } caller && caller.ChildInstanceId == ic.Id)
            {
                caller.ChildInstanceId = null;
                Complete(ctx, parent, caller, new Dictionary<string, FeelValue>(ic.Root.Variables ?? [], StringComparer.Ordinal));
            }
        }
    }

    // ---------------------------------------------------------------- variables

    /// <summary>Sets each variable where it is already defined, looking outwards from <paramref name="from"/>; new ones go to the process instance.</summary>
    public void SetVariables(CommandContext ctx, InstanceContext ic, Execution from, IReadOnlyDictionary<string, FeelValue> variables)
    {
        if (variables.Count == 0) return;
        Dictionary<string, object?>? changes = ctx.History.RecordsVariables ? new(variables.Count, StringComparer.Ordinal) : null;
        foreach (var (name, value) in variables)
        {
            var target = ic.Root;
            for (Execution? e = from; e is not null; e = ic.Parent(e))
                if (e.Variables is not null && e.Variables.ContainsKey(name)) { target = e; break; }
            target.Variables ??= new Dictionary<string, FeelValue>(StringComparer.Ordinal);
            target.Variables.TryGetValue(name, out var old);
            target.Variables[name] = value;
            changes?.Add(name, new VariableChange(old, value, target.Id == InstanceContext.RootId ? null : target.Id));
        }
        if (changes is not null) ctx.History.Add(ctx, ic, VariablesChanged, from, details: changes);
        if (ic.Model.UsesConditions) ic.ConditionsDirty = true;
    }

    private sealed record VariableChange(FeelValue? Old, FeelValue New, string? Scope);

    // ---------------------------------------------------------------- incidents

    /// <summary>Runs a step; if it cannot go on, the token stops there with an incident instead of failing the whole command.</summary>
    public async ValueTask RunStepAsync(CommandContext ctx, Step step)
    {
        if (step.Kind == StepKind.Custom)
        {
            await step.Custom!();
            return;
        }
        var (ic, ex) = (step.Instance!, step.Execution!);
        if (!ic.IsActive || ic.Find(ex.Id) != ex) return; // cancelled by an earlier step of this command
        try
        {
            switch (step.Kind)
            {
                case StepKind.Arrive: await ArriveAsync(ctx, ic, ex, step.Node!, step.Via); break;
                case StepKind.EnterActivity: await EnterActivityAsync(ctx, ic, ex, (Activity)step.Node!); break;
                case StepKind.Complete: await CompleteActivityAsync(ctx, ic, ex, step.Result); break;
                case StepKind.Leave: await LeaveAsync(ctx, ic, ex, step.Node!); break;
            }
        }
        catch (IncidentException e)
        {
            var phase = step.Kind switch { StepKind.Complete => IncidentPhase.Complete, StepKind.Leave => IncidentPhase.Leave, _ => IncidentPhase.Arrive };
            RaiseIncident(ctx, ic, ex, e.Kind, e.Message, phase, jobId: null);
        }
    }

    public static IncidentRecord RaiseIncident(CommandContext ctx, InstanceContext ic, Execution ex, IncidentKind kind, string message, IncidentPhase phase, Guid? jobId)
    {
        var incident = new IncidentRecord
        {
            Id = Ids.NewVersion7(), InstanceId = ic.Id, CaseId = ic.Case.Id, ExecutionId = ex.Id, ElementId = ex.ElementId,
            JobId = jobId, Kind = kind, Message = message, CreatedAt = ctx.Now,
        };
        ctx.Session.Add(incident);
        ex.Wait = WaitKind.Incident;
        ex.IncidentId = incident.Id;
        ex.IncidentPhase = phase;
        ctx.History.Add(ctx, ic, IncidentCreated, ex, details: new { incident.Id, kind = kind.ToString(), message });
        ctx.Engine.Log.IncidentRaised(ic.Id, ex.ElementId, message);
        return incident;
    }

    /// <summary>An operator resolved an incident that stopped a token: try the failed step again.</summary>
    public async ValueTask RetryAfterIncidentAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var node = ic.NodeOf(ex);
        var phase = ex.IncidentPhase;
        // Entering an activity opens its boundary events before the step that failed; entering again reopens them.
        if (phase == IncidentPhase.Arrive && !ex.IsMultiInstanceInner && node is Activity { BoundaryEvents.Count: > 0 })
            await CloseOwnedEventsAsync(ctx, ic, ex);
        ex.IncidentId = null;
        ex.IncidentPhase = IncidentPhase.Arrive;
        ex.Wait = WaitKind.None;
        switch (phase)
        {
            case IncidentPhase.Complete: Complete(ctx, ic, ex, null); break;
            case IncidentPhase.Leave: Leave(ctx, ic, ex, node); break;
            default: Arrive(ctx, ic, ex, node, null); break;
        }
    }
}
