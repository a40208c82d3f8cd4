using Vupe.Feel;

namespace Vupe.Dmn;

/// <summary>Evaluates decisions of a loaded DMN file.</summary>
public static class DmnEvaluator
{
    /// <summary>Evaluates a decision (by id, else by name) with input data values given by name; required decisions first.</summary>
    public static DmnResult Evaluate(DmnDefinitions definitions, string decisionIdOrName, IReadOnlyDictionary<string, object?> inputs, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var values = new Dictionary<string, FeelValue>(inputs.Count, StringComparer.Ordinal);
        foreach (var pair in inputs)
        {
            values[pair.Key] = FeelValue.FromObject(pair.Value);
        }

        return Evaluate(definitions, decisionIdOrName, values, timeProvider);
    }

    public static DmnResult Evaluate(DmnDefinitions definitions, string decisionIdOrName, IReadOnlyDictionary<string, FeelValue> inputs, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(decisionIdOrName);
        ArgumentNullException.ThrowIfNull(inputs);
        var decision = definitions.FindDecision(decisionIdOrName)
            ?? throw new DmnEvaluationException($"No decision '{decisionIdOrName}' in '{definitions.Name}'", decisionIdOrName);
        var run = new DmnRun(definitions, inputs, timeProvider);
        var value = run.Evaluate(decision);
        return new DmnResult(value, new DmnExplanation(decision.Id, decision.Name, run.Decisions));
    }
}
