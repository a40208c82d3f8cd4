namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>A link catch event: where a link throw event's token lands; it passes straight on.</summary>
internal sealed class LinkCatchEventBehavior : EventBehavior
{
    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex) => LeaveAsync(ctx, ic, ex);
}
