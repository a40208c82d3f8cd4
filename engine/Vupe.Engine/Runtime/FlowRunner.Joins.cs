using Vupe.Engine.Model;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime;

internal sealed partial class FlowRunner
{
    /// <summary>A parallel join fires when a token has arrived on every incoming flow; extra tokens on one flow wait for the next round.</summary>
    private void TryFireParallelJoin(CommandContext ctx, InstanceContext ic, Execution arrived, Gateway join)
    {
        var parentId = arrived.ParentId;
        var chosen = new List<Execution>(join.Incoming.Count);
        for (var i = 0; i < join.Incoming.Count; i++)
        {
            // The first token waiting here on that flow, in the order the executions were created.
            var flowId = join.Incoming[i].Id;
            Execution? token = null;
            foreach (var e in ic.State.Executions.Values)
                if (e.ParentId == parentId && e.Wait == WaitKind.Join && e.ElementId == join.Id && e.ArrivedVia == flowId) { token = e; break; }
            if (token is null) return;
            chosen.Add(token);
        }
        FireJoin(ctx, ic, join, chosen, keep: arrived);
    }

    /// <summary>Fires every inclusive join that no other live token in its scope can still reach. Returns whether any fired.</summary>
    public bool FireReadyInclusiveJoins(CommandContext ctx, InstanceContext ic)
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

    private void FireJoin(CommandContext ctx, InstanceContext ic, Gateway join, List<Execution> consumed, Execution keep)
    {
        foreach (var e in consumed)
            if (e != keep) ic.Remove(e);
        keep.Wait = WaitKind.None;
        keep.ArrivedVia = null;
        ctx.History.Add(ctx, ic, ElementStarted, keep, join);
        Leave(ctx, ic, keep, join);
    }
}
