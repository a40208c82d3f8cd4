using Vupe.Engine.Model;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime;

/// <summary>
/// Moves a running instance to another process definition (a newer version, usually): every execution goes to the
/// target's element with the same id, or the one a mapping names, and keeps what it waits for — a user task with its
/// assignee, claim and due date, a timer with its due time, a message or signal subscription, a sub-process scope,
/// parallel branches and joins — and starts listening for the boundary events and event sub-processes the target adds
/// (timers counted from the migration). The decisions and forms it uses are bound again to their latest versions. Refused,
/// each with its reason: an element the target lacks, one of another kind, one moved out of its scope, multi-instance
/// bodies and standard loops running, call activities waiting for their called instance, compensation running, activities that can still be compensated but
/// are missing in the target, and open incidents.
/// </summary>
internal sealed class InstanceMigrator(EngineCore engine)
{
    /// <summary>Why the instance cannot move to the target (empty: it can).</summary>
    public static List<string> Check(ProcessInstanceRecord instance, ProcessModel source, ProcessModel target, IReadOnlyDictionary<string, string> mappings)
    {
        var reasons = new List<string>();
        if (instance.Status != InstanceStatus.Active) reasons.Add($"La instancia ya terminó ({instance.Status}).");
        var executions = instance.State.Executions;
        foreach (var ex in executions.Values)
        {
            if (ex.Id == InstanceContext.RootId) continue;
            var from = source.ElementsById.GetValueOrDefault(ex.ElementId) as FlowNode;
            var toId = Map(mappings, ex.ElementId);
            if (ex.MultiInstance is not null || ex.IsMultiInstanceInner)
            {
                reasons.Add(from is Activity { StandardLoop: not null }
                    ? $"'{ex.ElementId}' es una actividad que se repite (bucle estándar) en curso: no se migra."
                    : $"'{ex.ElementId}' es una actividad de instancias múltiples en curso: no se migra.");
                continue;
            }
            if (ex.Wait == WaitKind.Compensation || ex.CompensationWaiter is not null || ex.IsCompensationScope)
            {
                reasons.Add($"'{ex.ElementId}' está compensando actividades ya completadas: no se migra hasta que la compensación termine.");
                continue;
            }
            if (ex.Wait == WaitKind.CallActivity)
            {
                reasons.Add($"'{ex.ElementId}' espera a un subproceso llamado: no se migra.");
                continue;
            }
            if (ex.IncidentId is not null)
            {
                reasons.Add($"'{ex.ElementId}' tiene una incidencia abierta: resuélvala antes de migrar.");
                continue;
            }
            if (target.ElementsById.GetValueOrDefault(toId) is not FlowNode to)
            {
                reasons.Add($"'{ex.ElementId}' no existe en la versión destino: indique a qué actividad pasa.");
                continue;
            }
            if (from is not null && !SameKind(from, to))
            {
                reasons.Add($"'{ex.ElementId}' ({from.ElementType}) no puede pasar a '{toId}' ({to.ElementType}): son de otro tipo.");
                continue;
            }
            var parent = ex.ParentId is null ? null : executions.GetValueOrDefault(ex.ParentId);
            var expectedContainer = parent is null || parent.Id == InstanceContext.RootId ? target.Id : Map(mappings, parent.ElementId);
            if ((to.Container?.Id ?? target.Id) != expectedContainer)
                reasons.Add($"'{toId}' no está en el mismo ámbito (proceso o subproceso) que '{ex.ElementId}'.");
            else if (ex.Wait == WaitKind.Join && to is Gateway join && ex.ArrivedVia is { } via && join.Incoming.All(f => f.Id != via))
                reasons.Add($"La rama que espera en '{toId}' llegó por '{via}', que la versión destino no tiene.");
        }
        foreach (var done in instance.State.Compensable ?? [])
            if (target.ElementsById.GetValueOrDefault(Map(mappings, done.ElementId)) is not Activity)
                reasons.Add($"'{done.ElementId}' ya se completó y aún puede compensarse, pero la versión destino no tiene esa actividad: indique a qué actividad pasa.");
        return reasons;
    }

