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
    /// <summary>The office of the task's case (a child case opens there unless its request names another).</summary>
    public required string OfficeCode { get; init; }
    /// <summary>
    /// Who ran the command that reached this task (<see cref="ProcessEngine.ActAs"/>), e.g. the consultant who completed
    /// the task before it; null for the job executor's retries and timers, which act for no one.
    /// </summary>
    public CommandActor? Actor { get; init; }

    /// <summary>
    /// The variable (in the task's output, mappable with vupe:output) that lists the child cases the
    /// engine opened for this task, in request order: contexts with caseId, caseNumber, officeCode,
    /// processKey, processVersion and instanceId.
    /// </summary>
    public const string ChildCasesVariable = "childCases";

    // Made on first use: most handlers record no call and open no case.
    private List<ChildCaseRequest>? _childCases;
    private List<ExternalCall>? _externalCalls;

    /// <summary>The calls to other systems this handler recorded, in order.</summary>
    public IReadOnlyList<ExternalCall> ExternalCalls => _externalCalls ??= [];

    /// <summary>For the engine: the recorded calls without making a list when there are none.</summary>
    internal List<ExternalCall>? RecordedCalls => _externalCalls;

    /// <summary>For the engine: the requested child cases without making a list when there are none.</summary>
    internal List<ChildCaseRequest>? RequestedChildCases => _childCases;

    /// <summary>
    /// Records a call this handler made to another system (a back-office registry) in the case's history,
    /// as an <see cref="HistoryEventTypes.ExternalCall"/> event of this task. It is written whether the handler then
    /// returns or throws, so the history shows failed attempts too; the details are kept as given (JSON).
    /// </summary>
    public void RecordExternalCall(ExternalCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        (_externalCalls ??= []).Add(call);
    }

    /// <summary>The child cases this handler asked for, in order.</summary>
    public IReadOnlyList<ChildCaseRequest> ChildCaseRequests => _childCases ??= [];

    /// <summary>
    /// Asks the engine to open a new case, a child of this task's case (a referral from a triage), and
    /// start <see cref="StartProcessRequest.ProcessKey"/> in it. Nothing happens yet: the engine opens the
    /// requested cases only once the handler has returned successfully, in the same transaction as the
    /// task's completion. A handler that throws afterwards (or a retry of it) leaves no child behind, and a
    /// retry that asks again does not open them twice. The new case takes this case's office unless
    /// <see cref="StartProcessRequest.OfficeCode"/> names another; its id is known at once
    /// (<see cref="ChildCaseRequest.CaseId"/>), its number once it is opened (see <see cref="ChildCasesVariable"/>).
    /// <see cref="StartProcessRequest.UserId"/>, when given, is recorded as who opened it (else the command's user).
    /// If a requested process is not deployed (or has no none start event) or an office code is invalid,
    /// no child is opened and the task stops with an incident; resolving it runs the handler again.
    /// </summary>
    /// <exception cref="ArgumentException">The request names no process, an existing case (<see cref="StartProcessRequest.CaseId"/>),
    /// another parent case, or variables that cannot be converted.</exception>
    public ChildCaseRequest OpenChildCase(StartProcessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ProcessKey, nameof(request));
        if (request.CaseId is not null)
            throw new ArgumentException("A child case is a new case: leave StartProcessRequest.CaseId empty.", nameof(request));
        if (request.ParentCaseId is { } parent && parent != CaseId)
            throw new ArgumentException($"A child case opened by a task belongs to the task's case {CaseNumber}; ParentCaseId {parent} names another.", nameof(request));
        var child = new ChildCaseRequest(Runtime.Ids.NewVersion7(), request, Runtime.VariableConversion.ToFeel(request.Variables));
        (_childCases ??= []).Add(child);
        return child;
    }
}

/// <summary>A call to another system made by a service task handler, for the case's history.</summary>
/// <param name="System">The system called, e.g. "RENIEC".</param>
/// <param name="Operation">What was asked of it.</param>
/// <param name="Outcome">How it ended, e.g. Succeeded, NotFound, Failed.</param>
/// <param name="Details">Anything else worth keeping (attempts, duration, the system's reference); no personal data.</param>
public sealed record ExternalCall(string System, string Operation, string Outcome, IReadOnlyDictionary<string, object?>? Details = null);

/// <summary>A child case a service task handler asked for (<see cref="ServiceTaskContext.OpenChildCase"/>).</summary>
public sealed class ChildCaseRequest
{
    internal ChildCaseRequest(Guid caseId, StartProcessRequest request, Dictionary<string, Feel.FeelValue> variables)
    {
        CaseId = caseId;
        Request = request;
        Variables = variables;
    }

    /// <summary>The id the case will have once opened (the engine allocates its number when it opens it).</summary>
    public Guid CaseId { get; }
    public StartProcessRequest Request { get; }
    internal Dictionary<string, Feel.FeelValue> Variables { get; }
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

    /// <summary>
    /// Evaluates the version of the decision a case is bound to: <see cref="DecisionRequest.Resource"/> is its deployed
    /// file (null when no DMN file with that decision was deployed). An evaluator that knows only its own files ignores it.
    /// </summary>
    ValueTask<DecisionResult> EvaluateAsync(DecisionRequest request, IReadOnlyDictionary<string, object?> variables, CancellationToken ct) =>
        EvaluateAsync(request.DecisionRef, variables, ct);
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
