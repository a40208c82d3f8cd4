using Vupe.Feel;

namespace Vupe.Dmn;

public enum DmnHitPolicy
{
    Unique,
    Any,
    Priority,
    First,
    OutputOrder,
    RuleOrder,
    Collect,
}

public enum DmnAggregation
{
    None,
    Sum,
    Min,
    Max,
    Count,
}

public sealed class DmnTableInput
{
    internal DmnTableInput(string? id, string label, FeelExpression expression, DmnType? type, FeelUnaryTests? inputValues)
    {
        Id = id;
        Label = label;
        Expression = expression;
        Type = type;
        InputValues = inputValues;
    }

    public string? Id { get; }

    /// <summary>The input's label, or its expression text.</summary>
    public string Label { get; }

    public FeelExpression Expression { get; }

    public DmnType? Type { get; }

    public FeelUnaryTests? InputValues { get; }
}

public sealed class DmnTableOutput
{
    internal DmnTableOutput(string? id, string? name, DmnType? type, FeelUnaryTests? outputValues, IReadOnlyList<FeelValue>? priorities, FeelExpression? defaultOutput)
    {
        Id = id;
        Name = name;
        Type = type;
        OutputValues = outputValues;
        Priorities = priorities;
        DefaultOutput = defaultOutput;
    }

    public string? Id { get; }

    public string? Name { get; }

    public DmnType? Type { get; }

    public FeelUnaryTests? OutputValues { get; }

    /// <summary>The output values as a list, in priority order (first is highest), when they are plain values.</summary>
    public IReadOnlyList<FeelValue>? Priorities { get; }

    public FeelExpression? DefaultOutput { get; }
}

public sealed class DmnRule
{
    internal DmnRule(int number, string? id, IReadOnlyList<FeelUnaryTests?> inputEntries, IReadOnlyList<FeelExpression?> outputEntries, string? description)
    {
        Number = number;
        Id = id;
        InputEntries = inputEntries;
        OutputEntries = outputEntries;
        Description = description;
    }

    /// <summary>1-based position in the table.</summary>
    public int Number { get; }

    public string? Id { get; }

    /// <summary>One unary test per input; null for "-" (any).</summary>
    public IReadOnlyList<FeelUnaryTests?> InputEntries { get; }

    public IReadOnlyList<FeelExpression?> OutputEntries { get; }

    /// <summary>The rule's annotation, when the table has one (the VUPE triage keeps its reason here).</summary>
    public string? Description { get; }
}

public sealed class DmnDecisionTable : DmnExpression
{
    internal DmnDecisionTable(
        string? id,
        DmnType? type,
        DmnHitPolicy hitPolicy,
        DmnAggregation aggregation,
        IReadOnlyList<DmnTableInput> inputs,
        IReadOnlyList<DmnTableOutput> outputs,
        IReadOnlyList<DmnRule> rules)
        : base(id, type)
    {
        HitPolicy = hitPolicy;
        Aggregation = aggregation;
        Inputs = inputs;
        Outputs = outputs;
        Rules = rules;
        hitPolicyName = HitPolicyName;
        ruleOutputs = new FeelValue?[rules.Count];
        for (var r = 0; r < rules.Count; r++)
        {
            ruleOutputs[r] = ConstantRuleOutput(rules[r]);
        }
    }

    // A rule whose output entries are all constants that conform to the outputs' constant output values
    // (the usual case: "capacitacion-laboral", "alta") has its output built and checked once, here. FEEL
    // values are immutable, so every evaluation can share it.
    private readonly FeelValue?[] ruleOutputs;

    private readonly string hitPolicyName;

    private FeelValue? ConstantRuleOutput(DmnRule rule)
    {
        if (rule.OutputEntries.Count != Outputs.Count)
        {
            return null;
        }

        var values = new FeelValue[Outputs.Count];
        for (var o = 0; o < Outputs.Count; o++)
        {
            var entry = rule.OutputEntries[o];
            var value = entry is null ? FeelNull.Instance : entry.ConstantValue;
            if (value is null || !ConformsOnce(o, value))
            {
                return null;
            }

            values[o] = value;
        }

        if (Outputs.Count == 1)
        {
            return values[0];
        }

        var entries = new List<KeyValuePair<string, FeelValue>>(Outputs.Count);
        for (var o = 0; o < Outputs.Count; o++)
        {
            entries.Add(new KeyValuePair<string, FeelValue>(Outputs[o].Name ?? $"output {o + 1}", values[o]));
        }

        return new FeelContext(entries);
    }

