using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>A compensation end event: waits while what it compensates is undone (<see cref="Compensation"/>), then completes and ends.</summary>
internal sealed class CompensationEndEventBehavior : EventBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var end = (EndEvent)ic.NodeOf(ex);
        await Compensation.ThrowAsync(ctx, ic, ex, (CompensateDefinition)end.Definition!);
    }
}
