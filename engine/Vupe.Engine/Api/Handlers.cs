namespace Vupe.Engine;

/// <summary>What a service task handler is given: the task, the case and the variables it can see.</summary>
public sealed class ServiceTaskContext
{
    public required string TaskType { get; init; }
    public required Guid InstanceId { get; init; }
    public required Guid CaseId { get; init; }
    public required string CaseNumber { get; init; }
    public required string ProcessKey { get; init; }
    public required string ElementId { get; init; }
    /// <summary>Stable across retries of the same task execution: pass it to external systems so a retry does not act twice.</summary>
    public required string IdempotencyKey { get; init; }
    /// <summary>1 on the first try.</summary>
    public required int Attempt { get; init; }
    public required IReadOnlyDictionary<string, object?> Variables { get; init; }
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
}

/// <summary>
/// Runs the work of a service or send task whose vupe:type names it. Return the variables to set
/// (or null); throw <see cref="BpmnErrorException"/> for a business error the model catches; any
/// other exception is a technical failure that is retried with back-off and then becomes an incident.
/// </summary>
public interface IServiceTaskHandler
{
    ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct);
}

/// <summary>A handler from a delegate, for small handlers and tests.</summary>
public sealed class DelegateServiceTaskHandler(Func<ServiceTaskContext, CancellationToken, ValueTask<IReadOnlyDictionary<string, object?>?>> run) : IServiceTaskHandler
{
    public ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct) => run(context, ct);
}

/// <summary>The outcome of a decision: the value for the result variable and why (for the case history).</summary>
public sealed record DecisionResult(object? Value, object? Explanation = null);

/// <summary>Evaluates the decision a business rule task references (the DMN engine plugs in here).</summary>
public interface IDecisionEvaluator
{
    ValueTask<DecisionResult> EvaluateAsync(string decisionRef, IReadOnlyDictionary<string, object?> variables, CancellationToken ct);
}

/// <summary>
/// The scheduler port: told when jobs become due so that it can call
/// <see cref="ManagementService.ExecuteJobAsync"/> then. The in-process scheduler polls; a
/// Hangfire adapter schedules one background job per engine job.
/// </summary>
public interface IJobScheduler
{
    void JobsCreated(IReadOnlyList<ScheduledJob> jobs);
}

public sealed record ScheduledJob(Guid JobId, DateTimeOffset DueAt);
