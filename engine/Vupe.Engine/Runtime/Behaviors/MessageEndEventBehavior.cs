using Vupe.Engine.Model;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>A message end event: publishes its message (to a waiting instance or the handler of its type), then its token ends.</summary>
internal sealed class MessageEndEventBehavior : EventBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var end = (EndEvent)ic.NodeOf(ex);
        await ctx.Engine.Messages.PublishFromProcessAsync(ctx, ic, ex, (MessageDefinition)end.Definition!);
        ctx.History.Add(ctx, ic, ElementCompleted, ex, end);
        await ctx.Runner.EndExecutionAsync(ctx, ic, ex);
    }
}
