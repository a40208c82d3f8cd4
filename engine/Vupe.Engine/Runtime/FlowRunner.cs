using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Engine.Runtime.Behaviors;
using Vupe.Feel;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime;

/// <summary>
/// Moves tokens through a process and keeps its scopes: a token arrives, its node completes or is left along the
/// flows its behaviour chooses, executions end, scopes complete, executions are cancelled, incidents stop a token.
/// What any of that means for a kind of element is its behaviour's (Runtime/Behaviors, one class per element kind):
/// this class never asks what kind of element a node is (ArchitectureTests).
/// </summary>
internal sealed partial class FlowRunner
{
    // ---------------------------------------------------------------- arriving

    public void Arrive(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node, SequenceFlow? via) =>
        ctx.Schedule(new Step(StepKind.Arrive, ic, ex, node, via));

    private ValueTask ArriveAsync(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node, SequenceFlow? via)
    {
        ex.ElementId = node.Id;
        ex.Wait = WaitKind.None;
        ex.ArrivedVia = null;
        return node.Behavior.ArriveAsync(ctx, ic, ex, node, via);
    }

    /// <summary>Input mappings become local variables of the element's execution.</summary>
    internal static void ApplyInputs(InstanceContext ic, Execution ex, IReadOnlyList<IoMapping> inputs)
    {
        ex.Variables ??= new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var mapping in inputs)
            ex.Variables[mapping.Target] = EvaluateMapping(ic, ex, mapping, "input");
    }

    // ---------------------------------------------------------------- completing and leaving

    /// <summary>The activity's work is done (task completed, message received, child finished): its behaviour maps outputs, closes its events, moves on.</summary>
    public void Complete(CommandContext ctx, InstanceContext ic, Execution ex, IReadOnlyDictionary<string, FeelValue>? result) =>
        ctx.Schedule(new Step(StepKind.Complete, ic, ex, Result: result));

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
        var behavior = node.Behavior;
        behavior.Leaving(ctx, ic, ex, node);
        if (node.Outgoing.Count == 1 && node.Outgoing[0] is { Condition: null } only)
        {
            // One unconditional flow is taken whatever the node (every behaviour would choose it), without a list.
            ex.Wait = WaitKind.None;
            Arrive(ctx, ic, ex, only.Target, only);
            return;
        }
        var flows = new List<SequenceFlow>(node.Outgoing.Count);
        if (node.Outgoing.Count > 0) behavior.SelectOutgoing(ic, ex, node, flows);
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
        if (scope.MultiInstance is not null) return; // inner instances report to the body through their activity's completion
        await ic.NodeOf(scope).Behavior.ScopeEndedAsync(ctx, ic, scope);
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
        if (status != InstanceStatus.Cancelled && record.ParentInstanceId is not null)
            await CallActivityBehavior.CalledInstanceEndedAsync(ctx, ic);
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
                case StepKind.EnterActivity: await step.Node!.Behavior.EnterAsync(ctx, ic, ex, step.Node); break;
                case StepKind.Complete: await ic.NodeOf(ex).Behavior.CompleteAsync(ctx, ic, ex, step.Result); break;
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
        await node.Behavior.PrepareRetryAsync(ctx, ic, ex, phase);
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
