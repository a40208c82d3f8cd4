using Vupe.Engine.Model;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>
/// Compensation (BPMN 2.0.2, 10.5.6 and 13.5): undoing work that already completed. Completing an activity that has a
/// compensation handler (or a sub-process that can be compensated) records it with the instance; a compensation throw
/// event then undoes the recorded activities of its scope — the one its activityRef names, or all — one after another
/// from the last completed to the first, each once per completion, and waits until every handler finished (also when
/// waitForCompletion="false", documented). A handler sees the instance's variables as they are now, not as they were
/// when the activity completed. A completed sub-process is undone by its compensation event sub-process if it has one,
/// else by undoing its own recorded activities; for that its scope is brought back under a fresh id for the time it takes.
/// </summary>
internal static class Compensation
{
    // ---------------------------------------------------------------- recording

    /// <summary>An activity completed: remember it if it can be compensated later.</summary>
    public static void RecordCompleted(InstanceContext ic, Execution ex, Activity activity)
    {
        if (activity.IsForCompensation || ex.IsCompensationScope) return;
        var state = ic.State;
        var hasInner = activity is SubProcess && state.Compensable is { } list && list.Exists(c => c.ScopeId == ex.Id);
        if (activity.CompensationHandler is null && !hasInner && (activity as SubProcess)?.CompensationEventSubProcess is null) return;
        string? innerScopeId = null;
        if (activity is SubProcess)
        {
            // The sub-process's execution goes on as the token that leaves it; what completed inside moves to an id of its own.
            innerScopeId = "e" + state.NextExecutionNumber++;
            if (hasInner)
                foreach (var c in state.Compensable!)
                    if (c.ScopeId == ex.Id) c.ScopeId = innerScopeId;
        }
        var scope = ic.Parent(ex)!;
        while (scope.MultiInstance is not null) scope = ic.Parent(scope)!; // an iteration belongs to the scope of its activity
        (state.Compensable ??= []).Add(new CompensableActivity
        {
            Number = ++state.NextCompensableNumber, ElementId = activity.Id, ScopeId = scope.Id, InnerScopeId = innerScopeId,
        });
    }

    /// <summary>A scope ended without completing (cancelled, or an event sub-process): what completed in it can no longer be compensated.</summary>
    public static void Forget(InstanceContext ic, string scopeId)
    {
        if (ic.State.Compensable is not { Count: > 0 } list) return;
        foreach (var c in list.FindAll(c => c.ScopeId == scopeId))
        {
            list.Remove(c);
            if (c.InnerScopeId is { } inner) Forget(ic, inner);
        }
        if (list.Count == 0) ic.State.Compensable = null;
    }

    // ---------------------------------------------------------------- throwing

    /// <summary>
    /// A compensation intermediate throw or end event was reached: it waits while the activities it compensates are
    /// undone, then goes on (or ends); with nothing completed to compensate it goes on at once.
    /// </summary>
    public static async ValueTask ThrowAsync(CommandContext ctx, InstanceContext ic, Execution thrower, CompensateDefinition definition)
    {
        ctx.History.Add(ctx, ic, CompensationThrown, thrower, details: new { activityRef = definition.ActivityRef });
        var scope = ScopeOf(ic, thrower);
        var queue = new List<int>();
        if (ic.State.Compensable is { } list)
            for (var i = list.Count - 1; i >= 0; i--)
                if (list[i].ScopeId == scope.Id && (definition.ActivityRef is null || list[i].ElementId == definition.ActivityRef))
                    queue.Add(list[i].Number);
        thrower.Wait = WaitKind.Compensation;
        thrower.CompensationQueue = queue;
        await ContinueAsync(ctx, ic, thrower);
    }

    /// <summary>The execution whose recorded activities a throw compensates: its scope's, or inside an event sub-process the enclosing scope's.</summary>
    private static Execution ScopeOf(InstanceContext ic, Execution thrower)
    {
        var scope = ic.Parent(thrower)!;
        return ic.NodeOf(scope) is SubProcess { TriggeredByEvent: true } && ic.Parent(scope) is { } outer ? outer : scope;
    }

