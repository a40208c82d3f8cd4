using Vupe.Engine.Model;
using Vupe.Feel;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>
/// Conditional events (BPMN 2.0.2, 10.5.5): a catch event, boundary event or event sub-process start that fires
/// when its condition becomes true. They live in the instance's state rather than in the store: only the
/// instance's own variables can change them, and those change only inside a command that has it loaded.
/// </summary>
internal static class ConditionalEvents
{
    /// <summary>Starts listening; the condition is first evaluated once the command's agenda is empty.</summary>
    public static void Open(InstanceContext ic, Execution owner, FlowNode eventNode)
    {
        (owner.Conditions ??= new Dictionary<string, bool>(StringComparer.Ordinal))[eventNode.Id] = false;
        ic.ConditionsDirty = true;
    }

    public static void Close(Execution owner, Func<string, bool>? onlyElements)
    {
        if (onlyElements is null)
        {
            owner.Conditions = null;
            return;
        }
        foreach (var id in owner.Conditions!.Keys.ToList())
            if (onlyElements(id)) owner.Conditions.Remove(id);
        if (owner.Conditions.Count == 0) owner.Conditions = null;
    }

    /// <summary>
    /// Called when a command's agenda is empty: evaluates the open conditions of an instance whose variables
    /// changed, and triggers those that went from false to true. A non-interrupting catch stays open and
    /// fires again only after its condition has been false. Returns whether it scheduled any work.
    /// </summary>
    public static bool FireTrue(CommandContext ctx, InstanceContext ic)
    {
        if (!ic.ConditionsDirty) return false;
        ic.ConditionsDirty = false;
        if (!ic.IsActive) return false;
        var fired = false;
        foreach (var owner in ic.State.Executions.Values.ToList())
        {
            if (owner.Conditions is not { Count: > 0 } conditions) continue;
            foreach (var (elementId, wasTrue) in conditions.ToList())
            {
                if (ic.Model.ElementsById.GetValueOrDefault(elementId) is not EventNode { Definition: ConditionalDefinition definition } node)
                {
                    conditions.Remove(elementId); // its element is no longer conditional (a migration changed it)
                    continue;
                }
                var isTrue = IsTrue(ic, owner, definition);
                if (isTrue == wasTrue) continue;
                conditions[elementId] = isTrue;
                if (!isTrue) continue;
                fired = true;
                ctx.Schedule(() => ctx.Runner.TriggerAsync(ctx, ic, owner, node, null, null, null));
            }
        }
        return fired;
    }

    // A condition that is not a boolean (null while a variable is still missing, say) is simply not true yet.
    private static bool IsTrue(InstanceContext ic, Execution owner, ConditionalDefinition definition) =>
        definition.Condition.Evaluate(ic.ScopeFor(owner)) is FeelBoolean { Value: true };
}
