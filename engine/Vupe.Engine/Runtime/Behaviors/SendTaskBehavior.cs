using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>A send task without a handler publishes its message inside the engine.</summary>
internal sealed class SendTaskBehavior : ActivityBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var task = (SendTask)ic.NodeOf(ex);
        await ctx.Engine.Messages.PublishFromProcessAsync(ctx, ic, ex, task.Message);
        ctx.Runner.Complete(ctx, ic, ex, null);
    }
}
