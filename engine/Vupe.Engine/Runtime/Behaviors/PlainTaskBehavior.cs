namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>A task or manual task: done as soon as it is reached (the manual work happens outside the engine).</summary>
internal sealed class PlainTaskBehavior : ActivityBehavior
{
    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        ctx.Runner.Complete(ctx, ic, ex, null);
        return ValueTask.CompletedTask;
    }
}