    // Whether a constant output value is known, without a scope, to be among its output's values.
    private bool ConformsOnce(int output, FeelValue value)
    {
        var allowed = Outputs[output].OutputValues;
        return value.IsNull || allowed is null || (allowed.IsConstant && allowed.Matches(value, FeelScope.Empty));
    }

    /// <summary>
    /// Rules whose constant output entry is outside its output's constant output values: the entry could only
    /// ever fail at evaluation, so the file is rejected at load with the rule and the column.
    /// </summary>
    internal IEnumerable<string> ConstantOutputViolations()
    {
        foreach (var rule in Rules)
        {
            for (var o = 0; o < Outputs.Count && o < rule.OutputEntries.Count; o++)
            {
                var output = Outputs[o];
                var value = rule.OutputEntries[o]?.ConstantValue;
                if (value is not null && !value.IsNull && output.OutputValues is { IsConstant: true } allowed && !allowed.Matches(value, FeelScope.Empty))
                {
                    yield return DmnProblemText.OutputNotAllowed(rule.Number, o + 1, output.Name, value.ToString()!, allowed.Source);
                }
            }
        }
    }

    public DmnHitPolicy HitPolicy { get; }

    public DmnAggregation Aggregation { get; }

    public IReadOnlyList<DmnTableInput> Inputs { get; }

    public IReadOnlyList<DmnTableOutput> Outputs { get; }

    public IReadOnlyList<DmnRule> Rules { get; }

    internal override FeelValue Evaluate(DmnRun run, DmnScope scope, DmnDrgElement owner)
    {
        var inputCount = Inputs.Count;
        var values = new FeelValue[inputCount];
        var inputTraces = new DmnInputTrace[inputCount];
        var positions = scope.Layout is { } layout ? PositionsIn(layout) : null;
        for (var i = 0; i < inputCount; i++)
        {
            var input = Inputs[i];

            // An input expression that is one name (the usual case) reads the variable without a FEEL evaluation:
            // by its position in the decision's scope when it has one there, else by name.
            var value = positions is not null && positions[i] >= 0 && scope.At(positions[i]) is { } positional
                ? positional
                : input.Expression.VariableName is { } name && scope.TryGetVariable(name, out var variable) && variable is not null
                    ? variable
                    : run.Check(input.Expression.Evaluate(scope));
            if (input.InputValues is not null && !value.IsNull && !input.InputValues.Matches(value, scope))
            {
                throw new DmnEvaluationException(
                    $"{Describe(owner)}: input {i + 1} '{input.Label}' is {value}, which is not among its input values ({input.InputValues.Source})",
                    owner.Id);
            }

            values[i] = value;
            inputTraces[i] = new DmnInputTrace(input.Label, DmnValues.ToPlain(value));
        }

        var matched = new List<DmnRule>();
        var matchedIndexes = new List<int>();
        for (var r = 0; r < Rules.Count; r++)
        {
            var entries = Rules[r].InputEntries;
            var hit = true;
            for (var i = 0; i < inputCount && hit; i++)
            {
                var test = entries[i];
                hit = test is null || test.Matches(values[i], scope);
            }

            if (hit)
            {
                matched.Add(Rules[r]);
                matchedIndexes.Add(r);
            }
        }

        var results = new List<FeelValue>(matched.Count);
        for (var m = 0; m < matched.Count; m++)
        {
            results.Add(ruleOutputs[matchedIndexes[m]] ?? RuleOutput(run, matched[m], scope, owner));
        }

        var result = Apply(owner, matched, results, run, scope);
        var picked = Picked(matched, results);
        var matchedNumbers = new int[matched.Count];
        for (var m = 0; m < matched.Count; m++)
        {
            matchedNumbers[m] = matched[m].Number;
        }

        var pickedNumbers = new int[picked.Count];
        var pickedIds = new string?[picked.Count];
        var pickedAnnotations = new string?[picked.Count];
        for (var p = 0; p < picked.Count; p++)
        {
            pickedNumbers[p] = picked[p].Number;
            pickedIds[p] = picked[p].Id;
            pickedAnnotations[p] = picked[p].Description;
        }

        run.RecordTable(new DmnTableTrace(owner.Id, owner.Name, Id, hitPolicyName, inputTraces, matchedNumbers, pickedNumbers, pickedIds, pickedAnnotations, run.ToPlain(result)));
        return result;
    }

