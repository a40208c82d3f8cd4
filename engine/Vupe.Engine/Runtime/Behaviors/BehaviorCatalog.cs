using Vupe.Engine.Model;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>Chooses the behaviour of each parsed node once, at deployment.</summary>
internal static class BehaviorCatalog
{
    private static readonly PassThroughBehavior PassThrough = new();
    private static readonly PlainTaskBehavior PlainTask = new();
    private static readonly EndEventBehavior EndEvent = new();
    private static readonly ThrowEventBehavior ThrowEvent = new();
    private static readonly CatchEventBehavior CatchEvent = new();
    private static readonly EventGatewayBehavior EventGateway = new();
    private static readonly UserTaskBehavior UserTask = new();
    private static readonly ServiceTaskBehavior ServiceTask = new();
    private static readonly BusinessRuleTaskBehavior BusinessRule = new();
    private static readonly SendTaskBehavior SendTask = new();
    private static readonly CallActivityBehavior CallActivity = new();
    private static readonly SubProcessBehavior SubProcess = new();
    private static readonly ScriptTaskBehavior ScriptTask = new();
    private static readonly LinkThrowEventBehavior LinkThrow = new();

    public static FlowNodeBehavior For(FlowNode node) => node switch
    {
        Model.EndEvent => EndEvent,
        IntermediateThrowEvent { Definition: LinkDefinition } => LinkThrow,
        IntermediateThrowEvent => ThrowEvent,
        IntermediateCatchEvent { Definition: LinkDefinition } => PassThrough,
        IntermediateCatchEvent or ReceiveTask => CatchEvent,
        Gateway { Kind: GatewayKind.EventBased } => EventGateway,
        Model.UserTask => UserTask,
        Model.ServiceTask => ServiceTask,
        BusinessRuleTask => BusinessRule,
        Model.ScriptTask => ScriptTask,
        Model.SendTask => SendTask,
        Model.CallActivity => CallActivity,
        Model.SubProcess => SubProcess,
        Model.PlainTask => PlainTask,
        _ => PassThrough, // start events, boundary events, splitting gateways
    };
}

/// <summary>Start and boundary events, and gateways: nothing to do but move on (flow choice happens on leave).</summary>
internal sealed class PassThroughBehavior : FlowNodeBehavior
{
    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        ctx.Runner.Leave(ctx, ic, ex, ic.NodeOf(ex));
        return ValueTask.CompletedTask;
    }
}

/// <summary>A task or manual task: done as soon as it is reached (the manual work happens outside the engine).</summary>
internal sealed class PlainTaskBehavior : FlowNodeBehavior
{
    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        ctx.Runner.Complete(ctx, ic, ex, null);
        return ValueTask.CompletedTask;
    }
}
