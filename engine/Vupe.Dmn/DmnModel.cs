using Vupe.Feel;

namespace Vupe.Dmn;

/// <summary>A loaded DMN file: immutable, FEEL parsed once, safe to evaluate from several threads.</summary>
public sealed class DmnDefinitions
{
    private readonly Dictionary<string, DmnDecision> decisionsById;
    private readonly Dictionary<string, DmnDecision> decisionsByName;
    private readonly Dictionary<string, DmnBusinessKnowledgeModel> bkmsByName;
    private readonly Dictionary<string, DmnDecisionService> servicesByName;

    internal DmnDefinitions(
        string? id,
        string? name,
        string? targetNamespace,
        IReadOnlyDictionary<string, DmnType> itemDefinitions,
        IReadOnlyList<DmnDecision> decisions,
        IReadOnlyList<DmnBusinessKnowledgeModel> businessKnowledgeModels,
        IReadOnlyList<DmnInputData> inputData,
        IReadOnlyList<DmnDecisionService> decisionServices)
    {
        DecisionServices = decisionServices;
        servicesByName = decisionServices.GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Id = id;
        Name = name;
        Namespace = targetNamespace;
        ItemDefinitions = itemDefinitions;
        Decisions = decisions;
        BusinessKnowledgeModels = businessKnowledgeModels;
        InputData = inputData;
        decisionsById = decisions.Where(d => d.Id is not null).GroupBy(d => d.Id!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        decisionsByName = decisions.GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        bkmsByName = businessKnowledgeModels.GroupBy(b => b.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public string? Id { get; }

    public string? Name { get; }

    public string? Namespace { get; }

    public IReadOnlyDictionary<string, DmnType> ItemDefinitions { get; }

    public IReadOnlyList<DmnDecision> Decisions { get; }

    public IReadOnlyList<DmnBusinessKnowledgeModel> BusinessKnowledgeModels { get; }

    public IReadOnlyList<DmnInputData> InputData { get; }

    public IReadOnlyList<DmnDecisionService> DecisionServices { get; }

    /// <summary>The problems found by <see cref="DmnParser.ParseLenient"/>; always empty after <see cref="DmnParser.Parse"/>.</summary>
    public IReadOnlyList<string> CompileErrors { get; internal init; } = [];

    /// <summary>Finds a decision service by id, then by name.</summary>
    public DmnDecisionService? FindDecisionService(string idOrName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        return DecisionServices.FirstOrDefault(d => d.Id == idOrName) ?? servicesByName.GetValueOrDefault(idOrName);
    }

    /// <summary>Finds a business knowledge model by id, then by name.</summary>
    public DmnBusinessKnowledgeModel? FindBusinessKnowledgeModel(string idOrName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        return BusinessKnowledgeModels.FirstOrDefault(b => b.Id == idOrName) ?? bkmsByName.GetValueOrDefault(idOrName);
    }

    internal DmnDecisionService? FindService(string name) => servicesByName.GetValueOrDefault(name);

    /// <summary>Finds a decision by id, then by name.</summary>
    public DmnDecision? FindDecision(string idOrName)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        return decisionsById.TryGetValue(idOrName, out var byId) ? byId : decisionsByName.GetValueOrDefault(idOrName);
    }

    internal DmnBusinessKnowledgeModel? FindBkm(string name) => bkmsByName.GetValueOrDefault(name);
}

/// <summary>Something with a variable: a decision, a business knowledge model or an input data.</summary>
public abstract class DmnDrgElement
{
    private protected DmnDrgElement(string? id, string name)
    {
        Id = id;
        Name = name;
    }

    public string? Id { get; }

    public string Name { get; }

    /// <summary>The id when there is one, else the name: what messages name.</summary>
    public string Label => Id ?? Name;

    /// <summary>
    /// Why the element could not be compiled (only after <see cref="DmnParser.ParseLenient"/>): evaluating it
    /// raises these instead of a value.
    /// </summary>
    public IReadOnlyList<string> CompileErrors { get; internal set; } = [];
}

public sealed class DmnInputData : DmnDrgElement
{
    internal DmnInputData(string? id, string name, DmnType? type)
        : base(id, name)
    {
        Type = type;
    }

    /// <summary>The declared type (null when the variable has no typeRef).</summary>
    public DmnType? Type { get; }
}

public sealed class DmnDecision : DmnDrgElement
{
    internal DmnDecision(string? id, string name, DmnType? type, DmnExpression? expression)
        : base(id, name)
    {
        Type = type;
        Expression = expression;
    }

    public DmnType? Type { get; }

    /// <summary>The decision logic; null when the decision has none (it then evaluates to null).</summary>
    public DmnExpression? Expression { get; }

    public IReadOnlyList<DmnDecision> RequiredDecisions { get; internal set; } = [];

    public IReadOnlyList<DmnInputData> RequiredInputs { get; internal set; } = [];

    public IReadOnlyList<DmnBusinessKnowledgeModel> RequiredKnowledge { get; internal set; } = [];

    private string[]? scopeNames;

    /// <summary>
    /// The names the decision's logic sees, by position: its required inputs, then its required decisions (the
    /// layout of its scope). Made on first use, once the requirements are resolved; the same array every run.
    /// </summary>
    internal string[] ScopeNames => scopeNames ??= [.. RequiredInputs.Select(i => i.Name), .. RequiredDecisions.Select(d => d.Name)];
}

public sealed class DmnBusinessKnowledgeModel : DmnDrgElement
{
    internal DmnBusinessKnowledgeModel(string? id, string name, DmnFunctionDefinition? logic)
        : base(id, name)
    {
        Logic = logic;
    }

    /// <summary>The encapsulated logic: parameters and body.</summary>
    public DmnFunctionDefinition? Logic { get; }

    public IReadOnlyList<DmnBusinessKnowledgeModel> RequiredKnowledge { get; internal set; } = [];
}

/// <summary>
/// A decision service: evaluates its output decisions from its input data and input decisions (given as
/// parameters, in that order, when it is called as a function).
/// </summary>
public sealed class DmnDecisionService : DmnDrgElement
{
    internal DmnDecisionService(string? id, string name)
        : base(id, name)
    {
    }

    public IReadOnlyList<DmnDecision> OutputDecisions { get; internal set; } = [];

    public IReadOnlyList<DmnDecision> EncapsulatedDecisions { get; internal set; } = [];

    public IReadOnlyList<DmnDecision> InputDecisions { get; internal set; } = [];

    public IReadOnlyList<DmnInputData> InputData { get; internal set; } = [];

    /// <summary>Parameter names: input data, then input decisions.</summary>
    public IReadOnlyList<string> ParameterNames => [.. InputData.Select(i => i.Name), .. InputDecisions.Select(d => d.Name)];
}

/// <summary>A boxed expression.</summary>
public abstract class DmnExpression
{
    private protected DmnExpression(string? id, DmnType? type)
    {
        Id = id;
        Type = type;
    }

    public string? Id { get; }

    public DmnType? Type { get; }

    internal abstract FeelValue Evaluate(DmnRun run, DmnScope scope, DmnDrgElement owner);
}

public sealed class DmnLiteralExpression : DmnExpression
{
    internal DmnLiteralExpression(string? id, DmnType? type, FeelExpression? feel)
        : base(id, type)
    {
        Feel = feel;
    }

    /// <summary>The parsed FEEL; null for an empty literal expression (evaluates to null).</summary>
    public FeelExpression? Feel { get; }

    public string Text => Feel?.Source ?? string.Empty;

    internal override FeelValue Evaluate(DmnRun run, DmnScope scope, DmnDrgElement owner) =>
        Feel is null ? FeelNull.Instance : run.EvaluateFeel(Feel, scope);
}

public sealed class DmnContextEntry
{
    internal DmnContextEntry(string? name, DmnType? type, DmnExpression? value)
    {
        Name = name;
        Type = type;
        Value = value;
    }

    /// <summary>The entry's variable name; null for the final result entry.</summary>
    public string? Name { get; }

    public DmnType? Type { get; }

    public DmnExpression? Value { get; }
}

public sealed class DmnContextExpression : DmnExpression
{
    internal DmnContextExpression(string? id, DmnType? type, IReadOnlyList<DmnContextEntry> entries)
        : base(id, type)
    {
        Entries = entries;
    }

    public IReadOnlyList<DmnContextEntry> Entries { get; }

    internal override FeelValue Evaluate(DmnRun run, DmnScope scope, DmnDrgElement owner)
    {
        var local = new DmnScope(scope);
        var entries = new List<KeyValuePair<string, FeelValue>>(Entries.Count);
        foreach (var entry in Entries)
        {
            var value = entry.Value?.Evaluate(run, local, owner) ?? FeelNull.Instance;
            if (entry.Type is not null)
            {
                value = entry.Type.Coerce(value, out _) ?? FeelNull.Instance;
            }

            if (entry.Name is null)
            {
                return value;
            }

            local.Set(entry.Name, value);
            entries.Add(new KeyValuePair<string, FeelValue>(entry.Name, value));
        }

        return new FeelContext(entries);
    }
}

public sealed class DmnListExpression : DmnExpression
{
    internal DmnListExpression(string? id, DmnType? type, IReadOnlyList<DmnExpression> items)
        : base(id, type)
    {
        Items = items;
    }

    public IReadOnlyList<DmnExpression> Items { get; }

    internal override FeelValue Evaluate(DmnRun run, DmnScope scope, DmnDrgElement owner) =>
        new FeelList(Items.Select(i => i.Evaluate(run, scope, owner)).ToList());
}

public sealed class DmnRelation : DmnExpression
{
    internal DmnRelation(string? id, DmnType? type, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<DmnExpression?>> rows)
        : base(id, type)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<IReadOnlyList<DmnExpression?>> Rows { get; }

    internal override FeelValue Evaluate(DmnRun run, DmnScope scope, DmnDrgElement owner)
    {
        var rows = new List<FeelValue>(Rows.Count);
        foreach (var row in Rows)
        {
            var entries = new List<KeyValuePair<string, FeelValue>>(Columns.Count);
            for (var c = 0; c < Columns.Count; c++)
            {
                var cell = c < row.Count ? row[c] : null;
                entries.Add(new KeyValuePair<string, FeelValue>(Columns[c], cell?.Evaluate(run, scope, owner) ?? FeelNull.Instance));
            }

            rows.Add(new FeelContext(entries));
        }

        return new FeelList(rows);
    }
}

public sealed class DmnBinding
{
    internal DmnBinding(string parameter, DmnExpression? value)
    {
        Parameter = parameter;
        Value = value;
    }

    public string Parameter { get; }

    public DmnExpression? Value { get; }
}

/// <summary>An invocation of a business knowledge model (or any function) with named bindings.</summary>
public sealed class DmnInvocation : DmnExpression
{
    internal DmnInvocation(string? id, DmnType? type, FeelExpression function, IReadOnlyList<DmnBinding> bindings)
        : base(id, type)
    {
        Function = function;
        Bindings = bindings;
    }

    public FeelExpression Function { get; }

    public IReadOnlyList<DmnBinding> Bindings { get; }

    internal override FeelValue Evaluate(DmnRun run, DmnScope scope, DmnDrgElement owner)
    {
        var function = run.Check(Function.Evaluate(scope));
        if (function is not FeelFunction callable)
        {
            throw new DmnEvaluationException(
                $"{owner.GetType().Name[3..]} '{owner.Label}': invocation of '{Function.Source}' which is not a function", owner.Id);
        }

        var names = callable.ParameterNames;
        var arguments = new FeelValue[names.Count];
        Array.Fill(arguments, FeelNull.Instance);
        foreach (var binding in Bindings)
        {
            var index = IndexOf(names, binding.Parameter);
            if (index < 0)
            {
                throw new DmnEvaluationException(
                    $"{owner.GetType().Name[3..]} '{owner.Label}': '{Function.Source}' has no parameter '{binding.Parameter}'", owner.Id);
            }

            arguments[index] = binding.Value?.Evaluate(run, scope, owner) ?? FeelNull.Instance;
        }

        return run.Check(callable.Invoke(arguments, scope));
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}

public sealed class DmnParameter
{
    internal DmnParameter(string name, DmnType? type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public DmnType? Type { get; }
}

/// <summary>A boxed function definition (kind FEEL): a BKM's encapsulated logic or a function in a context.</summary>
public sealed class DmnFunctionDefinition : DmnExpression
{
    internal DmnFunctionDefinition(string? id, DmnType? type, IReadOnlyList<DmnParameter> parameters, DmnExpression? body)
        : base(id, type)
    {
        Parameters = parameters;
        Body = body;
    }

    public IReadOnlyList<DmnParameter> Parameters { get; }

    public DmnExpression? Body { get; }

    internal override FeelValue Evaluate(DmnRun run, DmnScope scope, DmnDrgElement owner) => CreateFunction(run, scope, owner, null);

    internal FeelFunction CreateFunction(DmnRun run, IFeelScope closure, DmnDrgElement owner, string? name)
    {
        var names = Parameters.Select(p => p.Name).ToArray();
        return FeelFunction.Create(name ?? "anonymous", names, arguments =>
        {
            var local = new DmnScope(closure);
            for (var i = 0; i < Parameters.Count; i++)
            {
                var argument = i < arguments.Count ? arguments[i] : FeelNull.Instance;
                if (Parameters[i].Type is { } type)
                {
                    // A non-conforming argument becomes null (DMN 1.3, 10.3.2.9.4).
                    argument = type.Coerce(argument, out _) ?? FeelNull.Instance;
                }

                local.Set(Parameters[i].Name, argument);
            }

            return run.Guard(() => Body?.Evaluate(run, local, owner) ?? FeelNull.Instance);
        });
    }
}
