using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>An error end event: completes, then its error propagates to the nearest catch (<see cref="ErrorPropagation"/>).</summary>
internal sealed class ErrorEndEventBehavior : EventBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var end = (EndEvent)ic.NodeOf(ex);
        await ErrorPropagation.ThrowAsync(ctx, ic, ex, ((ErrorDefinition)end.Definition!).ErrorCode ?? "error", end.Name, throwerEnds: true);
    }
}
