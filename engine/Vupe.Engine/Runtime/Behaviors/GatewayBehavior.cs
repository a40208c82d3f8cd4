using Vupe.Engine.Model;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>What gateways share: nothing to do but choose flows as they are left, and how a join consumes its tokens.</summary>
internal abstract class GatewayBehavior : FlowNodeBehavior
{
    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        ctx.Runner.Leave(ctx, ic, ex, ic.NodeOf(ex));
        return ValueTask.CompletedTask;
    }

    /// <summary>A token arrived at a join: it waits there, remembering by which flow, until the join fires.</summary>
    protected static void WaitAtJoin(Execution ex, SequenceFlow? via)
    {
        ex.Wait = WaitKind.Join;
        ex.ArrivedVia = via?.Id;
    }

    /// <summary>The join fires: the consumed tokens but one end, and that one starts the gateway and leaves it.</summary>
    protected static void FireJoin(CommandContext ctx, InstanceContext ic, Gateway join, List<Execution> consumed, Execution keep)
    {
        foreach (var e in consumed)
            if (e != keep) ic.Remove(e);
        keep.Wait = WaitKind.None;
        keep.ArrivedVia = null;
        ctx.History.Add(ctx, ic, ElementStarted, keep, join);
        ctx.Runner.Leave(ctx, ic, keep, join);
    }
}
