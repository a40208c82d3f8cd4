using Vupe.Engine.Parsing;
using Vupe.Engine.Persistence;
using Vupe.Engine.Runtime.Behaviors;
using Vupe.Feel;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime;

internal sealed partial class FlowRunner
{
    // ---------------------------------------------------------------- jobs and subscriptions

    public JobRecord CreateJob(CommandContext ctx, InstanceContext ic, Execution owner, Model.FlowNode node, JobKind kind, DateTimeOffset due, int retries = 1)
    {
        var job = new JobRecord
        {
            Id = Ids.NewVersion7(), Kind = kind, InstanceId = ic.Id, ExecutionId = owner.Id, ElementId = node.Id,
            DueAt = due, RetriesLeft = retries, CreatedAt = ctx.Now,
        };
        ctx.AddJob(job);
        return job;
    }

    /// <summary>Removes the subscriptions and timers an execution owns (its boundary events, or the event sub-processes of a scope).</summary>
    public async ValueTask CloseOwnedEventsAsync(CommandContext ctx, InstanceContext ic, Execution owner, Func<string, bool>? onlyElements = null)
    {
        if (owner.Conditions is not null) ConditionalEvents.Close(owner, onlyElements);
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

    /// <summary>
    /// A message, timer, signal or condition arrived for <paramref name="owner"/> through <paramref name="eventNode"/>:
    /// the node's behaviour says what it means; here the subscription or timer is closed, or kept when it listens on.
    /// </summary>
    public async ValueTask TriggerAsync(CommandContext ctx, InstanceContext ic, Execution owner, Model.FlowNode eventNode,
        IReadOnlyDictionary<string, FeelValue>? variables, EventSubscriptionRecord? subscription, JobRecord? job)
    {
        if (!ic.IsActive || ic.Find(owner.Id) != owner) return;
        if (!eventNode.Behavior.IsListening(owner, eventNode))
        {
            // A stale trigger (e.g. one buffered message matched two branches of an event-based gateway).
            if (subscription is not null) ctx.Session.Remove(subscription);
            if (job is not null) ctx.Session.Remove(job);
            return;
        }
        var keepListening = await eventNode.Behavior.TriggerAsync(ctx, ic, owner, eventNode, variables);

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

    // ---------------------------------------------------------------- cancelling

    /// <summary>Removes an execution and everything under it: child tokens, what its element created (its behaviour's cancel hook), timers, subscriptions.</summary>
    public async ValueTask CancelExecutionAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        foreach (var child in ic.Children(ex)) await CancelExecutionAsync(ctx, ic, child);
        var node = ic.FindNode(ex);
        if (node is not null) await node.Behavior.CancelAsync(ctx, ic, ex);
        if (ex.Wait is WaitKind.Message or WaitKind.Timer or WaitKind.Signal or WaitKind.EventGateway or WaitKind.Job or WaitKind.Incident
            || node is not null && node.Behavior.OwnsEvents(node))
            await CloseOwnedEventsAsync(ctx, ic, ex);
        if (ex.IncidentId is { } incidentId && await ctx.Session.FindIncidentAsync(incidentId, ctx.Ct) is { } incident)
        {
            incident.ResolvedAt = ctx.Now;
            incident.ResolvedBy = "cancelled";
            ctx.Session.Update(incident);
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
}
