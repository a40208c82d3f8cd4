using Vupe.Engine.Model;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>Starts the called process in the same case; the token waits until that instance ends.</summary>
internal sealed class CallActivityBehavior : ActivityBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var call = (CallActivity)ic.NodeOf(ex);
        var definitions = ctx.Engine.Definitions;
        var called = call.Binding switch
        {
            CallBinding.Version => await definitions.FindAsync(call.CalledElement, call.CalledVersion!.Value, ctx.Ct),
            CallBinding.Deployment => await definitions.FindInDeploymentAsync(call.CalledElement, (await definitions.GetAsync(ic.Record.DefinitionId, ctx.Ct)).Record.DeploymentId, ctx.Ct),
            _ => await definitions.FindLatestAsync(call.CalledElement, ctx.Ct),
        };
        if (called is null)
            throw new IncidentException(IncidentKind.CallActivityError,
                $"Call activity '{call.Id}' calls process '{call.CalledElement}'{call.Binding switch { CallBinding.Version => $" version {call.CalledVersion}", CallBinding.Deployment => " from its own deployment", _ => "" }}, which is not deployed.");
        if (called.Model.NoneStart is null)
            throw new IncidentException(IncidentKind.CallActivityError, $"Process '{call.CalledElement}' has no none start event to be called by '{call.Id}'.");
        var variables = call.Inputs.Count > 0
            ? new Dictionary<string, Feel.FeelValue>(ex.Variables ?? [], StringComparer.Ordinal)
            : ic.VisibleVariables(ex);
        variables.Remove("loopCounter");
        var child = ctx.Engine.Starter.StartInstance(ctx, called, ic.Case, variables, called.Model.NoneStart, parent: (ic, ex), businessKey: ic.Record.BusinessKey);
        ex.Wait = WaitKind.CallActivity;
        ex.ChildInstanceId = child.Id;
    }

    /// <summary>Cancelling the call cancels the called instance (and what it called in turn).</summary>
    public override async ValueTask CancelAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        if (ex.ChildInstanceId is not { } childId) return;
        var child = await ctx.LoadInstanceAsync(childId);
        if (child.IsActive) await ctx.Runner.CancelInstanceAsync(ctx, child);
    }

    /// <summary>The instance a call activity started completed (or was terminated): the call completes with its variables.</summary>
    public static async ValueTask CalledInstanceEndedAsync(CommandContext ctx, InstanceContext called)
    {
        var parent = await ctx.LoadInstanceAsync(called.Record.ParentInstanceId!.Value);
        if (parent.Find(called.Record.ParentExecutionId!) is { Wait: WaitKind.CallActivity } caller && caller.ChildInstanceId == called.Id)
        {
            caller.ChildInstanceId = null;
            ctx.Runner.Complete(ctx, parent, caller, new Dictionary<string, Feel.FeelValue>(called.Root.Variables ?? [], StringComparer.Ordinal));
        }
    }
}
