using Vupe.Engine.Model;
using Vupe.Engine.Parsing;
using Vupe.Engine.Persistence;
using Vupe.Feel;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime;

internal sealed partial class FlowRunner
{
    // ---------------------------------------------------------------- opening event subscriptions

    private async ValueTask OpenBoundaryEventsAsync(CommandContext ctx, InstanceContext ic, Execution owner, Activity activity)
    {
        foreach (var boundary in activity.BoundaryEvents)
            await OpenEventAsync(ctx, ic, owner, boundary);
    }

    /// <summary>A scope (process, sub-process) starts listening for the start events of its event sub-processes.</summary>
    public async ValueTask OpenEventSubProcessesAsync(CommandContext ctx, InstanceContext ic, Execution scope, FlowScopeElement element)
    {
        foreach (var esp in element.EventSubProcesses)
            if (esp.TriggerStart is { Definition: MessageDefinition or TimerDefinition or SignalDefinition or ConditionalDefinition } start)
                await OpenEventAsync(ctx, ic, scope, start);
    }

    /// <summary>Opens the subscription or timer through which <paramref name="eventNode"/> will later trigger <paramref name="owner"/>.</summary>
    public async ValueTask OpenEventAsync(CommandContext ctx, InstanceContext ic, Execution owner, FlowNode eventNode)
    {
        var definition = eventNode switch
        {
            EventNode e => e.Definition,
            ReceiveTask r => r.Message,
            _ => null,
        };
        switch (definition)
        {
            case MessageDefinition m:
                var key = CorrelationKeyOf(ic, owner, m);
                var subscription = new EventSubscriptionRecord
                {
                    Id = Ids.NewVersion7(), InstanceId = ic.Id, ExecutionId = owner.Id, ElementId = eventNode.Id,
                    Kind = SubscriptionKind.Message, Name = m.MessageName, CorrelationKey = key, CreatedAt = ctx.Now,
                };
                ctx.Session.Add(subscription);
                // A message that came before anyone waited for it is delivered now.
                var buffered = await ctx.Session.FindBufferedMessagesAsync(m.MessageName, key, ctx.Now, ctx.Ct);
                if (buffered.Count > 0)
                {
                    ctx.Session.Remove(buffered[0]);
                    var variables = MessageVariables.Deserialize(buffered[0].VariablesJson);
                    ctx.Schedule(() => TriggerAsync(ctx, ic, owner, eventNode, variables, subscription, null));
                }
                break;
            case TimerDefinition t:
                var (due, repeats, spec) = EvaluateTimer(ctx.Now, ic.ScopeFor(owner), eventNode, t);
                var job = CreateJob(ctx, ic, owner, eventNode, JobKind.Timer, due);
                job.RepeatsLeft = repeats;
                job.TimerSpec = spec;
                break;
            case SignalDefinition s:
                ctx.Session.Add(new EventSubscriptionRecord
                {
                    Id = Ids.NewVersion7(), InstanceId = ic.Id, ExecutionId = owner.Id, ElementId = eventNode.Id,
                    Kind = SubscriptionKind.Signal, Name = s.SignalName, CreatedAt = ctx.Now,
                });
                break;
            case ConditionalDefinition:
                OpenCondition(ic, owner, eventNode);
                break;
        }
    }

    private static string? CorrelationKeyOf(InstanceContext ic, Execution owner, MessageDefinition m)
    {
        if (m.CorrelationKey is null) return null;
        var value = m.CorrelationKey.EvaluateWithDiagnostics(ic.ScopeFor(owner)).Value;
        return value switch
        {
            FeelString s => s.Value,
            FeelNumber n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new IncidentException(IncidentKind.MappingError,
                $"The correlation key '{m.CorrelationKey.Source}' of message '{m.MessageName}' gave {Describe(value)}; it must be a string or number."),
        };
    }

