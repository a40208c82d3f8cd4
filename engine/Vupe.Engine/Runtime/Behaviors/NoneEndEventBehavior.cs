using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>A none end event: its token ends; the scope completes when its last token has.</summary>
internal sealed class NoneEndEventBehavior : EventBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        ctx.History.Add(ctx, ic, ElementCompleted, ex, ic.NodeOf(ex));
        await ctx.Runner.EndExecutionAsync(ctx, ic, ex);
    }
}
