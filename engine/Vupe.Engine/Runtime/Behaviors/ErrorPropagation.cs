using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>BPMN errors: thrown by error end events and by service task handlers, caught by the nearest enclosing catch.</summary>
internal static class ErrorPropagation
{
    /// <summary>
    /// Finds the nearest catcher of a BPMN error, from the thrower outwards: an error event
    /// sub-process of an enclosing scope or an error boundary event of an enclosing activity, then
    /// the call activity of a calling instance. Uncaught, it stops the thrower with an incident.
    /// An error end event (<paramref name="throwerEnds"/>) is reached and completes before its error
    /// propagates (BPMN 2.0.2, 13.5.6): its token ends rather than being cancelled with its scope.
    /// </summary>
    public static async ValueTask ThrowAsync(CommandContext ctx, InstanceContext ic, Execution thrower, string errorCode, string? message, bool throwerEnds = false)
    {
        ctx.History.Add(ctx, ic, ErrorThrown, thrower, details: new { errorCode, message });
        var (catcher, node) = FindErrorCatcher(ic, thrower, errorCode);
        if (catcher is not null)
        {
            if (throwerEnds) EndThrower(ctx, ic, thrower);
            if (node is StartEvent start) await EventSubProcessBehavior.StartAsync(ctx, ic, catcher, (SubProcess)start.Container!, start, null);
            else await ctx.Runner.TriggerAsync(ctx, ic, catcher, node!, null, null, null);
            return;
        }
        if (ic.Record.ParentInstanceId is { } parentId)
        {
            var parent = await ctx.LoadInstanceAsync(parentId);
            if (parent.Find(ic.Record.ParentExecutionId!) is { } caller)
            {
                if (throwerEnds) EndThrower(ctx, ic, thrower);
                caller.ChildInstanceId = null;
                await ctx.Runner.CancelInstanceAsync(ctx, ic);
                await ThrowAsync(ctx, parent, caller, errorCode, message);
                return;
            }
        }
        FlowRunner.RaiseIncident(ctx, ic, thrower, IncidentKind.UnhandledError,
            StateText.UncaughtBpmnError(errorCode, message, thrower.ElementId), IncidentPhase.Arrive, null);
    }

    /// <summary>The execution whose error event sub-process (a start event) or error boundary event catches the error, nearest first.</summary>
    private static (Execution? Catcher, EventNode? Node) FindErrorCatcher(InstanceContext ic, Execution thrower, string errorCode)
    {
        for (Execution? cursor = thrower; cursor is not null; cursor = ic.Parent(cursor))
        {
            var node = ic.Model.ElementsById.GetValueOrDefault(cursor.ElementId) as FlowNode;
            if (cursor != thrower && cursor.MultiInstance is null && node is FlowScopeElement scope
                && Match(scope.EventSubProcesses.Select(e => e.TriggerStart).OfType<StartEvent>(), errorCode) is StartEvent start)
                return (cursor, start);
            if (!cursor.IsMultiInstanceInner && node is Activity activity && node is not ProcessModel
                && Match(activity.BoundaryEvents, errorCode) is BoundaryEvent boundary)
                return (cursor, boundary);
        }
        return (null, null);
    }

    /// <summary>The throwing end event completes and its token ends; the scope it was in is cancelled by the catch that follows.</summary>
    internal static void EndThrower(CommandContext ctx, InstanceContext ic, Execution thrower)
    {
        ctx.History.Add(ctx, ic, ElementCompleted, thrower, ic.NodeOf(thrower));
        ic.Remove(thrower);
    }

    private static EventNode? Match(IEnumerable<EventNode> candidates, string errorCode)
    {
        EventNode? catchAll = null;
        foreach (var c in candidates)
        {
            if (c.Definition is not ErrorDefinition error) continue;
            if (error.ErrorCode == errorCode) return c;
            if (error.ErrorCode is null) catchAll ??= c;
        }
        return catchAll;
    }}
