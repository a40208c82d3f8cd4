using Vupe.Feel;

namespace Vupe.Engine.Model;

public abstract class EventDefinition;

public sealed class MessageDefinition : EventDefinition
{
    public required string MessageId { get; init; }
    public required string MessageName { get; init; }
    /// <summary>vupe:correlationKey on the bpmn:message: evaluated when a subscription opens.</summary>
    public FeelExpression? CorrelationKey { get; init; }
}

public enum TimerKind { Date, Duration, Cycle }

public sealed class TimerDefinition : EventDefinition
{
    public required TimerKind Kind { get; init; }
    /// <summary>ISO-8601 text, or a FEEL expression when the text starts with '='.</summary>
    public string? Literal { get; init; }
    public FeelExpression? Expression { get; init; }
}

public sealed class ErrorDefinition : EventDefinition
{
    /// <summary>Null on a catching event means "catch any error".</summary>
    public string? ErrorCode { get; init; }
    public string? ErrorId { get; init; }
}

public sealed class SignalDefinition : EventDefinition
{
    public required string SignalName { get; init; }
}

public sealed class TerminateDefinition : EventDefinition
{
    public static readonly TerminateDefinition Instance = new();
}

public abstract class EventNode : FlowNode
{
    public EventDefinition? Definition { get; init; }
    /// <summary>On throw and end events: the payload of the message or signal they send.</summary>
    public IReadOnlyList<IoMapping> Inputs { get; init; } = [];
}

public sealed class StartEvent : EventNode
{
    public override string ElementType => "startEvent";
    public bool IsInterrupting { get; init; } = true;
}

public sealed class EndEvent : EventNode
{
    public override string ElementType => "endEvent";
}

public sealed class IntermediateCatchEvent : EventNode
{
    public override string ElementType => "intermediateCatchEvent";
    public override bool IsWaitState => true;
}

public sealed class IntermediateThrowEvent : EventNode
{
    public override string ElementType => "intermediateThrowEvent";
}

public sealed class BoundaryEvent : EventNode
{
    public override string ElementType => "boundaryEvent";
    public required Activity AttachedTo { get; init; }
    public bool CancelActivity { get; init; } = true;
}

public enum GatewayKind { Exclusive, Parallel, Inclusive, EventBased }

public sealed class Gateway : FlowNode
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
