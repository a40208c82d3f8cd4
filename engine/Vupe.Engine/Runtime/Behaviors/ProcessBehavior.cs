using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>The process itself, as the root execution's element: it owns the start events of its event sub-processes. Its start and end are the runner's and the starter's.</summary>
internal sealed class ProcessBehavior : FlowNodeBehavior
{
    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex) =>
        throw new InvalidOperationException("A process is started by the instance starter, not by a sequence flow.");

    public override bool OwnsEvents(FlowNode node) => ((ProcessModel)node).EventSubProcesses.Count > 0;
}
