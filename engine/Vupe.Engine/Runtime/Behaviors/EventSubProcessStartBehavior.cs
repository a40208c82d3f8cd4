using Vupe.Engine.Model;
using Vupe.Feel;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>
/// The start event of an event sub-process: listens for as long as the enclosing scope lives. Triggered, it starts the
/// event sub-process (<see cref="EventSubProcessBehavior.StartAsync"/>); a non-interrupting one keeps listening.
/// </summary>
internal sealed class EventSubProcessStartBehavior : EventBehavior
{
    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex) => LeaveAsync(ctx, ic, ex);

    public override bool IsListening(Execution owner, FlowNode node) => owner.ElementId == node.Container!.Container?.Id;

    public override async ValueTask<bool> TriggerAsync(CommandContext ctx, InstanceContext ic, Execution owner, FlowNode node, IReadOnlyDictionary<string, FeelValue>? variables)
    {
        var start = (StartEvent)node;
        await EventSubProcessBehavior.StartAsync(ctx, ic, owner, (SubProcess)start.Container!, start, variables);
        return !start.IsInterrupting;
    }
}
