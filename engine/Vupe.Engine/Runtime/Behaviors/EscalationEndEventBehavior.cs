using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>An escalation end event: completes and ends its token; its escalation goes to the nearest catch (<see cref="EscalationPropagation"/>).</summary>
internal sealed class EscalationEndEventBehavior : EventBehavior
{
    public override async ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var end = (EndEvent)ic.NodeOf(ex);
        await EscalationPropagation.ThrowAsync(ctx, ic, ex, ((EscalationDefinition)end.Definition!).EscalationCode!, throwerEnds: true);
    }
}