    // For each input whose expression is a name: its last position in a decision scope's layout (what a lookup by
    // name finds there), else -1. Worked out for the first layout seen (a table belongs to one decision) and
    // kept; the pair is replaced whole, so threads sharing the table read a consistent one.
    private sealed record InputPositions(string[] Layout, int[] Positions);

    private InputPositions? positionsCache;

    private int[] PositionsIn(string[] layout)
    {
        var cached = positionsCache;
        if (cached is not null && ReferenceEquals(cached.Layout, layout))
        {
            return cached.Positions;
        }

        var positions = new int[Inputs.Count];
        for (var i = 0; i < Inputs.Count; i++)
        {
            positions[i] = Inputs[i].Expression.VariableName is { } name ? Array.LastIndexOf(layout, name) : -1;
        }

        positionsCache = new InputPositions(layout, positions);
        return positions;
    }

    /// <summary>The rules whose output is in the result, in the result's order.</summary>
    private List<DmnRule> Picked(List<DmnRule> matched, List<FeelValue> results)
    {
        if (matched.Count == 0)
        {
            return matched;
        }

        switch (HitPolicy)
        {
            case DmnHitPolicy.First:
                return [matched[0]];
            case DmnHitPolicy.Priority:
            case DmnHitPolicy.OutputOrder:
                var order = ByPriorityIndexes(results);
                return HitPolicy == DmnHitPolicy.Priority ? [matched[order[0]]] : order.Select(i => matched[i]).ToList();
            default:
                return matched;
        }
    }

    private string HitPolicyName => HitPolicy switch
    {
        DmnHitPolicy.OutputOrder => "OUTPUT ORDER",
        DmnHitPolicy.RuleOrder => "RULE ORDER",
        DmnHitPolicy.Collect when Aggregation != DmnAggregation.None => "COLLECT " + Aggregation.ToString().ToUpperInvariant(),
        _ => HitPolicy.ToString().ToUpperInvariant(),
    };

    private static string Describe(DmnDrgElement owner) =>
        owner is DmnBusinessKnowledgeModel ? $"Business knowledge model '{owner.Label}'" : $"Decision '{owner.Label}'";

    private FeelValue RuleOutput(DmnRun run, DmnRule rule, DmnScope scope, DmnDrgElement owner)
    {
        if (Outputs.Count == 1)
        {
            return CheckOutput(owner, rule, 0, run.Check(rule.OutputEntries[0]?.Evaluate(scope) ?? FeelNull.Instance), scope);
        }

        var entries = new List<KeyValuePair<string, FeelValue>>(Outputs.Count);
        for (var o = 0; o < Outputs.Count; o++)
        {
            var value = CheckOutput(owner, rule, o, run.Check(rule.OutputEntries[o]?.Evaluate(scope) ?? FeelNull.Instance), scope);
            entries.Add(new KeyValuePair<string, FeelValue>(Outputs[o].Name ?? $"output {o + 1}", value));
        }

        return new FeelContext(entries);
    }

    private FeelValue CheckOutput(DmnDrgElement owner, DmnRule rule, int output, FeelValue value, DmnScope scope)
    {
        var definition = Outputs[output];
        if (definition.OutputValues is not null && !value.IsNull && !definition.OutputValues.Matches(value, scope))
        {
            throw new DmnEvaluationException(
                $"{Describe(owner)}: rule {rule.Number} gives {value} for output {output + 1}{(definition.Name is null ? "" : $" '{definition.Name}'")}, which is not among its output values ({definition.OutputValues.Source})",
                owner.Id,
                [rule.Number]);
        }

        return value;
    }

