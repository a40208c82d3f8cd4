namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>What one kind of BPMN element does when a token arrives at it. Stateless: one instance serves every process.</summary>
internal abstract class FlowNodeBehavior
{
    public abstract ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex);
}