    /// <summary>Moves the instance (checked first: throws <see cref="InvalidStateException"/> with the reasons).</summary>
    public async Task MigrateAsync(CommandContext ctx, InstanceContext ic, DeployedProcess target, IReadOnlyDictionary<string, string> mappings)
    {
        var reasons = Check(ic.Record, ic.Model, target.Model, mappings);
        if (reasons.Count > 0) throw new InvalidStateException(StateText.NotMigratable(string.Join(" ", reasons)));
        var source = ic.Record.DefinitionId;
        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var done in ic.State.Compensable ?? []) done.ElementId = Map(mappings, done.ElementId);
        foreach (var ex in ic.State.Executions.Values)
        {
            var to = ex.Id == InstanceContext.RootId ? target.Model.Id : Map(mappings, ex.ElementId);
            if (to != ex.ElementId) moved[ex.ElementId] = to;
            ex.ElementId = to;
            if (ex.Conditions is not null) MoveConditions(ex, target.Model, mappings);
            if (ex.TaskId is { } taskId && await ctx.Session.FindTaskAsync(taskId, ctx.Ct) is { } task)
            {
                // Assignee, claim, due date, priority and candidates stay: the person working on it keeps it.
                var node = (UserTask)target.Model.GetNode(to);
                task.ElementId = to;
                task.Name = node.Name;
                task.FormKey = node.FormKey;
                task.ProcessKey = target.Record.Key;
                ctx.Session.Update(task);
            }
        }
        // What stays listening after the move, by (execution, element): the target's new events are opened beside it.
        var listening = new HashSet<(string ExecutionId, string ElementId)>();
        var notYetEntered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in await ctx.Session.FindJobsAsync(new JobFilter(InstanceId: ic.Id), ctx.Ct))
        {
            if (job.Kind == JobKind.AsyncContinuation && job.ExecutionId is { } waiting) notYetEntered.Add(waiting);
            if (MoveOrDrop(ctx, job, job.ElementId, target.Model, mappings, id => job.ElementId = id, job.Kind != JobKind.Timer || IsTimer(target.Model, mappings, job.ElementId))
                && job.ExecutionId is { } owner)
                listening.Add((owner, job.ElementId));
        }
        foreach (var ex in ic.State.Executions.Values)
            foreach (var elementId in ex.Conditions?.Keys ?? Enumerable.Empty<string>())
                listening.Add((ex.Id, elementId));
        foreach (var subscription in await ctx.Session.FindSubscriptionsAsync(new SubscriptionFilter(InstanceId: ic.Id, MatchAnyKey: true), ctx.Ct))
            if (MoveOrDrop(ctx, subscription, subscription.ElementId, target.Model, mappings, id => subscription.ElementId = id, true))
                listening.Add((subscription.ExecutionId, subscription.ElementId));
        ic.Record.DefinitionId = target.Record.Id;
        ic.Record.DefinitionVersion = target.Record.Version;
        ic.Record.ProcessKey = target.Record.Key;
        ic.State.Bindings = engine.Resources.BindingsFor(target.Model, target.Record.DeploymentId);
        await OpenAddedEventsAsync(ctx, new InstanceContext(ic.Record, target.Model, ic.Case), listening, notYetEntered);
        ctx.History.Add(ctx, ic, HistoryEventTypes.ProcessMigrated, ic.Root, target.Model,
            new { from = source, to = target.Record.Id, moved, bindings = ic.State.Bindings });
    }

    /// <summary>
    /// A job or subscription follows its element (a boundary event, a catch event) to the target; one whose element the
    /// target does not have is removed (a boundary timer the new version dropped).
    /// </summary>
    private static bool MoveOrDrop(CommandContext ctx, object row, string elementId, ProcessModel target, IReadOnlyDictionary<string, string> mappings, Action<string> move,
        bool fits)
    {
        var to = Map(mappings, elementId);
        if (fits && target.ElementsById.ContainsKey(to))
        {
            move(to);
            ctx.Session.Update(row);
            return true;
        }
        ctx.Session.Remove(row);
        return false;
    }

    /// <summary>The conditions an execution listens to follow their elements; one the target does not have as a conditional event is dropped.</summary>
    private static void MoveConditions(Execution ex, ProcessModel target, IReadOnlyDictionary<string, string> mappings)
    {
        var moved = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (elementId, last) in ex.Conditions!)
            if (target.ElementsById.GetValueOrDefault(Map(mappings, elementId)) is EventNode { Definition: ConditionalDefinition })
                moved[Map(mappings, elementId)] = last;
        ex.Conditions = moved.Count > 0 ? moved : null;
    }

    /// <summary>A timer job stays only on an element that is still a timer (a boundary turned into a message one is reopened as such).</summary>
    private static bool IsTimer(ProcessModel target, IReadOnlyDictionary<string, string> mappings, string elementId) =>
        target.ElementsById.GetValueOrDefault(Map(mappings, elementId)) is EventNode { Definition: TimerDefinition };

    /// <summary>
    /// Boundary events and event sub-processes the target version adds start listening now, as they would have when
    /// their activity or scope was entered: a token waiting at a task that gains a 5-day reminder gets it, counted from
    /// the migration. An activity still waiting for its async-before job has not been entered and opens them then.
    /// </summary>
    private static async Task OpenAddedEventsAsync(CommandContext ctx, InstanceContext ic, HashSet<(string ExecutionId, string ElementId)> listening,
        HashSet<string> notYetEntered)
    {
        foreach (var ex in ic.State.Executions.Values.ToList())
        {
            var isRoot = ex.Id == InstanceContext.RootId;
            var node = isRoot ? null : ic.Model.ElementsById.GetValueOrDefault(ex.ElementId);
            if (node is Activity activity && ex.Wait is WaitKind.UserTask or WaitKind.Message or WaitKind.Scope or WaitKind.Job
                && !ex.IsMultiInstanceInner && !notYetEntered.Contains(ex.Id))
                foreach (var boundary in activity.BoundaryEvents)
                    if (boundary.Definition is MessageDefinition or TimerDefinition or SignalDefinition or ConditionalDefinition && listening.Add((ex.Id, boundary.Id)))
                        await Behaviors.EventWaits.OpenAsync(ctx, ic, ex, boundary);
            FlowScopeElement? scope = isRoot ? ic.Model : ex.Wait == WaitKind.Scope ? node as SubProcess : null;
            foreach (var esp in scope?.EventSubProcesses ?? [])
                if (esp.TriggerStart is { Definition: MessageDefinition or TimerDefinition or SignalDefinition or ConditionalDefinition } start && listening.Add((ex.Id, start.Id)))
                    await Behaviors.EventWaits.OpenAsync(ctx, ic, ex, start);
        }
    }

    /// <summary>
    /// Moves the tokens at <paramref name="fromElementId"/> to <paramref name="toElementId"/> of the same scope (an
    /// operator's correction): each is cancelled where it is — its task, timers and subscriptions with it — and a new
    /// token arrives at the target element, as if a flow had led there.
    /// </summary>
    public static async Task MoveTokensAsync(CommandContext ctx, InstanceContext ic, string fromElementId, string toElementId)
    {
        if (!ic.IsActive) throw new InvalidStateException(StateText.InstanceEnded(ic.Id, ic.Record.Status));
        var tokens = ic.State.Executions.Values.Where(e => e.Id != InstanceContext.RootId && e.ElementId == fromElementId && !ic.HasChildren(e)).ToList();
        if (tokens.Count == 0) throw new InvalidStateException(StateText.NoTokenAt(fromElementId));
        if (ic.Model.ElementsById.GetValueOrDefault(toElementId) is not FlowNode target || target is BoundaryEvent or StartEvent { Container: SubProcess { TriggeredByEvent: true } })
            throw new InvalidStateException(StateText.NotAMoveTarget(toElementId));
        foreach (var token in tokens)
        {
            var scope = ic.Parent(token)!;
            var scopeElement = scope.Id == InstanceContext.RootId ? ic.Model.Id : scope.ElementId;
            if ((target.Container?.Id ?? ic.Model.Id) != scopeElement)
                throw new InvalidStateException(StateText.OutOfScope(toElementId, fromElementId, scopeElement));
            if (token.IsMultiInstanceInner) throw new InvalidStateException(StateText.MultiInstanceInner(fromElementId));
            await ctx.Runner.CancelExecutionAsync(ctx, ic, token);
            var moved = ic.NewExecution(scope, toElementId);
            ctx.History.Add(ctx, ic, HistoryEventTypes.TokenMoved, moved, target, new { from = fromElementId, to = toElementId });
            ctx.Runner.Arrive(ctx, ic, moved, target, null);
        }
    }

    private static string Map(IReadOnlyDictionary<string, string> mappings, string id) => mappings.TryGetValue(id, out var to) ? to : id;

    private static bool SameKind(FlowNode a, FlowNode b) => a.GetType() == b.GetType() && (a, b) switch
    {
        (EventNode x, EventNode y) => x.Definition?.GetType() == y.Definition?.GetType(),
        (Gateway x, Gateway y) => x.Kind == y.Kind,
        _ => true,
    };
}