    /// <summary>When a timer is first due, how many more times a cycle repeats (-1: for ever), and the cycle text to compute the next.</summary>
    internal static (DateTimeOffset Due, int Repeats, string? Spec) EvaluateTimer(DateTimeOffset now, IFeelScope scope, FlowNode node, TimerDefinition timer)
    {
        string? text = timer.Literal;
        if (timer.Expression is not null)
        {
            var value = timer.Expression.EvaluateWithDiagnostics(scope).Value;
            switch (value)
            {
                case FeelString s: text = s.Value; break;
                case FeelDaysTimeDuration or FeelYearsMonthsDuration when timer.Kind == TimerKind.Duration:
                    return (TimerSchedule.Add(now, value), 0, null);
                case FeelDateTime when timer.Kind == TimerKind.Date:
                    return (ToInstant(value), 0, null);
                default:
                    throw new IncidentException(IncidentKind.MappingError,
                        $"The timer expression '{timer.Expression.Source}' of {node} gave {Describe(value)}, which is not a {timer.Kind.ToString().ToLowerInvariant()}.");
            }
        }
        switch (timer.Kind)
        {
            case TimerKind.Date when TimerSchedule.TryParseDate(text!, out var at): return (at, 0, null);
            case TimerKind.Duration when FeelTemporal.TryParseDuration(text!, out var d): return (TimerSchedule.Add(now, d), 0, null);
            case TimerKind.Cycle when TimerSchedule.TryParseCycle(text!, now, out var first, out var repeats):
                return (first, repeats < 0 ? -1 : repeats - 1, text);
            default:
                throw new IncidentException(IncidentKind.MappingError, $"The timer of {node} has an invalid {timer.Kind.ToString().ToLowerInvariant()} '{text}'.");
        }
    }

    internal static DateTimeOffset ToInstant(FeelValue dateTime) => dateTime.ToObject() switch
    {
        DateTimeOffset o => o,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => throw new IncidentException(IncidentKind.MappingError, $"{Describe(dateTime)} is not a point in time."),
    };

    public JobRecord CreateJob(CommandContext ctx, InstanceContext ic, Execution owner, FlowNode node, JobKind kind, DateTimeOffset due, int retries = 1)
    {
        var job = new JobRecord
        {
            Id = Ids.NewVersion7(), Kind = kind, InstanceId = ic.Id, ExecutionId = owner.Id, ElementId = node.Id,
            DueAt = due, RetriesLeft = retries, CreatedAt = ctx.Now,
        };
        ctx.AddJob(job);
        return job;
    }

    // ---------------------------------------------------------------- closing

    /// <summary>Removes the subscriptions and timers an execution owns (its boundary events, or the event sub-processes of a scope).</summary>
    public async ValueTask CloseOwnedEventsAsync(CommandContext ctx, InstanceContext ic, Execution owner, Func<string, bool>? onlyElements = null)
    {
        if (owner.Conditions is not null) CloseConditions(owner, onlyElements);
        foreach (var s in await ctx.Session.FindSubscriptionsAsync(new SubscriptionFilter(InstanceId: ic.Id, ExecutionId: owner.Id, MatchAnyKey: true), ctx.Ct))
            if (onlyElements is null || onlyElements(s.ElementId)) ctx.Session.Remove(s);
        foreach (var j in await ctx.Session.FindJobsAsync(new JobFilter(InstanceId: ic.Id), ctx.Ct))
            if (j.ExecutionId == owner.Id && (onlyElements is null || onlyElements(j.ElementId))) ctx.Session.Remove(j);
    }

    private static async ValueTask CloseInstanceEventsAsync(CommandContext ctx, InstanceContext ic)
    {
        foreach (var s in await ctx.Session.FindSubscriptionsAsync(new SubscriptionFilter(InstanceId: ic.Id, MatchAnyKey: true), ctx.Ct)) ctx.Session.Remove(s);
        foreach (var j in await ctx.Session.FindJobsAsync(new JobFilter(InstanceId: ic.Id), ctx.Ct)) ctx.Session.Remove(j);
    }

    // ---------------------------------------------------------------- triggering

