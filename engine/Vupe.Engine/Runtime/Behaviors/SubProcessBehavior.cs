using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>An embedded sub-process: a scope whose none start event receives the token; it completes when its last token ends.</summary>
internal sealed class SubProcessBehavior : ActivityBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var sub = (SubProcess)ic.NodeOf(ex);
        ex.Wait = WaitKind.Scope;
        await EventSubProcessBehavior.OpenStartsAsync(ctx, ic, ex, sub);
        var token = ic.NewExecution(ex, sub.NoneStart!.Id);
        ctx.Runner.Arrive(ctx, ic, token, sub.NoneStart, null);
    }

    protected override bool OwnsInnerEvents(Activity activity) => ((SubProcess)activity).EventSubProcesses.Count > 0;
}
