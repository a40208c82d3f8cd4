using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Feel;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>
/// A multi-instance activity: the execution at the activity becomes its body; each item of the collection gets an
/// inner execution with the element variable and loopCounter as local variables. The body keeps the counters
/// (numberOfInstances, numberOfCompletedInstances, numberOfActiveInstances) the completion condition reads.
/// </summary>
internal static class MultiInstanceBody
{
    public static async ValueTask StartAsync(CommandContext ctx, InstanceContext ic, Execution body, Activity activity, MultiInstanceCharacteristics mi)
    {
        var scope = ic.ScopeFor(body);
        List<FeelValue> items;
        if (mi.Collection is not null)
        {
            var value = mi.Collection.EvaluateWithDiagnostics(scope);
            items = value.Value switch
            {
                FeelList list => [.. list.Items],
                _ => throw new IncidentException(IncidentKind.MappingError,
                    $"The multi-instance collection '{mi.Collection.Source}' of {activity} gave {FlowRunner.Describe(value.Value)}, not a list."),
            };
        }
        else
        {
            var value = mi.LoopCardinality!.Evaluate(scope);
            if (value is not FeelNumber { Value: >= 0 } n || n.Value != decimal.Truncate(n.Value))
                throw new IncidentException(IncidentKind.MappingError,
                    $"The loop cardinality '{mi.LoopCardinality.Source}' of {activity} gave {FlowRunner.Describe(value)}, not a whole number ≥ 0.");
            items = [.. Enumerable.Range(1, (int)n.Value).Select(i => (FeelValue)FeelValue.FromObject(i))];
        }

        body.Wait = WaitKind.Scope;
        body.MultiInstance = new MultiInstanceState { Items = items, Outputs = mi.OutputCollection is null ? null : [.. items.Select(_ => (FeelValue)FeelNull.Instance)] };
        if (items.Count == 0)
        {
            await CompleteBodyAsync(ctx, ic, body, activity, mi);
            return;
        }
        var first = mi.IsSequential ? 1 : items.Count;
        for (var i = 0; i < first; i++) StartInstance(ctx, ic, body, activity, mi);
    }

    private static void StartInstance(CommandContext ctx, InstanceContext ic, Execution body, Activity activity, MultiInstanceCharacteristics mi)
    {
        var state = body.MultiInstance!;
        var index = state.Started++;
        var inner = ic.NewExecution(body, activity.Id);
        inner.IsMultiInstanceInner = true;
        inner.LoopCounter = index + 1;
        inner.Variables = new Dictionary<string, FeelValue>(StringComparer.Ordinal) { ["loopCounter"] = FeelValue.FromObject(index + 1) };
        if (mi.ElementVariable is { } name) inner.Variables[name] = state.Items[index];
        SetCounters(body);
        ctx.Schedule(new Step(StepKind.EnterActivity, ic, inner, activity));
    }

    /// <summary>
    /// An instance's work is done: keep its output element and count it completed, then tell whether the completion
    /// condition (which sees it counted) ends the body. Called before the instance is recorded completed; if the output
    /// element or the condition raises an incident, the count is as it was, so retrying counts the instance once.
    /// </summary>
    public static bool CountCompleted(InstanceContext ic, Execution inner, Activity activity)
    {
        var body = ic.Parent(inner)!;
        var state = body.MultiInstance!;
        var mi = activity.MultiInstance!;
        state.Completed++;
        SetCounters(body);
        try
        {
            if (mi.OutputElement is not null && state.Outputs is not null)
                state.Outputs[inner.LoopCounter - 1] = FlowRunner.EvaluateMapping(ic, inner, new IoMapping(mi.OutputElement, mi.OutputCollection!), "output element");
            if (mi.CompletionCondition is not { } condition) return false;
            var result = condition.EvaluateWithDiagnostics(ic.ScopeFor(inner));
            if (result.Value is not (FeelBoolean or FeelNull))
                throw new IncidentException(IncidentKind.ConditionError,
                    $"The completion condition '{condition.Source}' of {activity} gave {FlowRunner.Describe(result.Value)}, not true or false.");
            return result.Value is FeelBoolean { Value: true };
        }
        catch (IncidentException)
        {
            state.Completed--;
            SetCounters(body);
            throw;
        }
    }

    /// <summary>An instance completed (<paramref name="done"/> from <see cref="CountCompleted"/>): start the next, or complete the body.</summary>
    public static async ValueTask InstanceCompletedAsync(CommandContext ctx, InstanceContext ic, Execution inner, Activity activity, bool done)
    {
        var body = ic.Parent(inner)!;
        var state = body.MultiInstance!;
        var mi = activity.MultiInstance!;
        ic.Remove(inner);
        if (done)
        {
            foreach (var other in ic.Children(body)) await ctx.Runner.CancelExecutionAsync(ctx, ic, other);
            await CompleteBodyAsync(ctx, ic, body, activity, mi);
            return;
        }
        if (state.Started < state.Items.Count && mi.IsSequential)
        {
            StartInstance(ctx, ic, body, activity, mi);
            return;
        }
        if (state.Completed >= state.Items.Count || !ic.HasChildren(body) && state.Started >= state.Items.Count)
            await CompleteBodyAsync(ctx, ic, body, activity, mi);
    }

    private static ValueTask CompleteBodyAsync(CommandContext ctx, InstanceContext ic, Execution body, Activity activity, MultiInstanceCharacteristics mi)
    {
        var outputs = body.MultiInstance!.Outputs;
        body.MultiInstance = null;
        body.Variables = null;
        if (mi.OutputCollection is { } collection)
            ctx.Runner.SetVariables(ctx, ic, ic.Parent(body)!, new Dictionary<string, FeelValue> { [collection] = FeelValue.FromObject(outputs ?? []) });
        ctx.History.Add(ctx, ic, HistoryEventTypes.ElementCompleted, body, activity);
        return LeaveBodyAsync(ctx, ic, body, activity);
    }

    /// <summary>A multi-instance or loop body completed: its boundary events close and the token leaves the activity.</summary>
    public static async ValueTask LeaveBodyAsync(CommandContext ctx, InstanceContext ic, Execution body, Activity activity)
    {
        if (activity.BoundaryEvents.Count > 0) await ctx.Runner.CloseOwnedEventsAsync(ctx, ic, body);
        body.Wait = WaitKind.None;
        ctx.Runner.Leave(ctx, ic, body, activity);
    }

    private static void SetCounters(Execution body)
    {
        var state = body.MultiInstance!;
        body.Variables ??= new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        body.Variables["numberOfInstances"] = FeelValue.FromObject(state.Items.Count);
        body.Variables["numberOfCompletedInstances"] = FeelValue.FromObject(state.Completed);
        body.Variables["numberOfActiveInstances"] = FeelValue.FromObject(state.Started - state.Completed);
    }
}
