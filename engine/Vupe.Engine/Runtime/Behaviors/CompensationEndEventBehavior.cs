using Vupe.Engine.Model;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>A compensation end event: waits while what it compensates is undone (<see cref="Compensation"/>), then completes and ends.</summary>
internal sealed class CompensationEndEventBehavior : EventBehavior, ICompensationThrower
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var end = (EndEvent)ic.NodeOf(ex);
        await Compensation.ThrowAsync(ctx, ic, ex, (CompensateDefinition)end.Definition!);
    }

    public async ValueTask CompensatedAsync(CommandContext ctx, InstanceContext ic, Execution thrower)
    {
        ctx.History.Add(ctx, ic, ElementCompleted, thrower, ic.NodeOf(thrower));
        await ctx.Runner.EndExecutionAsync(ctx, ic, thrower);
    }
}
