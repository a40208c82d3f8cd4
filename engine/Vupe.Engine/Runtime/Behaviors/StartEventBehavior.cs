namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>A start event of a process or a sub-process: the token that starts there moves on (what started it is the starter's business).</summary>
internal sealed class StartEventBehavior : EventBehavior
{
    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex) => LeaveAsync(ctx, ic, ex);
}
