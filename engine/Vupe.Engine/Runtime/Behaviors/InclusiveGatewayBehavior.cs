using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>
/// An inclusive gateway: leaves by every flow whose condition holds (else the default), and joins the tokens waiting
/// at it once no other live token of its scope can still reach it (reachability is computed at deployment). Whether
/// one can is known only when the command's agenda is empty — every token has moved as far as it will — so the join
/// is checked then (<see cref="BehaviorCatalog.WhenAgendaEmpty"/>), not when a token arrives.
/// </summary>
internal sealed class InclusiveGatewayBehavior : GatewayBehavior
{
    public override ValueTask ArriveAsync(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node, SequenceFlow? via)
    {
        if (node.Incoming.Count <= 1) return base.ArriveAsync(ctx, ic, ex, node, via);
        WaitAtJoin(ex, via);
        return ValueTask.CompletedTask;
    }

    public override void SelectOutgoing(InstanceContext ic, Execution ex, FlowNode node, List<SequenceFlow> selected) =>
        SelectConditional(ic, ex, node, ((Gateway)node).DefaultFlow, selected, $"No condition of the outgoing flows of {node} was true and it has no default flow.");

    /// <summary>Fires every inclusive join of the instance that no other live token in its scope can still reach. Returns whether any fired.</summary>
    public static bool FireReadyJoins(CommandContext ctx, InstanceContext ic)
    {
        if (!ic.IsActive) return false;
        var anyWaiting = false;
        foreach (var e in ic.State.Executions.Values)
            if (e.Wait == WaitKind.Join) { anyWaiting = true; break; }
        if (!anyWaiting) return false;
        var fired = false;
        foreach (var waiting in ic.State.Executions.Values.Where(e => e.Wait == WaitKind.Join).GroupBy(e => (e.ParentId, e.ElementId)).ToList())
        {
            if (ic.Model.GetNode(waiting.Key.ElementId) is not Gateway { Kind: GatewayKind.Inclusive } join) continue;
            var parent = ic.Find(waiting.Key.ParentId!);
            if (parent is null) continue;
            var blocked = ic.Children(parent).Any(e =>
                !(e.Wait == WaitKind.Join && e.ElementId == join.Id) && ic.NodeOf(e).Reachable.Contains(join));
            if (blocked) continue;
            var tokens = waiting.ToList();
            FireJoin(ctx, ic, join, tokens, keep: tokens[0]);
            fired = true;
        }
        return fired;
    }
}
