using Vupe.Engine.Model;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>Evaluates the referenced decision through the configured <see cref="IDecisionEvaluator"/> and keeps why in the history.</summary>
internal sealed class BusinessRuleTaskBehavior : ActivityBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var task = (BusinessRuleTask)ic.NodeOf(ex);
        var evaluator = ctx.Engine.DecisionEvaluator
            ?? throw new IncidentException(IncidentKind.DecisionError, $"No decision evaluator is configured, so decision '{task.DecisionRef}' cannot be evaluated.");
        var inputs = VariableConversion.ToObjects(ic.VisibleVariables(ex));
        // The decision's version the case bound to when it started (or the latest, for a case started before it was deployed).
        var deployed = ctx.Engine.Resources.Resolve(ic.State, ResourceKinds.Decision, task.DecisionRef);
        if (deployed is null && task.Binding != CallBinding.Latest)
            throw new IncidentException(IncidentKind.DecisionError,
                $"Decision '{task.DecisionRef}' is pinned to {(task.Binding == CallBinding.Version ? $"version {task.BoundVersion}" : "the process's deployment")}, which holds no such decision.");
        DecisionResult result;
        try
        {
            result = await evaluator.EvaluateAsync(new DecisionRequest(task.DecisionRef, deployed is null ? null : DeployedResource.From(deployed)), inputs, ctx.Ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new IncidentException(IncidentKind.DecisionError, $"Decision '{task.DecisionRef}' failed: {e.Message}");
        }
        ctx.History.Add(ctx, ic, HistoryEventTypes.DecisionEvaluated, ex, task,
            new { decisionRef = task.DecisionRef, version = deployed?.Version, inputs, output = result.Value, explanation = result.Explanation });
        ctx.Runner.Complete(ctx, ic, ex, new Dictionary<string, Feel.FeelValue> { [task.ResultVariable] = Feel.FeelValue.FromObject(result.Value) });
    }
}
