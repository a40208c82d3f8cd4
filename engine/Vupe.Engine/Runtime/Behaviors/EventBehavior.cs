using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>What events share: the input mappings of a throw or end event are the payload it sends, local to its token while it is there.</summary>
internal abstract class EventBehavior : FlowNodeBehavior
{
    public override ValueTask EnterAsync(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node)
    {
        if (((EventNode)node).Inputs is { Count: > 0 } inputs) FlowRunner.ApplyInputs(ic, ex, inputs);
        return ExecuteAsync(ctx, ic, ex);
    }

    public override void Leaving(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node)
    {
        base.Leaving(ctx, ic, ex, node);
        if (((EventNode)node).Inputs.Count > 0) ex.Variables = null;
    }

    /// <summary>For events that only pass the token on.</summary>
    protected static ValueTask LeaveAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        ctx.Runner.Leave(ctx, ic, ex, ic.NodeOf(ex));
        return ValueTask.CompletedTask;
    }
}
