using Vupe.Engine.Model;
using Vupe.Feel;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>
/// An event sub-process: never reached by a flow; its start event (<see cref="EventSubProcessStartBehavior"/>), an error
/// or escalation caught, or compensation starts it in the enclosing scope. Interrupting, it first cancels the scope's
/// other tokens. It ends without completing its scope, and what completed inside it cannot be compensated.
/// </summary>
internal sealed class EventSubProcessBehavior : FlowNodeBehavior
{
    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex) =>
        throw new InvalidOperationException($"{ic.NodeOf(ex)} is started by its start event, not by a sequence flow.");

    public override bool OwnsEvents(FlowNode node) => ((SubProcess)node).EventSubProcesses.Count > 0;

    public override async ValueTask ScopeEndedAsync(CommandContext ctx, InstanceContext ic, Execution scope)
    {
        var esp = (SubProcess)ic.NodeOf(scope);
        ctx.History.Add(ctx, ic, ElementCompleted, scope, esp);
        if (ic.Model.UsesCompensation) Compensation.Forget(ic, scope.Id);
        if (esp.EventSubProcesses.Count > 0) await ctx.Runner.CloseOwnedEventsAsync(ctx, ic, scope);
        await ctx.Runner.EndExecutionAsync(ctx, ic, scope);
    }

    /// <summary>A scope (process, sub-process) starts listening for the start events of its event sub-processes (errors, escalations and compensation are found when thrown).</summary>
    public static async ValueTask OpenStartsAsync(CommandContext ctx, InstanceContext ic, Execution scope, FlowScopeElement element)
    {
        foreach (var esp in element.EventSubProcesses)
            if (esp.TriggerStart is { Definition: MessageDefinition or TimerDefinition or SignalDefinition or ConditionalDefinition } start)
                await EventWaits.OpenAsync(ctx, ic, scope, start);
    }

    /// <summary>Starts <paramref name="esp"/> in <paramref name="scope"/> through <paramref name="start"/>, with the variables of what triggered it.</summary>
    public static async ValueTask StartAsync(CommandContext ctx, InstanceContext ic, Execution scope, SubProcess esp, StartEvent start, IReadOnlyDictionary<string, FeelValue>? variables)
    {
        if (start.IsInterrupting)
        {
            foreach (var child in ic.Children(scope)) await ctx.Runner.CancelExecutionAsync(ctx, ic, child);
            var starts = ((FlowScopeElement)ic.NodeOf(scope)).EventSubProcesses.Select(e => e.TriggerStart?.Id).ToHashSet();
            await ctx.Runner.CloseOwnedEventsAsync(ctx, ic, scope, id => starts.Contains(id));
        }
        var espExecution = ic.NewExecution(scope, esp.Id);
        espExecution.Wait = WaitKind.Scope;
        ctx.History.Add(ctx, ic, ElementStarted, espExecution, esp);
        await OpenStartsAsync(ctx, ic, espExecution, esp);
        var token = ic.NewExecution(espExecution, start.Id);
        ctx.History.Add(ctx, ic, ElementStarted, token, start);
        if (variables is { Count: > 0 }) ctx.Runner.SetVariables(ctx, ic, token, variables);
        ctx.Runner.Leave(ctx, ic, token, start);
    }
}
