using Vupe.Feel;

namespace Vupe.Engine.Model;

internal abstract class EventDefinition;

internal sealed class MessageDefinition : EventDefinition
{
    public required string MessageId { get; init; }
    public required string MessageName { get; init; }
    /// <summary>vupe:correlationKey on the bpmn:message: evaluated when a subscription opens.</summary>
    public FeelExpression? CorrelationKey { get; init; }
}

internal enum TimerKind { Date, Duration, Cycle }

internal sealed class TimerDefinition : EventDefinition
{
    public required TimerKind Kind { get; init; }
    /// <summary>ISO-8601 text, or a FEEL expression when the text starts with '='.</summary>
    public string? Literal { get; init; }
    public FeelExpression? Expression { get; init; }
}

internal sealed class ErrorDefinition : EventDefinition
{
    /// <summary>Null on a catching event means "catch any error".</summary>
    public string? ErrorCode { get; init; }
    public string? ErrorId { get; init; }
}

internal sealed class SignalDefinition : EventDefinition
{
    public required string SignalName { get; init; }
}

/// <summary>An escalation (BPMN 2.0.2, 10.5.4): a non-critical call for attention to an enclosing scope, which may or may not interrupt.</summary>
internal sealed class EscalationDefinition : EventDefinition
{
    /// <summary>Null on a catching event means "catch any escalation"; a throwing event always has one.</summary>
    public string? EscalationCode { get; init; }
    public string? EscalationId { get; init; }
}

/// <summary>A conditional event: fires when its FEEL condition turns from false to true as the instance's variables change.</summary>
internal sealed class ConditionalDefinition : EventDefinition
{
    public required FeelExpression Condition { get; init; }
}

/// <summary>A link event: a throw jumps to the catch of the same name in the same scope (a "go to" on the page).</summary>
internal sealed class LinkDefinition : EventDefinition
{
    public required string LinkName { get; init; }
    /// <summary>On a throw event: the catch event it jumps to, resolved by the model validator.</summary>
    public IntermediateCatchEvent? Target { get; internal set; }
}

/// <summary>
/// A compensation event (BPMN 2.0.2, 10.5.6): on a boundary event it marks the activity's handler; thrown, it undoes the
/// completed activities of the scope — the one <see cref="ActivityRef"/> names, or all of them — in reverse order.
/// </summary>
internal sealed class CompensateDefinition : EventDefinition
{
    /// <summary>On a throw event: the activity to compensate; null compensates every completed activity of the scope.</summary>
    public string? ActivityRef { get; init; }
    /// <summary>
    /// Read but always treated as true: the thrower waits until the handlers finish, which is also the only way a
    /// handler that is a user task can be waited for without a second token (documented in docs/bpmn-extensions.md).
    /// </summary>
    public bool WaitForCompletion { get; init; } = true;
}

internal sealed class TerminateDefinition : EventDefinition
{
    public static readonly TerminateDefinition Instance = new();
}

internal abstract class EventNode : FlowNode
{
    public EventDefinition? Definition { get; init; }
    /// <summary>On throw and end events: the payload of the message or signal they send.</summary>
    public IReadOnlyList<IoMapping> Inputs { get; init; } = [];
}

internal sealed class StartEvent : EventNode
{
    public override string ElementType => "startEvent";
    public bool IsInterrupting { get; init; } = true;
    /// <summary>
    /// <c>vupe:formKey</c> on a process's none start event: the form whoever starts a case fills in first (a citizen's
    /// request online), its answers the case's first variables. Bound like a user task's form.
    /// </summary>
    public string? FormKey { get; init; }
    public CallBinding FormBinding { get; init; } = CallBinding.Latest;
    public int? FormVersion { get; init; }
}

internal sealed class EndEvent : EventNode
{
    public override string ElementType => "endEvent";
}

internal sealed class IntermediateCatchEvent : EventNode
{
    public override string ElementType => "intermediateCatchEvent";
    // A link catch is only where a link throw lands: the token passes straight through.
    public override bool IsWaitState => Definition is not LinkDefinition;
}

internal sealed class IntermediateThrowEvent : EventNode
{
    public override string ElementType => "intermediateThrowEvent";
}

internal sealed class BoundaryEvent : EventNode
{
    public override string ElementType => "boundaryEvent";
    public required Activity AttachedTo { get; init; }
    public bool CancelActivity { get; init; } = true;
}

internal enum GatewayKind { Exclusive, Parallel, Inclusive, EventBased }

internal sealed class Gateway : FlowNode
{
    public required GatewayKind Kind { get; init; }
    public override string ElementType => Kind switch
    {
        GatewayKind.Exclusive => "exclusiveGateway",
        GatewayKind.Parallel => "parallelGateway",
        GatewayKind.Inclusive => "inclusiveGateway",
        _ => "eventBasedGateway",
    };
    public override bool IsWaitState => Kind == GatewayKind.EventBased;
    public SequenceFlow? DefaultFlow { get; internal set; }
}
