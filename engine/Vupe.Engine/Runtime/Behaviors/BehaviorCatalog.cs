using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>
/// Chooses the behaviour of each parsed node once, at deployment: the one place that maps a kind of element (and, for
/// events, its definition) to what it means. A new element is a new behaviour class and one line here.
/// </summary>
internal static class BehaviorCatalog
{
    private static readonly ProcessBehavior Process = new();
    private static readonly StartEventBehavior Start = new();
    private static readonly EventSubProcessStartBehavior EventSubProcessStart = new();
    private static readonly BoundaryEventBehavior Boundary = new();
    private static readonly IntermediateCatchEventBehavior Catch = new();
    private static readonly LinkCatchEventBehavior LinkCatch = new();
    private static readonly IntermediateThrowEventBehavior Throw = new();
    private static readonly LinkThrowEventBehavior LinkThrow = new();
    private static readonly NoneEndEventBehavior NoneEnd = new();
    private static readonly TerminateEndEventBehavior TerminateEnd = new();
    private static readonly ErrorEndEventBehavior ErrorEnd = new();
    private static readonly EscalationEndEventBehavior EscalationEnd = new();
    private static readonly CompensationEndEventBehavior CompensationEnd = new();
    private static readonly MessageEndEventBehavior MessageEnd = new();
    private static readonly SignalEndEventBehavior SignalEnd = new();
    private static readonly ExclusiveGatewayBehavior Exclusive = new();
    private static readonly ParallelGatewayBehavior Parallel = new();
    private static readonly InclusiveGatewayBehavior Inclusive = new();
    private static readonly EventBasedGatewayBehavior EventBased = new();
    private static readonly PlainTaskBehavior PlainTask = new();
    private static readonly UserTaskBehavior UserTask = new();
    private static readonly ServiceTaskBehavior ServiceTask = new();
    private static readonly BusinessRuleTaskBehavior BusinessRule = new();
    private static readonly ScriptTaskBehavior ScriptTask = new();
    private static readonly SendTaskBehavior SendTask = new();
    private static readonly ReceiveTaskBehavior ReceiveTask = new();
    private static readonly CallActivityBehavior CallActivity = new();
    private static readonly SubProcessBehavior SubProcess = new();
    private static readonly EventSubProcessBehavior EventSubProcess = new();

    public static FlowNodeBehavior For(FlowNode node) => node switch
    {
        ProcessModel => Process,
        StartEvent { Container: Model.SubProcess { TriggeredByEvent: true } } => EventSubProcessStart,
        StartEvent => Start,
        BoundaryEvent => Boundary,
        IntermediateCatchEvent { Definition: LinkDefinition } => LinkCatch,
        IntermediateCatchEvent => Catch,
        IntermediateThrowEvent { Definition: LinkDefinition } => LinkThrow,
        IntermediateThrowEvent => Throw,
        EndEvent end => end.Definition switch
        {
            TerminateDefinition => TerminateEnd,
            ErrorDefinition => ErrorEnd,
            EscalationDefinition => EscalationEnd,
            CompensateDefinition => CompensationEnd,
            MessageDefinition => MessageEnd,
            SignalDefinition => SignalEnd,
            _ => NoneEnd,
        },
        Gateway { Kind: GatewayKind.Exclusive } => Exclusive,
        Gateway { Kind: GatewayKind.Parallel } => Parallel,
        Gateway { Kind: GatewayKind.Inclusive } => Inclusive,
        Gateway => EventBased,
        Model.UserTask => UserTask,
        Model.ServiceTask => ServiceTask,
        BusinessRuleTask => BusinessRule,
        Model.ScriptTask => ScriptTask,
        Model.SendTask => SendTask,
        Model.ReceiveTask => ReceiveTask,
        Model.CallActivity => CallActivity,
        Model.SubProcess { TriggeredByEvent: true } => EventSubProcess,
        Model.SubProcess => SubProcess,
        Model.PlainTask => PlainTask,
        _ => throw new InvalidOperationException($"No behaviour is known for {node}."),
    };

    /// <summary>
    /// What a command checks once its agenda is empty, for each instance it touched, in this order: inclusive joins
    /// that no token can reach any more, then conditional events that became true (they see the variables as the
    /// joins left them). Each returns whether it scheduled more steps; the command runs them and checks again.
    /// </summary>
    public static readonly Func<CommandContext, InstanceContext, bool>[] WhenAgendaEmpty =
    [
        InclusiveGatewayBehavior.FireReadyJoins,
        ConditionalEvents.FireTrue,
    ];
}
