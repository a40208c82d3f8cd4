using Vupe.Engine.Model;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>An event-based gateway: the token waits at the gateway for whichever of the following catch events (or receive tasks) happens first.</summary>
internal sealed class EventBasedGatewayBehavior : GatewayBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        ex.Wait = WaitKind.EventGateway;
        foreach (var flow in ic.NodeOf(ex).Outgoing)
            await EventWaits.OpenAsync(ctx, ic, ex, flow.Target);
    }

    /// <summary>Whether <paramref name="owner"/> waits at a gateway in front of <paramref name="eventNode"/>.</summary>
    public static bool IsWaitingFor(Execution owner, FlowNode eventNode) =>
        owner.Wait == WaitKind.EventGateway && eventNode.Incoming.Any(f => f.Source.Id == owner.ElementId);

    /// <summary>One of the events happened: the others close, the gateway completes and its token moves to the event that won.</summary>
    public static async ValueTask TakeBranchAsync(CommandContext ctx, InstanceContext ic, Execution owner, FlowNode eventNode)
    {
        await ctx.Runner.CloseOwnedEventsAsync(ctx, ic, owner);
        ctx.History.Add(ctx, ic, ElementCompleted, owner, ic.NodeOf(owner));
        owner.ElementId = eventNode.Id;
        ctx.History.Add(ctx, ic, ElementStarted, owner, eventNode);
    }
}
