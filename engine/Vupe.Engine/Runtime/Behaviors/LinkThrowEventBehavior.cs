using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>A link throw event: the token completes here and arrives at the link catch event of the same name in the same scope.</summary>
internal sealed class LinkThrowEventBehavior : EventBehavior
{
    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var thrower = (IntermediateThrowEvent)ic.NodeOf(ex);
        var target = ((LinkDefinition)thrower.Definition!).Target!; // resolved at deployment (ModelValidator)
        ctx.History.Add(ctx, ic, HistoryEventTypes.ElementCompleted, ex, thrower);
        if (thrower.Inputs.Count > 0) ex.Variables = null; // a link carries no payload: the throw's local inputs end with it
        ctx.Runner.Arrive(ctx, ic, ex, target, null);
        return ValueTask.CompletedTask;
    }
}
