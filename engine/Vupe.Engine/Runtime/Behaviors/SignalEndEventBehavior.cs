using Vupe.Engine.Model;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>A signal end event: broadcasts its signal with the token's payload, then its token ends.</summary>
internal sealed class SignalEndEventBehavior : EventBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var end = (EndEvent)ic.NodeOf(ex);
        await ctx.Engine.Signals.BroadcastAsync(ctx, ((SignalDefinition)end.Definition!).SignalName, Payload.Of(ex));
        ctx.History.Add(ctx, ic, ElementCompleted, ex, end);
        await ctx.Runner.EndExecutionAsync(ctx, ic, ex);
    }
}
