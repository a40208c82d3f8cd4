using Vupe.Feel;

namespace Vupe.Dmn;

/// <summary>Evaluates decisions of a loaded DMN file.</summary>
public static class DmnEvaluator
{
    /// <summary>Evaluates a decision (by id, else by name) with input data values given by name; required decisions first.</summary>
    public static DmnResult Evaluate(DmnDefinitions definitions, string decisionIdOrName, IReadOnlyDictionary<string, object?> inputs, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Evaluate(definitions, decisionIdOrName, ToFeel(inputs), timeProvider);
    }

    /// <summary>
    /// Evaluates with FEEL values. With <paramref name="inputsOverrideDecisions"/>, an input named like a required
    /// decision is used instead of evaluating that decision (as the TCK's input nodes may do).
    /// </summary>
    public static DmnResult Evaluate(
        DmnDefinitions definitions,
        string decisionIdOrName,
        IReadOnlyDictionary<string, FeelValue> inputs,
        TimeProvider? timeProvider = null,
        bool inputsOverrideDecisions = false)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(decisionIdOrName);
        ArgumentNullException.ThrowIfNull(inputs);
        var decision = definitions.FindDecision(decisionIdOrName)
            ?? throw new DmnEvaluationException($"No decision '{decisionIdOrName}' in '{definitions.Name}'", decisionIdOrName);
        var run = new DmnRun(definitions, inputs, timeProvider, inputsOverrideDecisions);
        var value = run.Evaluate(decision, requested: true);
        return new DmnResult(value, new DmnExplanation(decision.Id, decision.Name, run.Decisions));
    }

    private static Dictionary<string, FeelValue> ToFeel(IReadOnlyDictionary<string, object?> inputs)
    {
        var values = new Dictionary<string, FeelValue>(inputs.Count, StringComparer.Ordinal);
        foreach (var pair in inputs)
        {
            values[pair.Key] = FeelValue.FromObject(pair.Value);
        }

        return values;
    }
}