    /// <summary>A message, timer or signal arrived for <paramref name="owner"/> through <paramref name="eventNode"/>.</summary>
    public async ValueTask TriggerAsync(CommandContext ctx, InstanceContext ic, Execution owner, FlowNode eventNode,
        IReadOnlyDictionary<string, FeelValue>? variables, EventSubscriptionRecord? subscription, JobRecord? job)
    {
        if (!ic.IsActive || ic.Find(owner.Id) != owner) return;
        if (!IsListening(owner, eventNode))
        {
            // A stale trigger (e.g. one buffered message matched two branches of an event-based gateway).
            if (subscription is not null) ctx.Session.Remove(subscription);
            if (job is not null) ctx.Session.Remove(job);
            return;
        }
        var keepListening = false;
        switch (eventNode)
        {
            case BoundaryEvent boundary:
                var scope = ic.Parent(owner)!;
                if (boundary.CancelActivity)
                {
                    await CancelExecutionAsync(ctx, ic, owner);
                }
                else
                {
                    keepListening = true;
                }
                var branch = ic.NewExecution(scope, boundary.Id);
                ctx.History.Add(ctx, ic, ElementStarted, branch, boundary);
                if (variables is { Count: > 0 }) SetVariables(ctx, ic, branch, variables);
                Leave(ctx, ic, branch, boundary);
                break;

            case StartEvent start when start.Container is SubProcess { TriggeredByEvent: true } esp:
                keepListening = !start.IsInterrupting;
                await StartEventSubProcessAsync(ctx, ic, owner, esp, start, variables);
                break;

            case IntermediateCatchEvent or ReceiveTask:
                if (owner.Wait == WaitKind.EventGateway)
                {
                    await CloseOwnedEventsAsync(ctx, ic, owner);
                    ctx.History.Add(ctx, ic, ElementCompleted, owner, ic.NodeOf(owner));
                    owner.ElementId = eventNode.Id;
                    ctx.History.Add(ctx, ic, ElementStarted, owner, eventNode);
                }
                owner.Wait = WaitKind.None;
                if (eventNode is ReceiveTask)
                {
                    Complete(ctx, ic, owner, variables);
                }
                else
                {
                    if (variables is { Count: > 0 }) SetVariables(ctx, ic, owner, variables);
                    Leave(ctx, ic, owner, eventNode);
                }
                break;
        }

        if (subscription is not null && !keepListening) ctx.Session.Remove(subscription);
        if (!keepListening && owner.Conditions is not null) owner.Conditions.Remove(eventNode.Id);
        if (job is not null)
        {
            if (keepListening && job.RepeatsLeft != 0 && job.TimerSpec is { } spec)
            {
                job.DueAt = TimerSchedule.NextInCycle(spec, job.DueAt, ctx.Now);
                if (job.RepeatsLeft > 0) job.RepeatsLeft--;
                ctx.Session.Update(job);
                ctx.NewJobs.Add(job);
            }
            else
            {
                ctx.Session.Remove(job);
            }
        }
    }

    /// <summary>Whether <paramref name="owner"/> still waits for <paramref name="eventNode"/> in the way its subscription or timer was opened.</summary>
    private static bool IsListening(Execution owner, FlowNode eventNode) => eventNode switch
    {
        BoundaryEvent b => owner.ElementId == b.AttachedTo.Id,
        StartEvent s => s.Container is SubProcess { TriggeredByEvent: true } esp && owner.ElementId == esp.Container?.Id,
        _ => owner.Wait == WaitKind.EventGateway
            ? eventNode.Incoming.Any(f => f.Source.Id == owner.ElementId)
            : owner.ElementId == eventNode.Id && owner.Wait is WaitKind.Message or WaitKind.Timer or WaitKind.Signal or WaitKind.Condition,
    };

    internal async ValueTask StartEventSubProcessAsync(CommandContext ctx, InstanceContext ic, Execution scope, SubProcess esp, StartEvent start, IReadOnlyDictionary<string, FeelValue>? variables)
    {
        if (start.IsInterrupting)
        {
            foreach (var child in ic.Children(scope)) await CancelExecutionAsync(ctx, ic, child);
            var starts = ((FlowScopeElement)ic.NodeOf(scope)).EventSubProcesses.Select(e => e.TriggerStart?.Id).ToHashSet();
            await CloseOwnedEventsAsync(ctx, ic, scope, id => starts.Contains(id));
        }
        var espExecution = ic.NewExecution(scope, esp.Id);
        espExecution.Wait = WaitKind.Scope;
        ctx.History.Add(ctx, ic, ElementStarted, espExecution, esp);
        await OpenEventSubProcessesAsync(ctx, ic, espExecution, esp);
        var token = ic.NewExecution(espExecution, start.Id);
        ctx.History.Add(ctx, ic, ElementStarted, token, start);
        if (variables is { Count: > 0 }) SetVariables(ctx, ic, token, variables);
        Leave(ctx, ic, token, start);
    }

