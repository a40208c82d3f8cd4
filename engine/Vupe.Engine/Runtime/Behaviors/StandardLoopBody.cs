using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Feel;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>
/// A standard loop runs like a sequential multi-instance whose length is not known in advance: the execution
/// at the activity becomes its body (boundary events stay open across runs) and each run is an inner execution.
/// The body's <see cref="MultiInstanceState"/> counts the runs; loopCounter is the number of runs completed
/// when the condition is tested, and inside a run that run's number (from 1).
/// </summary>
internal static class StandardLoopBody
{
    public static async ValueTask StartAsync(CommandContext ctx, InstanceContext ic, Execution body, Activity activity, StandardLoopCharacteristics loop)
    {
        body.Wait = WaitKind.Scope;
        body.MultiInstance = new MultiInstanceState();
        body.Variables ??= new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        body.Variables["loopCounter"] = FeelValue.FromObject(0);
        if (loop.TestBefore && !ConditionHolds(ic, body, activity, loop))
        {
            await CompleteAsync(ctx, ic, body, activity);
            return;
        }
        StartRun(ctx, ic, body, activity);
    }

    private static void StartRun(CommandContext ctx, InstanceContext ic, Execution body, Activity activity)
    {
        var run = ++body.MultiInstance!.Started;
        var inner = ic.NewExecution(body, activity.Id);
        inner.IsMultiInstanceInner = true;
        inner.LoopCounter = run;
        inner.Variables = new Dictionary<string, FeelValue>(StringComparer.Ordinal) { ["loopCounter"] = FeelValue.FromObject(run) };
        ctx.Schedule(new Step(StepKind.EnterActivity, ic, inner, activity));
    }

    /// <summary>
    /// Whether another run follows the one that finished: not at loopMaximum, else while the condition holds. Testing
    /// after this run and testing before the next one are the same test, so testBefore only adds the test before the
    /// first run. Tested on the run's execution, so an incident stops the run that the operator can retry.
    /// </summary>
    public static bool RunsAgain(InstanceContext ic, Execution inner, Activity activity, StandardLoopCharacteristics loop) =>
        (loop.Maximum is not { } max || ic.Parent(inner)!.MultiInstance!.Started < max) && ConditionHolds(ic, inner, activity, loop);

    /// <summary>A run finished (<paramref name="again"/> from <see cref="RunsAgain"/>): start the next or complete the loop.</summary>
    public static async ValueTask RunCompletedAsync(CommandContext ctx, InstanceContext ic, Execution inner, Activity activity, bool again)
    {
        var body = ic.Parent(inner)!;
        var state = body.MultiInstance!;
        state.Completed = state.Started;
        body.Variables ??= new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        body.Variables["loopCounter"] = FeelValue.FromObject(state.Completed);
        ic.Remove(inner);
        if (again) StartRun(ctx, ic, body, activity);
        else await CompleteAsync(ctx, ic, body, activity);
    }

    private static ValueTask CompleteAsync(CommandContext ctx, InstanceContext ic, Execution body, Activity activity)
    {
        body.MultiInstance = null;
        body.Variables = null;
        ctx.History.Add(ctx, ic, HistoryEventTypes.ElementCompleted, body, activity);
        return MultiInstanceBody.LeaveBodyAsync(ctx, ic, body, activity);
    }

    private static bool ConditionHolds(InstanceContext ic, Execution at, Activity activity, StandardLoopCharacteristics loop)
    {
        if (loop.Condition is not { } condition) return true; // only loopMaximum stops it
        var evaluation = condition.EvaluateWithDiagnostics(ic.ScopeFor(at));
        if (evaluation.Value is FeelBoolean b) return b.Value;
        var why = evaluation.Diagnostics.Count > 0 ? " (" + string.Join("; ", evaluation.Diagnostics.Select(d => d.Message)) + ")" : "";
        throw new IncidentException(IncidentKind.ConditionError,
            $"The loop condition '{condition.Source}' of {activity} gave {FlowRunner.Describe(evaluation.Value)}, not true or false{why}.");
    }
}
