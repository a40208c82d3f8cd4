using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Feel;
using static Vupe.Engine.HistoryEventTypes;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>
/// What every activity shares: vupe:async, boundary events, multi-instance and standard loop bodies, input and output
/// mappings, compensation records, and its default flow. The kinds of activity say only what their work is.
/// </summary>
internal abstract class ActivityBehavior : FlowNodeBehavior
{
    public override async ValueTask EnterAsync(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node)
    {
        var activity = (Activity)node;
        if (!ex.IsMultiInstanceInner)
        {
            if (activity.AsyncBefore && !ex.AsyncDone)
            {
                ctx.Runner.CreateJob(ctx, ic, ex, activity, JobKind.AsyncContinuation, ctx.Now);
                ex.Wait = WaitKind.Job;
                return;
            }
            ex.AsyncDone = false;
            // The boundary events belong to the execution at the activity: with a loop or multi-instance, to its body.
            foreach (var boundary in activity.BoundaryEvents) await EventWaits.OpenAsync(ctx, ic, ex, boundary);
            if (activity.MultiInstance is { } mi)
            {
                await MultiInstanceBody.StartAsync(ctx, ic, ex, activity, mi);
                return;
            }
            if (activity.StandardLoop is { } loop)
            {
                await StandardLoopBody.StartAsync(ctx, ic, ex, activity, loop);
                return;
            }
        }
        if (activity.Inputs.Count > 0) FlowRunner.ApplyInputs(ic, ex, activity.Inputs);
        await ExecuteAsync(ctx, ic, ex);
    }

    public override async ValueTask CompleteAsync(CommandContext ctx, InstanceContext ic, Execution ex, IReadOnlyDictionary<string, FeelValue>? result)
    {
        var activity = (Activity)ic.NodeOf(ex);
        if (result is { Count: > 0 })
        {
            if (activity.Outputs.Count > 0)
            {
                ex.Variables ??= new Dictionary<string, FeelValue>(StringComparer.Ordinal);
                foreach (var (k, v) in result) ex.Variables[k] = v;
            }
            else
            {
                ctx.Runner.SetVariables(ctx, ic, ic.Parent(ex)!, result);
            }
        }
        if (activity.Outputs.Count > 0)
        {
            var mapped = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
            foreach (var mapping in activity.Outputs) mapped[mapping.Target] = FlowRunner.EvaluateMapping(ic, ex, mapping, "output");
            ctx.Runner.SetVariables(ctx, ic, ic.Parent(ex)!, mapped);
        }
        // What follows a run or an instance is decided before it is recorded as completed: a condition that raises an
        // incident is retried from here, and must find nothing recorded or counted twice.
        var inner = ex.IsMultiInstanceInner;
        var loop = inner ? activity.StandardLoop : null;
        var next = !inner ? false : loop is not null ? StandardLoopBody.RunsAgain(ic, ex, activity, loop) : MultiInstanceBody.CountCompleted(ic, ex, activity);
        ctx.History.Add(ctx, ic, ElementCompleted, ex, activity);
        if (ic.Model.UsesCompensation) Compensation.RecordCompleted(ic, ex, activity);
        if ((!inner && activity.BoundaryEvents.Count > 0) || OwnsInnerEvents(activity))
            await ctx.Runner.CloseOwnedEventsAsync(ctx, ic, ex);
        if (inner)
        {
            if (loop is not null) await StandardLoopBody.RunCompletedAsync(ctx, ic, ex, activity, next);
            else await MultiInstanceBody.InstanceCompletedAsync(ctx, ic, ex, activity, next);
            return;
        }
        ex.Variables = null;
        ex.Wait = WaitKind.None;
        ctx.Runner.Leave(ctx, ic, ex, activity);
    }

    /// <summary>An activity was recorded completed when it completed (or its body did), not as it is left.</summary>
    public override void Leaving(CommandContext ctx, InstanceContext ic, Execution ex, FlowNode node) { }

    public override void SelectOutgoing(InstanceContext ic, Execution ex, FlowNode node, List<SequenceFlow> selected) =>
        SelectConditional(ic, ex, node, ((Activity)node).DefaultFlow, selected, $"No condition of the outgoing flows of {node} was true.");

    public override bool OwnsEvents(FlowNode node) => ((Activity)node).BoundaryEvents.Count > 0 || OwnsInnerEvents((Activity)node);

    /// <summary>Events an execution at the activity owns besides its boundary events (a sub-process's event sub-processes).</summary>
    protected virtual bool OwnsInnerEvents(Activity activity) => false;

    public override async ValueTask PrepareRetryAsync(CommandContext ctx, InstanceContext ic, Execution ex, IncidentPhase phase)
    {
        // Entering an activity opens its boundary events before the step that failed; entering again reopens them.
        if (phase == IncidentPhase.Arrive && !ex.IsMultiInstanceInner && ((Activity)ic.NodeOf(ex)).BoundaryEvents.Count > 0)
            await ctx.Runner.CloseOwnedEventsAsync(ctx, ic, ex);
    }
}