    private FeelValue Apply(DmnDrgElement owner, List<DmnRule> matched, List<FeelValue> results, DmnRun run, DmnScope scope)
    {
        switch (HitPolicy)
        {
            case DmnHitPolicy.Unique:
                if (results.Count > 1)
                {
                    throw new DmnEvaluationException(
                        $"{Describe(owner)}: hit policy UNIQUE but rules {string.Join(", ", matched.Select(r => r.Number))} all match",
                        owner.Id,
                        matched.Select(r => r.Number).ToList());
                }

                return results.Count == 1 ? results[0] : Default(run, scope);
            case DmnHitPolicy.Any:
                for (var i = 1; i < results.Count; i++)
                {
                    if (!results[i].Equals(results[0]))
                    {
                        throw new DmnEvaluationException(
                            $"{Describe(owner)}: hit policy ANY but rules {matched[0].Number} and {matched[i].Number} match with different outputs ({results[0]} and {results[i]})",
                            owner.Id,
                            [matched[0].Number, matched[i].Number]);
                    }
                }

                return results.Count > 0 ? results[0] : Default(run, scope);
            case DmnHitPolicy.First:
                return results.Count > 0 ? results[0] : Default(run, scope);
            case DmnHitPolicy.Priority:
                return results.Count > 0 ? ByPriority(results)[0] : Default(run, scope);
            case DmnHitPolicy.OutputOrder:
                return results.Count > 0 ? new FeelList(ByPriority(results)) : Default(run, scope);
            case DmnHitPolicy.RuleOrder:
                return results.Count > 0 ? new FeelList(results, owned: true) : Default(run, scope);
            default:
                return Collect(results, run, scope);
        }
    }

    private FeelValue Collect(List<FeelValue> results, DmnRun run, DmnScope scope)
    {
        switch (Aggregation)
        {
            case DmnAggregation.Count:
                return FeelNumber.Of(results.Distinct().Count());
            case DmnAggregation.Sum:
                if (results.Count == 0)
                {
                    return Default(run, scope);
                }

                var sum = 0m;
                foreach (var value in results)
                {
                    if (value is not FeelNumber number)
                    {
                        return FeelNull.Instance;
                    }

                    sum += number.Value;
                }

                return FeelNumber.Of(sum);
            case DmnAggregation.Min:
            case DmnAggregation.Max:
                var function = FeelBuiltIns.Get(Aggregation == DmnAggregation.Min ? "min" : "max")!;
                return results.Count == 0 ? Default(run, scope) : function.Invoke([new FeelList(results)]);
            default:
                return results.Count > 0 ? new FeelList(results, owned: true) : Default(run, scope); // results is not touched after this
        }
    }

    private FeelValue Default(DmnRun run, DmnScope scope)
    {
        if (Outputs.All(o => o.DefaultOutput is null))
        {
            return FeelNull.Instance;
        }

        if (Outputs.Count == 1)
        {
            return run.Check(Outputs[0].DefaultOutput!.Evaluate(scope));
        }

        return new FeelContext(Outputs.Select((o, i) => new KeyValuePair<string, FeelValue>(
            o.Name ?? $"output {i + 1}",
            o.DefaultOutput is null ? FeelNull.Instance : run.Check(o.DefaultOutput.Evaluate(scope)))).ToList());
    }

    private List<FeelValue> ByPriority(List<FeelValue> results) => ByPriorityIndexes(results).Select(i => results[i]).ToList();

    private List<int> ByPriorityIndexes(List<FeelValue> results)
    {
        var keyed = results.Select((value, index) => (value, index, key: PriorityKey(value))).ToList();
        keyed.Sort((a, b) =>
        {
            for (var i = 0; i < a.key.Length; i++)
            {
                var c = a.key[i].CompareTo(b.key[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return a.index.CompareTo(b.index);
        });
        return keyed.Select(k => k.index).ToList();
    }

    private int[] PriorityKey(FeelValue result)
    {
        var key = new int[Outputs.Count];
        for (var o = 0; o < Outputs.Count; o++)
        {
            var priorities = Outputs[o].Priorities;
            if (priorities is null)
            {
                continue;
            }

            var value = Outputs.Count == 1 ? result : ((FeelContext)result).Entries[o].Value;
            var index = -1;
            for (var p = 0; p < priorities.Count; p++)
            {
                if (priorities[p].Equals(value))
                {
                    index = p;
                    break;
                }
            }

            key[o] = index < 0 ? int.MaxValue : index;
        }

        return key;
    }
}
