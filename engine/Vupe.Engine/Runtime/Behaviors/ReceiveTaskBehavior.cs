using Vupe.Engine.Model;
using Vupe.Feel;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>A receive task: waits for its message (or, after an event-based gateway, the gateway's token does), whose variables complete it.</summary>
internal sealed class ReceiveTaskBehavior : ActivityBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        ex.Wait = WaitKind.Message;
        await EventWaits.OpenAsync(ctx, ic, ex, ic.NodeOf(ex));
    }

    public override bool IsListening(Execution owner, FlowNode node) =>
        owner.Wait == WaitKind.EventGateway ? EventBasedGatewayBehavior.IsWaitingFor(owner, node) : owner.ElementId == node.Id && owner.Wait == WaitKind.Message;

    public override async ValueTask<bool> TriggerAsync(CommandContext ctx, InstanceContext ic, Execution owner, FlowNode node, IReadOnlyDictionary<string, FeelValue>? variables)
    {
        if (owner.Wait == WaitKind.EventGateway) await EventBasedGatewayBehavior.TakeBranchAsync(ctx, ic, owner, node);
        owner.Wait = WaitKind.None;
        ctx.Runner.Complete(ctx, ic, owner, variables);
        return false;
    }
}