    // ---------------------------------------------------------------- cancelling

    /// <summary>Removes an execution and everything under it: child tokens, its task, timers, subscriptions, called instances.</summary>
    public async ValueTask CancelExecutionAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        foreach (var child in ic.Children(ex)) await CancelExecutionAsync(ctx, ic, child);
        if (ex.TaskId is { } taskId && await ctx.Session.FindTaskAsync(taskId, ctx.Ct) is { } task)
            ctx.Session.Remove(task);
        var node = ic.Model.ElementsById.GetValueOrDefault(ex.ElementId) as FlowNode;
        if (ex.Wait is WaitKind.Message or WaitKind.Timer or WaitKind.Signal or WaitKind.EventGateway or WaitKind.Job or WaitKind.Incident
            || node is Activity { BoundaryEvents.Count: > 0 } || node is FlowScopeElement { EventSubProcesses.Count: > 0 })
            await CloseOwnedEventsAsync(ctx, ic, ex);
        if (ex.IncidentId is { } incidentId && await ctx.Session.FindIncidentAsync(incidentId, ctx.Ct) is { } incident)
        {
            incident.ResolvedAt = ctx.Now;
            incident.ResolvedBy = "cancelled";
            ctx.Session.Update(incident);
        }
        if (ex.ChildInstanceId is { } childId)
        {
            var child = await ctx.LoadInstanceAsync(childId);
            if (child.IsActive) await CancelInstanceAsync(ctx, child);
        }
        if (ic.Model.UsesCompensation) Compensation.Forget(ic, ex.Id);
        if (ex.Id != InstanceContext.RootId)
        {
            ctx.History.Add(ctx, ic, ElementCancelled, ex, node);
            ic.Remove(ex);
        }
    }

    public async ValueTask CancelInstanceAsync(CommandContext ctx, InstanceContext ic)
    {
        foreach (var child in ic.Children(ic.Root)) await CancelExecutionAsync(ctx, ic, child);
        await CompleteInstanceAsync(ctx, ic, InstanceStatus.Cancelled);
    }

    // ---------------------------------------------------------------- errors

    /// <summary>
    /// Finds the nearest catcher of a BPMN error, from the thrower outwards: an error event
    /// sub-process of an enclosing scope or an error boundary event of an enclosing activity, then
    /// the call activity of a calling instance. Uncaught, it stops the thrower with an incident.
    /// An error end event (<paramref name="throwerEnds"/>) is reached and completes before its error
    /// propagates (BPMN 2.0.2, 13.5.6): its token ends rather than being cancelled with its scope.
    /// </summary>
    public async ValueTask ThrowErrorAsync(CommandContext ctx, InstanceContext ic, Execution thrower, string errorCode, string? message, bool throwerEnds = false)
    {
        ctx.History.Add(ctx, ic, ErrorThrown, thrower, details: new { errorCode, message });
        var (catcher, node) = FindErrorCatcher(ic, thrower, errorCode);
        if (catcher is not null)
        {
            if (throwerEnds) EndThrower(ctx, ic, thrower);
            if (node is StartEvent start) await StartEventSubProcessAsync(ctx, ic, catcher, (SubProcess)start.Container!, start, null);
            else await TriggerAsync(ctx, ic, catcher, node!, null, null, null);
            return;
        }
        if (ic.Record.ParentInstanceId is { } parentId)
        {
            var parent = await ctx.LoadInstanceAsync(parentId);
            if (parent.Find(ic.Record.ParentExecutionId!) is { } caller)
            {
                if (throwerEnds) EndThrower(ctx, ic, thrower);
                caller.ChildInstanceId = null;
                await CancelInstanceAsync(ctx, ic);
                await ThrowErrorAsync(ctx, parent, caller, errorCode, message);
                return;
            }
        }
        RaiseIncident(ctx, ic, thrower, IncidentKind.UnhandledError,
            $"BPMN error '{errorCode}'{(message is null ? "" : $" ({message})")} was thrown at '{thrower.ElementId}' and nothing catches it.", IncidentPhase.Arrive, null);
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
    private static void EndThrower(CommandContext ctx, InstanceContext ic, Execution thrower)
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
    }
}
