using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>A parallel gateway: joins when a token has arrived on every incoming flow, and leaves by every outgoing flow.</summary>
internal sealed class ParallelGatewayBehavior : GatewayBehavior
{
    public override ValueTask ArriveAsync(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node, SequenceFlow? via)
    {
        if (node.Incoming.Count <= 1) return base.ArriveAsync(ctx, ic, ex, node, via);
        WaitAtJoin(ex, via);
        TryFire(ctx, ic, ex, (Gateway)node);
        return ValueTask.CompletedTask;
    }

    public override void SelectOutgoing(InstanceContext ic, Execution ex, FlowNode node, List<SequenceFlow> selected) => selected.AddRange(node.Outgoing);

    /// <summary>Fires when a token waits on every incoming flow; extra tokens on one flow (come round a loop) wait for the next round.</summary>
    private static void TryFire(CommandContext ctx, InstanceContext ic, Execution arrived, Gateway join)
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
}
