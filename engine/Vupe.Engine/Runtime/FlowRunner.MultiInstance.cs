using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Feel;

namespace Vupe.Engine.Runtime;

internal sealed partial class FlowRunner
{
    /// <summary>
    /// The execution at a multi-instance activity becomes its body; each item of the collection gets
    /// an inner execution with the element variable and loopCounter as local variables.
    /// </summary>
    private async ValueTask StartMultiInstanceAsync(CommandContext ctx, InstanceContext ic, Execution body, Activity activity, MultiInstanceCharacteristics mi)
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
                    $"The multi-instance collection '{mi.Collection.Source}' of {activity} gave {Describe(value.Value)}, not a list."),
            };
        }
        else
        {
            var value = mi.LoopCardinality!.Evaluate(scope);
            if (value is not FeelNumber { Value: >= 0 } n || n.Value != decimal.Truncate(n.Value))
                throw new IncidentException(IncidentKind.MappingError,
                    $"The loop cardinality '{mi.LoopCardinality.Source}' of {activity} gave {Describe(value)}, not a whole number ≥ 0.");
            items = [.. Enumerable.Range(1, (int)n.Value).Select(i => (FeelValue)FeelValue.FromObject(i))];
        }

        body.Wait = WaitKind.Scope;
        body.MultiInstance = new MultiInstanceState { Items = items, Outputs = mi.OutputCollection is null ? null : [.. items.Select(_ => (FeelValue)FeelNull.Instance)] };
        if (items.Count == 0)
        {
            await CompleteMultiInstanceBodyAsync(ctx, ic, body, activity, mi);
            return;
        }
        var first = mi.IsSequential ? 1 : items.Count;
        for (var i = 0; i < first; i++) StartInnerInstance(ctx, ic, body, activity, mi);
    }

    private void StartInnerInstance(CommandContext ctx, InstanceContext ic, Execution body, Activity activity, MultiInstanceCharacteristics mi)
    {
        var state = body.MultiInstance!;
        var index = state.Started++;
        var inner = ic.NewExecution(body, activity.Id);
        inner.IsMultiInstanceInner = true;
        inner.LoopCounter = index + 1;
        inner.Variables = new Dictionary<string, FeelValue>(StringComparer.Ordinal) { ["loopCounter"] = FeelValue.FromObject(index + 1) };
        if (mi.ElementVariable is { } name) inner.Variables[name] = state.Items[index];
        SetBodyCounters(body);
        ctx.Schedule(new Step(StepKind.EnterActivity, ic, inner, activity));
    }

    private async ValueTask InnerInstanceCompletedAsync(CommandContext ctx, InstanceContext ic, Execution inner, Activity activity)
    {
        var body = ic.Parent(inner)!;
        var state = body.MultiInstance!;
        var mi = activity.MultiInstance!;
        if (mi.OutputElement is not null && state.Outputs is not null)
            state.Outputs[inner.LoopCounter - 1] = EvaluateMapping(ic, inner, new IoMapping(mi.OutputElement, mi.OutputCollection!), "output element");
        state.Completed++;
        SetBodyCounters(body);
        var done = false;
        if (mi.CompletionCondition is { } condition)
        {
            var result = condition.EvaluateWithDiagnostics(ic.ScopeFor(inner));
            if (result.Value is not (FeelBoolean or FeelNull))
                throw new IncidentException(IncidentKind.ConditionError,
                    $"The completion condition '{condition.Source}' of {activity} gave {Describe(result.Value)}, not true or false.");
            done = result.Value is FeelBoolean { Value: true };
        }
        ic.Remove(inner);
        if (done)
        {
            foreach (var other in ic.Children(body)) await CancelExecutionAsync(ctx, ic, other);
            await CompleteMultiInstanceBodyAsync(ctx, ic, body, activity, mi);
            return;
        }
        if (state.Started < state.Items.Count && mi.IsSequential)
        {
            StartInnerInstance(ctx, ic, body, activity, mi);
            return;
        }
        if (state.Completed >= state.Items.Count || !ic.HasChildren(body) && state.Started >= state.Items.Count)
            await CompleteMultiInstanceBodyAsync(ctx, ic, body, activity, mi);
    }

    private ValueTask CompleteMultiInstanceBodyAsync(CommandContext ctx, InstanceContext ic, Execution body, Activity activity, MultiInstanceCharacteristics mi)
    {
        var outputs = body.MultiInstance!.Outputs;
        body.MultiInstance = null;
        body.Variables = null;
        if (mi.OutputCollection is { } collection)
            SetVariables(ctx, ic, ic.Parent(body)!, new Dictionary<string, FeelValue> { [collection] = FeelValue.FromObject(outputs ?? []) });
        ctx.History.Add(ctx, ic, HistoryEventTypes.ElementCompleted, body, activity);
        return CompleteBodyAsync(ctx, ic, body, activity);
    }

    private async ValueTask CompleteBodyAsync(CommandContext ctx, InstanceContext ic, Execution body, Activity activity)
    {
        if (activity.BoundaryEvents.Count > 0) await CloseOwnedEventsAsync(ctx, ic, body);
        body.Wait = WaitKind.None;
        Leave(ctx, ic, body, activity);
    }

    private static void SetBodyCounters(Execution body)
    {
        var state = body.MultiInstance!;
        body.Variables ??= new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        body.Variables["numberOfInstances"] = FeelValue.FromObject(state.Items.Count);
        body.Variables["numberOfCompletedInstances"] = FeelValue.FromObject(state.Completed);
        body.Variables["numberOfActiveInstances"] = FeelValue.FromObject(state.Started - state.Completed);
    }
}
