using Vupe.Engine;

namespace Vupe.Dmn;

/// <summary>
/// The engine's business rule task port over deployed DMN files: a decision is looked up by id (then by name)
/// across the files; the result value is the decision's output converted with ToObject (a context for several
/// outputs, a list for multi-hit tables) and the explanation is a <see cref="DmnExplanation"/>.
/// </summary>
public sealed class DmnDecisionEvaluator : IDecisionEvaluator
{
    private readonly IReadOnlyList<DmnDefinitions> files;
    private readonly TimeProvider? timeProvider;

    /// <summary>Loads every file; one broken file rejects the lot (<see cref="DmnModelException"/>).</summary>
    public DmnDecisionEvaluator(IEnumerable<string> dmnXml, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dmnXml);
        files = dmnXml.Select(DmnParser.Parse).ToList();
        this.timeProvider = timeProvider;
    }

    public DmnDecisionEvaluator(IEnumerable<DmnDefinitions> definitions, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        files = definitions.ToList();
        this.timeProvider = timeProvider;
    }

    /// <summary>The deployed version's file when the engine gives one (the version the case is bound to), else the evaluator's own files.</summary>
    public ValueTask<DecisionResult> EvaluateAsync(DecisionRequest request, IReadOnlyDictionary<string, object?> variables, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(variables);
        ct.ThrowIfCancellationRequested();
        if (request.Resource is not { } deployed) return EvaluateAsync(request.DecisionRef, variables, ct);
        var result = DmnEvaluator.Evaluate(DeployedDmnFiles.Of(deployed), request.DecisionRef, variables, timeProvider);
        return ValueTask.FromResult(new DecisionResult(result.Value.ToObject(), result.Explanation));
    }

    public ValueTask<DecisionResult> EvaluateAsync(string decisionRef, IReadOnlyDictionary<string, object?> variables, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decisionRef);
        ArgumentNullException.ThrowIfNull(variables);
        ct.ThrowIfCancellationRequested();
        var definitions = files.FirstOrDefault(f => f.Decisions.Any(d => d.Id == decisionRef))
            ?? files.FirstOrDefault(f => f.FindDecision(decisionRef) is not null)
            ?? throw new DmnEvaluationException($"No deployed decision '{decisionRef}'", decisionRef);
        var result = DmnEvaluator.Evaluate(definitions, decisionRef, variables, timeProvider);
        return ValueTask.FromResult(new DecisionResult(result.Value.ToObject(), result.Explanation));
    }
}
