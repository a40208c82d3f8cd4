using Vupe.Engine.Model;
using Vupe.Feel;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>An intermediate catch event: the token waits for the message, timer, signal or condition (or, after an event-based gateway, the gateway's token does).</summary>
internal sealed class IntermediateCatchEventBehavior : EventBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var node = (EventNode)ic.NodeOf(ex);
        ex.Wait = EventWaits.WaitFor(node.Definition);
        await EventWaits.OpenAsync(ctx, ic, ex, node);
    }

    public override bool IsListening(Execution owner, FlowNode node) =>
        owner.Wait == WaitKind.EventGateway
            ? EventBasedGatewayBehavior.IsWaitingFor(owner, node)
            : owner.ElementId == node.Id && owner.Wait is WaitKind.Message or WaitKind.Timer or WaitKind.Signal or WaitKind.Condition;

    public override async ValueTask<bool> TriggerAsync(CommandContext ctx, InstanceContext ic, Execution owner, FlowNode node, IReadOnlyDictionary<string, FeelValue>? variables)
    {
        if (owner.Wait == WaitKind.EventGateway) await EventBasedGatewayBehavior.TakeBranchAsync(ctx, ic, owner, node);
        owner.Wait = WaitKind.None;
        if (variables is { Count: > 0 }) ctx.Runner.SetVariables(ctx, ic, owner, variables);
        ctx.Runner.Leave(ctx, ic, owner, node);
        return false;
    }
}
