using Vupe.Engine.Model;
using Vupe.Feel;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>
/// A boundary event: listens for as long as the execution at its activity (the body, for a loop or multi-instance)
/// lives. Triggered, it cancels the activity if interrupting, and a new token leaves the boundary event; a
/// non-interrupting one keeps listening.
/// </summary>
internal sealed class BoundaryEventBehavior : EventBehavior
{
    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex) => LeaveAsync(ctx, ic, ex);

    public override bool IsListening(Execution owner, FlowNode node) => owner.ElementId == ((BoundaryEvent)node).AttachedTo.Id;

    public override async ValueTask<bool> TriggerAsync(CommandContext ctx, InstanceContext ic, Execution owner, FlowNode node, IReadOnlyDictionary<string, FeelValue>? variables)
    {
        var boundary = (BoundaryEvent)node;
        var scope = ic.Parent(owner)!;
        if (boundary.CancelActivity) await ctx.Runner.CancelExecutionAsync(ctx, ic, owner);
        var branch = ic.NewExecution(scope, boundary.Id);
        ctx.History.Add(ctx, ic, ElementStarted, branch, boundary);
        if (variables is { Count: > 0 }) ctx.Runner.SetVariables(ctx, ic, branch, variables);
        ctx.Runner.Leave(ctx, ic, branch, boundary);
        return !boundary.CancelActivity;
    }
}
