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

    /// <summary>Evaluates a decision service (by id, else by name); inputs name its input data and input decisions.</summary>
    public static DmnResult EvaluateDecisionService(DmnDefinitions definitions, string serviceIdOrName, IReadOnlyDictionary<string, FeelValue> inputs, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(serviceIdOrName);
        ArgumentNullException.ThrowIfNull(inputs);
        var service = definitions.FindDecisionService(serviceIdOrName)
            ?? throw new DmnEvaluationException($"No decision service '{serviceIdOrName}' in '{definitions.Name}'", serviceIdOrName);
        var collector = new DmnRun(definitions, inputs, timeProvider, inputsOverrideDecisions: false);
        var value = DmnRun.EvaluateService(definitions, service, inputs, timeProvider, collector);
        return new DmnResult(value, new DmnExplanation(service.Id, service.Name, collector.Decisions));
    }

    /// <summary>Invokes a business knowledge model (by id, else by name) with its parameters given by name.</summary>
    public static DmnResult InvokeBusinessKnowledgeModel(DmnDefinitions definitions, string bkmIdOrName, IReadOnlyDictionary<string, FeelValue> arguments, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(bkmIdOrName);
        ArgumentNullException.ThrowIfNull(arguments);
        var bkm = definitions.FindBusinessKnowledgeModel(bkmIdOrName)
            ?? throw new DmnEvaluationException($"No business knowledge model '{bkmIdOrName}' in '{definitions.Name}'", bkmIdOrName);
        var run = new DmnRun(definitions, arguments, timeProvider, inputsOverrideDecisions: false);
        run.Knowledge.TryGetVariable(bkm.Name, out var function);
        var callable = (FeelFunction)function;
        var values = callable.ParameterNames.Select(p => arguments.TryGetValue(p, out var v) ? v : FeelNull.Instance).ToList();
        var value = run.Check(run.GuardInvoke(callable, values));
        return new DmnResult(value, new DmnExplanation(bkm.Id, bkm.Name, run.Decisions));
    }

    private static Dictionary<string, FeelValue> ToFeel(IReadOnlyDictionary<string, object?> inputs)
    {
        var values = new Dictionary<string, FeelValue>(inputs.Count, StringComparer.Ordinal);
        foreach (var pair in inputs)
        {
            try
            {
                values[pair.Key] = FeelValue.FromObject(pair.Value);
            }
            catch (ArgumentException e)
            {
                throw new DmnEvaluationException($"Input '{pair.Key}' cannot be read as a FEEL value: {e.Message}", e);
            }
        }

        return values;
    }
}
