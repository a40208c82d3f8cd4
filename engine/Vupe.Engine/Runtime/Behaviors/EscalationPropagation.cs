using Vupe.Engine.Model;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>
/// Escalations (BPMN 2.0.2, 10.5.4 and 13.5): thrown by intermediate and end events to the nearest enclosing
/// catch — an escalation boundary event of an enclosing activity or an escalation event sub-process of an
/// enclosing scope, then the call activity of a calling instance — like an error, but neither critical nor
/// necessarily interrupting: uncaught, nothing happens, and a non-interrupting catch leaves the thrower running.
/// </summary>
internal static class EscalationPropagation
{
    /// <summary>
    /// Throws the escalation from <paramref name="thrower"/>. An end event (<paramref name="throwerEnds"/>) ends its
    /// token here; an intermediate throw event leaves it to its caller to go on if the catch did not cancel it.
    /// </summary>
    public static async ValueTask ThrowAsync(CommandContext ctx, InstanceContext ic, Execution thrower, string escalationCode, bool throwerEnds)
    {
        ctx.History.Add(ctx, ic, EscalationThrown, thrower, details: new { escalationCode });
        var (instance, catcher, node) = await FindEscalationCatcherAsync(ctx, ic, thrower, escalationCode);
        var interrupting = node switch
        {
            BoundaryEvent b => b.CancelActivity,
            StartEvent s => s.IsInterrupting,
            _ => false,
        };
        // An end event is reached and completes before its escalation propagates (13.5.6); when the catch
        // interrupts, its scope is cancelled afterwards without that token.
        if (throwerEnds && interrupting) ErrorPropagation.EndThrower(ctx, ic, thrower);
        if (catcher is not null)
        {
            if (node is StartEvent start) await EventSubProcessBehavior.StartAsync(ctx, instance, catcher, (SubProcess)start.Container!, start, null);
            else await ctx.Runner.TriggerAsync(ctx, instance, catcher, node!, null, null, null);
        }
        if (throwerEnds && !interrupting && ic.IsActive && ic.Find(thrower.Id) == thrower)
        {
            ctx.History.Add(ctx, ic, ElementCompleted, thrower, ic.NodeOf(thrower));
            await ctx.Runner.EndExecutionAsync(ctx, ic, thrower);
        }
    }

    /// <summary>The nearest catch, looking outwards from the thrower and then from each calling instance's call activity.</summary>
    private static async ValueTask<(InstanceContext Instance, Execution? Catcher, EventNode? Node)> FindEscalationCatcherAsync(
        CommandContext ctx, InstanceContext ic, Execution thrower, string escalationCode)
    {
        var (instance, from) = (ic, thrower);
        while (true)
        {
            for (Execution? cursor = from; cursor is not null; cursor = instance.Parent(cursor))
            {
                var node = instance.Model.ElementsById.GetValueOrDefault(cursor.ElementId) as FlowNode;
                if (cursor != from && cursor.MultiInstance is null && node is FlowScopeElement scope
                    && MatchEscalation(scope.EventSubProcesses.Select(e => e.TriggerStart).OfType<StartEvent>(), escalationCode) is StartEvent start)
                    return (instance, cursor, start);
                if (!cursor.IsMultiInstanceInner && node is Activity activity && node is not ProcessModel
                    && MatchEscalation(activity.BoundaryEvents, escalationCode) is BoundaryEvent boundary)
                    return (instance, cursor, boundary);
            }
            if (instance.Record.ParentInstanceId is not { } parentId) return (ic, null, null);
            var parent = await ctx.LoadInstanceAsync(parentId);
            if (parent.Find(instance.Record.ParentExecutionId!) is not { } caller) return (ic, null, null);
            (instance, from) = (parent, caller);
        }
    }

    /// <summary>A catch naming the same code wins over one that catches any escalation.</summary>
    private static EventNode? MatchEscalation(IEnumerable<EventNode> candidates, string escalationCode)
    {
        EventNode? catchAll = null;
        foreach (var c in candidates)
        {
            if (c.Definition is not EscalationDefinition escalation) continue;
            if (escalation.EscalationCode == escalationCode) return c;
            if (escalation.EscalationCode is null) catchAll ??= c;
        }
        return catchAll;
    }
}
