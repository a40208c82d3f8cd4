using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Feel;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>Evaluates the task's FEEL script with the token's variables and keeps the value in the result variable.</summary>
internal sealed class ScriptTaskBehavior : ActivityBehavior
{
    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var task = (ScriptTask)ic.NodeOf(ex);
        var evaluation = task.Script.EvaluateWithDiagnostics(ic.ScopeFor(ex));
        // FEEL gives null where it cannot go on; with diagnostics that null is a failure, not a value to keep.
        if (evaluation.Value is FeelNull && evaluation.Diagnostics.Count > 0)
            throw new IncidentException(IncidentKind.MappingError,
                $"The script '{task.Script.Source}' of {task} failed: {string.Join("; ", evaluation.Diagnostics.Select(d => d.Message))}");
        ctx.Runner.Complete(ctx, ic, ex, new Dictionary<string, FeelValue>(StringComparer.Ordinal) { [task.ResultVariable] = evaluation.Value });
        return ValueTask.CompletedTask;
    }
}
