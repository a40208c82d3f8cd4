using Vupe.Engine.Model;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>An exclusive gateway: every token passes (merging needs no join); it leaves by the first flow whose condition holds, else the default.</summary>
internal sealed class ExclusiveGatewayBehavior : GatewayBehavior
{
    public override void SelectOutgoing(InstanceContext ic, Execution ex, FlowNode node, List<SequenceFlow> selected)
    {
        var gateway = (Gateway)node;
        var outgoing = node.Outgoing;
        for (var i = 0; i < outgoing.Count; i++)
            if (outgoing[i] is var f && f != gateway.DefaultFlow && (f.Condition is null || IsTrue(ic, ex, f)))
            {
                selected.Add(f);
                return;
            }
        if (gateway.DefaultFlow is { } d)
        {
            selected.Add(d);
            return;
        }
        throw new IncidentException(IncidentKind.ConditionError, $"No condition of the outgoing flows of {gateway} was true and it has no default flow.");
    }
}
