using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>None, terminate, error, escalation, compensation, message and signal end events.</summary>
internal sealed class EndEventBehavior : FlowNodeBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var end = (EndEvent)ic.NodeOf(ex);
        switch (end.Definition)
        {
            case TerminateDefinition:
                ctx.History.Add(ctx, ic, HistoryEventTypes.ElementCompleted, ex, end);
                // Its own token has ended; only the others of the scope are cancelled.
                var scope = ic.Parent(ex)!;
                ic.Remove(ex);
                await ctx.Runner.TerminateScopeAsync(ctx, ic, scope);
                return;
            case ErrorDefinition error:
                await ctx.Runner.ThrowErrorAsync(ctx, ic, ex, error.ErrorCode ?? "error", end.Name, throwerEnds: true);
                return;
            case EscalationDefinition escalation:
                await ctx.Runner.ThrowEscalationAsync(ctx, ic, ex, escalation.EscalationCode!, throwerEnds: true);
                return;
            case CompensateDefinition compensate:
                await Compensation.ThrowAsync(ctx, ic, ex, compensate); // completes and ends once the handlers finished
                return;
            case MessageDefinition message:
                await ctx.Engine.Messages.PublishFromProcessAsync(ctx, ic, ex, message);
                break;
            case SignalDefinition signal:
                await ctx.Engine.Signals.BroadcastAsync(ctx, signal.SignalName, Payload.Of(ex));
                break;
        }
        ctx.History.Add(ctx, ic, HistoryEventTypes.ElementCompleted, ex, end);
        await ctx.Runner.EndExecutionAsync(ctx, ic, ex);
    }
}

/// <summary>Intermediate throw events: publish a message, broadcast a signal, throw an escalation or compensate, then go on.</summary>
internal sealed class ThrowEventBehavior : FlowNodeBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var node = (IntermediateThrowEvent)ic.NodeOf(ex);
        switch (node.Definition)
        {
            case MessageDefinition message: await ctx.Engine.Messages.PublishFromProcessAsync(ctx, ic, ex, message); break;
            case SignalDefinition signal: await ctx.Engine.Signals.BroadcastAsync(ctx, signal.SignalName, Payload.Of(ex)); break;
            case EscalationDefinition escalation:
                await ctx.Runner.ThrowEscalationAsync(ctx, ic, ex, escalation.EscalationCode!, throwerEnds: false);
                if (!ic.IsActive || ic.Find(ex.Id) != ex) return; // an interrupting catch cancelled the thrower
                break;
            case CompensateDefinition compensate:
                await Compensation.ThrowAsync(ctx, ic, ex, compensate); // goes on once the handlers finished
                return;
        }
        ctx.Runner.Leave(ctx, ic, ex, node);
    }
}

/// <summary>Intermediate catch events and receive tasks: wait for the message, timer or signal.</summary>
internal sealed class CatchEventBehavior : FlowNodeBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var node = ic.NodeOf(ex);
        var definition = node is ReceiveTask r ? r.Message : ((EventNode)node).Definition;
        ex.Wait = definition switch
        {
            TimerDefinition => WaitKind.Timer,
            ConditionalDefinition => WaitKind.Condition,
            SignalDefinition => WaitKind.Signal,
            _ => WaitKind.Message,
        };
        await ctx.Runner.OpenEventAsync(ctx, ic, ex, node);
    }
}

/// <summary>Waits for whichever of the following events happens first.</summary>
internal sealed class EventGatewayBehavior : FlowNodeBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        ex.Wait = WaitKind.EventGateway;
        foreach (var flow in ic.NodeOf(ex).Outgoing)
            await ctx.Runner.OpenEventAsync(ctx, ic, ex, flow.Target);
    }
}

/// <summary>A send task without a handler publishes its message inside the engine.</summary>
internal sealed class SendTaskBehavior : FlowNodeBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var task = (SendTask)ic.NodeOf(ex);
        await ctx.Engine.Messages.PublishFromProcessAsync(ctx, ic, ex, task.Message);
        ctx.Runner.Complete(ctx, ic, ex, null);
    }
}

/// <summary>An embedded sub-process: a scope whose none start event receives the token.</summary>
internal sealed class SubProcessBehavior : FlowNodeBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var sub = (SubProcess)ic.NodeOf(ex);
        ex.Wait = WaitKind.Scope;
        await ctx.Runner.OpenEventSubProcessesAsync(ctx, ic, ex, sub);
        var token = ic.NewExecution(ex, sub.NoneStart!.Id);
        ctx.Runner.Arrive(ctx, ic, token, sub.NoneStart, null);
    }
}
