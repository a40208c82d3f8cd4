using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>An intermediate throw event: publishes a message, broadcasts a signal, throws an escalation or compensates, then goes on (a none throw event just goes on).</summary>
internal sealed class IntermediateThrowEventBehavior : EventBehavior, ICompensationThrower
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var node = (IntermediateThrowEvent)ic.NodeOf(ex);
        switch (node.Definition)
        {
            case MessageDefinition message: await ctx.Engine.Messages.PublishFromProcessAsync(ctx, ic, ex, message); break;
            case SignalDefinition signal: await ctx.Engine.Signals.BroadcastAsync(ctx, signal.SignalName, Payload.Of(ex)); break;
            case EscalationDefinition escalation:
                await EscalationPropagation.ThrowAsync(ctx, ic, ex, escalation.EscalationCode!, throwerEnds: false);
                if (!ic.IsActive || ic.Find(ex.Id) != ex) return; // an interrupting catch cancelled the thrower
                break;
            case CompensateDefinition compensate:
                await Compensation.ThrowAsync(ctx, ic, ex, compensate); // goes on once the handlers finished
                return;
        }
        ctx.Runner.Leave(ctx, ic, ex, node);
    }

    public ValueTask CompensatedAsync(CommandContext ctx, InstanceContext ic, Execution thrower)
    {
        ctx.Runner.Leave(ctx, ic, thrower, ic.NodeOf(thrower));
        return ValueTask.CompletedTask;
    }
}
