using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>A terminate end event: completes, and cancels only the other tokens of its scope, which then completes (the instance is terminated).</summary>
internal sealed class TerminateEndEventBehavior : EventBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        ctx.History.Add(ctx, ic, ElementCompleted, ex, ic.NodeOf(ex));
        // Its own token has ended; only the others of the scope are cancelled.
        var scope = ic.Parent(ex)!;
        ic.Remove(ex);
        await ctx.Runner.TerminateScopeAsync(ctx, ic, scope);
    }
}