    // ---------------------------------------------------------------- running the handlers

    /// <summary>Starts undoing the next activity in <paramref name="waiter"/>'s queue; with none left, the waiter goes on.</summary>
    public static async ValueTask ContinueAsync(CommandContext ctx, InstanceContext ic, Execution waiter)
    {
        while (waiter.CompensationQueue is { Count: > 0 } queue)
        {
            var number = queue[0];
            queue.RemoveAt(0);
            var record = ic.State.Compensable?.Find(c => c.Number == number);
            if (record is null) continue; // compensated meanwhile, or its scope was cancelled
            ic.State.Compensable!.Remove(record);
            if (ic.State.Compensable.Count == 0) ic.State.Compensable = null;
            if (await StartAsync(ctx, ic, waiter, record)) return;
        }
        waiter.CompensationQueue = null;
        if (waiter.IsCompensationScope)
        {
            ic.Remove(waiter);
            if (waiter.CompensationWaiter is { } outerId && ic.Find(outerId) is { } outer) await ContinueAsync(ctx, ic, outer);
            return;
        }
        // The throw event itself: everything it compensates is undone, and its behaviour says how it goes on.
        waiter.Wait = WaitKind.None;
        await ((ICompensationThrower)ic.NodeOf(waiter).Behavior).CompensatedAsync(ctx, ic, waiter);
    }

    /// <summary>Starts the handler, the compensation event sub-process or the inner compensation of one recorded activity.</summary>
    private static async ValueTask<bool> StartAsync(CommandContext ctx, InstanceContext ic, Execution waiter, CompensableActivity record)
    {
        if (ic.Model.ElementsById.GetValueOrDefault(record.ElementId) is not Activity activity || ic.Find(record.ScopeId) is not { } scope) return false;
        if (activity.CompensationHandler is { } handler)
        {
            // A sub-process with a handler of its own is undone by that handler alone.
            if (record.InnerScopeId is { } inner) Forget(ic, inner);
            var handlerExecution = ic.NewExecution(scope, handler.Id);
            handlerExecution.CompensationWaiter = waiter.Id;
            ctx.Runner.Arrive(ctx, ic, handlerExecution, handler, null);
            return true;
        }
        if (activity is not SubProcess sub || record.InnerScopeId is not { } innerId) return false;
        var subScope = new Execution
        {
            Id = innerId, ParentId = scope.Id, ElementId = sub.Id, Wait = WaitKind.Scope, IsCompensationScope = true, CompensationWaiter = waiter.Id,
        };
        ic.State.Executions[innerId] = subScope;
        if (sub.CompensationEventSubProcess is { } esp)
        {
            await EventSubProcessBehavior.StartAsync(ctx, ic, subScope, esp, esp.TriggerStart!, null);
            return true;
        }
        // Without an event sub-process a sub-process is undone by undoing what completed inside it, last first.
        subScope.CompensationQueue = [];
        if (ic.State.Compensable is { } list)
            for (var i = list.Count - 1; i >= 0; i--)
                if (list[i].ScopeId == innerId) subScope.CompensationQueue.Add(list[i].Number);
        // Nothing left inside, it ends at once and itself lets the waiter go on.
        await ContinueAsync(ctx, ic, subScope);
        return true;
    }

    /// <summary>A handler finished (it has no outgoing flows): its waiter undoes the next activity.</summary>
    public static async ValueTask HandlerFinishedAsync(CommandContext ctx, InstanceContext ic, Execution handler)
    {
        ic.Remove(handler);
        if (handler.CompensationWaiter is { } waiterId && ic.Find(waiterId) is { } waiter) await ContinueAsync(ctx, ic, waiter);
    }
}

/// <summary>A behaviour whose token waits in <see cref="Compensation.ThrowAsync"/> while what it compensates is undone.</summary>
internal interface ICompensationThrower
{
    /// <summary>Every handler finished: the thrower goes on (an intermediate event) or completes and ends (an end event).</summary>
    ValueTask CompensatedAsync(CommandContext ctx, InstanceContext ic, Execution thrower);
}
