using Vupe.Feel;

namespace Vupe.Dmn;

/// <summary>
/// A scope chained to a parent: locals first, then the parent. A decision's own scope holds its required inputs
/// and decisions by position (<see cref="DmnDecision.ScopeNames"/>) in an array instead of a dictionary, so
/// setting them hashes nothing and a table can read an input by its position.
/// </summary>
internal sealed class DmnScope : IFeelScope, IFeelClockSource
{
    private readonly IFeelScope? parent;
    private Dictionary<string, FeelValue>? variables;
    private readonly FeelValue?[]? slots;

    public DmnScope(IFeelScope? parent, TimeProvider? timeProvider = null)
    {
        this.parent = parent;
        TimeProvider = timeProvider ?? (parent as IFeelClockSource)?.TimeProvider ?? TimeProvider.System;
    }

    public DmnScope(IFeelScope? parent, TimeProvider? timeProvider, string[] layout)
        : this(parent, timeProvider)
    {
        Layout = layout;
        slots = new FeelValue?[layout.Length];
    }

    public TimeProvider TimeProvider { get; }

    /// <summary>The names of the positional variables (a decision's <see cref="DmnDecision.ScopeNames"/>), or null.</summary>
    public string[]? Layout { get; }

    public void Set(string name, FeelValue value) => (variables ??= new Dictionary<string, FeelValue>(StringComparer.Ordinal))[name] = value;

    public void SetAt(int slot, FeelValue value) => slots![slot] = value;

    /// <summary>
    /// The positional variable at <paramref name="slot"/>, which must be the last position of its name in
    /// <see cref="Layout"/>: what <see cref="TryGetVariable"/> gives for that name. Null when not set yet.
    /// </summary>
    public FeelValue? At(int slot) => variables is null ? slots![slot] : null;

    public bool TryGetVariable(string name, out FeelValue value)
    {
        if (variables is not null && variables.TryGetValue(name, out var found))
        {
            value = found;
            return true;
        }

        if (Layout is not null)
        {
            // From the end: a name given twice (an input data and a decision) reads the later one, as a dictionary would.
            for (var i = Layout.Length - 1; i >= 0; i--)
            {
                if (slots![i] is { } set && string.Equals(Layout[i], name, StringComparison.Ordinal))
                {
                    value = set;
                    return true;
                }
            }
        }

        if (parent is not null)
        {
            return parent.TryGetVariable(name, out value);
        }

        value = FeelNull.Instance;
        return false;
    }
}

/// <summary>The root scope of a run: business knowledge models as functions, created on first use.</summary>
internal sealed class KnowledgeScope(DmnRun run) : IFeelScope, IFeelClockSource
{
    // Created on the first function looked up: most runs (a table over input data) never call one.
    private Dictionary<string, FeelValue>? functions;

    public TimeProvider TimeProvider => run.TimeProvider;

    public bool TryGetVariable(string name, out FeelValue value)
    {
        if (functions is not null && functions.TryGetValue(name, out var found))
        {
            value = found;
            return true;
        }

        var bkm = run.Definitions.FindBkm(name);
        if (bkm is null)
        {
            if (run.Definitions.FindService(name) is { } service)
            {
                value = FeelFunction.Create(service.Name, service.ParameterNames, arguments =>
                {
                    var inputs = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
                    var names = service.ParameterNames;
                    for (var i = 0; i < names.Count; i++)
                    {
                        inputs[names[i]] = i < arguments.Count ? arguments[i] : FeelNull.Instance;
                    }

                    return run.Guard(() => DmnRun.EvaluateService(run.Definitions, service, inputs, run.TimeProvider, run));
                });
                (functions ??= new(StringComparer.Ordinal))[name] = value;
                return true;
            }

            value = FeelNull.Instance;
            return false;
        }

        value = bkm.CompileErrors.Count > 0
            ? FeelFunction.Create(bkm.Name, bkm.Logic?.Parameters.Select(p => p.Name).ToArray() ?? [], _ => run.Guard(() => throw NotCompiled(bkm)))
            : bkm.Logic is null
            ? FeelFunction.Create(bkm.Name, [], _ => FeelNull.Instance)
            : bkm.Logic.CreateFunction(run, this, bkm, bkm.Name);
        (functions ??= new(StringComparer.Ordinal))[name] = value;
        return true;
    }

    public static DmnEvaluationException NotCompiled(DmnDrgElement element) =>
        new($"'{element.Label}' could not be compiled: {string.Join("; ", element.CompileErrors)}", element.Id);
}

/// <summary>One evaluation request: memoised decision results, the trace, and errors raised inside FEEL calls.</summary>
internal sealed class DmnRun
{
    private readonly IReadOnlyDictionary<string, FeelValue> inputs;

    // Memoised results and the decisions being evaluated (cycle check). A run usually evaluates one decision,
    // or a handful: a short list beats hashing and is only allocated when a second decision comes.
    private DmnDecision? firstDecision;
    private FeelValue? firstResult;
    private Dictionary<DmnDecision, FeelValue>? results;
    private List<DmnDecision>? inProgress;
    private readonly List<DmnDecisionTrace> decisions = [];
    private List<DmnTableTrace> tables = [];
    private DmnEvaluationException? pending;

    private readonly bool inputsOverrideDecisions;

    public DmnRun(DmnDefinitions definitions, IReadOnlyDictionary<string, FeelValue> inputs, TimeProvider? timeProvider, bool inputsOverrideDecisions)
    {
        this.inputsOverrideDecisions = inputsOverrideDecisions;
        Definitions = definitions;
        this.inputs = inputs;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Knowledge = new KnowledgeScope(this);
    }

    public DmnDefinitions Definitions { get; }

    public TimeProvider TimeProvider { get; }

    public KnowledgeScope Knowledge { get; }

    public IReadOnlyList<DmnDecisionTrace> Decisions => decisions;

    private bool TryGetResult(DmnDecision decision, out FeelValue value)
    {
        if (ReferenceEquals(firstDecision, decision))
        {
            value = firstResult!;
            return true;
        }

        if (results is not null && results.TryGetValue(decision, out var known))
        {
            value = known;
            return true;
        }

        value = FeelNull.Instance;
        return false;
    }

    private void SetResult(DmnDecision decision, FeelValue value)
    {
        if (firstDecision is null)
        {
            firstDecision = decision;
            firstResult = value;
        }
        else
        {
            (results ??= [])[decision] = value;
        }
    }

    public FeelValue Evaluate(DmnDecision decision, bool requested = false)
    {
        if (TryGetResult(decision, out var known))
        {
            return known;
        }

        // When asked, a value given for a required decision by name replaces its logic (the TCK uses this).
        if (((inputsOverrideDecisions && !requested) || (serviceInputDecisions?.Contains(decision) ?? false)) && inputs.TryGetValue(decision.Name, out var given))
        {
            SetResult(decision, given);
            return given;
        }

        if (decision.CompileErrors.Count > 0)
        {
            throw KnowledgeScope.NotCompiled(decision);
        }

        inProgress ??= [];
        if (inProgress.Contains(decision))
        {
            throw new DmnEvaluationException($"Decision '{decision.Label}' requires itself", decision.Id);
        }

        inProgress.Add(decision);
        var layout = decision.ScopeNames;
        var scope = new DmnScope(Knowledge, TimeProvider, layout);
        var used = new Dictionary<string, object?>(layout.Length, StringComparer.Ordinal);
        var slot = 0;
        foreach (var input in decision.RequiredInputs)
        {
            var value = inputs.TryGetValue(input.Name, out var found) ? found : FeelNull.Instance;
            if (input.Type is not null)
            {
                value = input.Type.Coerce(value, out var reason) ?? throw new DmnEvaluationException(
                    $"Input data '{input.Name}' does not conform to its type '{input.Type.Name}': {reason}", decision.Id);
            }

            scope.SetAt(slot++, value);
            used[input.Name] = DmnValues.ToPlain(value);
        }

        foreach (var required in decision.RequiredDecisions)
        {
            var value = Evaluate(required);
            scope.SetAt(slot++, value);
            used[required.Name] = DmnValues.ToPlain(value);
        }

        var outer = tables;
        var outerWarnings = warnings;
        tables = [];
        warnings = null;
        try
        {
            var result = decision.Expression?.Evaluate(this, scope, decision) ?? FeelNull.Instance;
            result = Check(result);
            if (decision.Type is not null)
            {
                // A result that does not conform to the decision's type is null (DMN 1.3, 10.3.2.9.4); the reason is traced.
                var coerced = decision.Type.Coerce(result, out var reason);
                if (coerced is null)
                {
                    Warn($"the result {result} does not conform to the type '{decision.Type.Name}' ({reason}), so the decision is null");
                }

                result = coerced ?? FeelNull.Instance;
            }

            SetResult(decision, result);
            decisions.Add(new DmnDecisionTrace(decision.Id, decision.Name, used, ToPlain(result), tables) { Warnings = warnings ?? [] });
            return result;
        }
        finally
        {
            tables = outer;
            warnings = outerWarnings;
            inProgress.Remove(decision);
        }
    }

    public void RecordTable(DmnTableTrace trace) => tables.Add(trace);

    // The last value converted for the explanation: a decision whose logic is a table has the table's output
    // as its own, so the decision trace reuses the table trace's plain form instead of converting it again.
    private FeelValue? lastConverted;
    private object? lastPlain;

    /// <summary>The explanation's plain form of a result (<see cref="DmnValues.ToPlain"/>), converted once per value.</summary>
    public object? ToPlain(FeelValue value)
    {
        if (!ReferenceEquals(value, lastConverted))
        {
            lastPlain = DmnValues.ToPlain(value);
            lastConverted = value;
        }

        return lastPlain;
    }

    private List<string>? warnings;

    public void Warn(string warning) => (warnings ??= []).Add(warning);

    /// <summary>
    /// Evaluates a FEEL expression; when it gives null, evaluates it again with diagnostics to trace why (the
    /// second pass's own traces are dropped so nothing is recorded twice).
    /// </summary>
    public FeelValue EvaluateFeel(FeelExpression expression, DmnScope scope)
    {
        var value = Check(expression.Evaluate(scope));
        if (!value.IsNull)
        {
            return value;
        }

        var tableCount = tables.Count;
        var decisionCount = decisions.Count;
        var explained = expression.EvaluateWithDiagnostics(scope);
        pending = null;
        tables.RemoveRange(tableCount, tables.Count - tableCount);
        decisions.RemoveRange(decisionCount, decisions.Count - decisionCount);
        foreach (var diagnostic in explained.Diagnostics)
        {
            Warn($"'{expression.Source}' at {diagnostic}");
        }

        return value;
    }

    /// <summary>
    /// Evaluates a decision service in a run of its own: its input data and input decisions come from
    /// <paramref name="inputs"/>; one output decision gives its value, several a context by decision name.
    /// </summary>
    public static FeelValue EvaluateService(DmnDefinitions definitions, DmnDecisionService service, IReadOnlyDictionary<string, FeelValue> inputs, TimeProvider? timeProvider, DmnRun? caller)
    {
        var given = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var input in service.InputData)
        {
            given[input.Name] = inputs.TryGetValue(input.Name, out var value) ? value : FeelNull.Instance;
        }

        foreach (var decision in service.InputDecisions)
        {
            given[decision.Name] = inputs.TryGetValue(decision.Name, out var value) ? value : FeelNull.Instance;
        }

        var run = new DmnRun(definitions, given, timeProvider, inputsOverrideDecisions: false) { serviceInputDecisions = [.. service.InputDecisions] };
        var outputs = service.OutputDecisions.Select(d => new KeyValuePair<string, FeelValue>(d.Name, run.Evaluate(d))).ToList();
        caller?.decisions.AddRange(run.decisions);
        if (caller is not null)
        {
            (caller.serviceRuns ??= []).Add(run);
        }
        return outputs.Count == 1 ? outputs[0].Value : new FeelContext(outputs);
    }

    private HashSet<DmnDecision>? serviceInputDecisions;
    private List<DmnRun>? serviceRuns;

    public IReadOnlyList<DmnRun> ServiceRuns => serviceRuns ?? (IReadOnlyList<DmnRun>)[];

    /// <summary>Rethrows an error raised inside a FEEL function call (which FEEL itself would turn into null).</summary>
    public FeelValue Check(FeelValue value)
    {
        if (pending is { } error)
        {
            pending = null;
            throw error;
        }

        return value;
    }

    /// <summary>Calls a function outside any expression, keeping DMN errors raised inside it; traces its tables under the callee.</summary>
    public FeelValue GuardInvoke(FeelFunction function, IReadOnlyList<FeelValue> arguments)
    {
        var outer = tables;
        tables = [];
        try
        {
            var value = Check(function.Invoke(arguments, Knowledge));
            if (tables.Count > 0)
            {
                decisions.Add(new DmnDecisionTrace(null, function.Name ?? "function", new Dictionary<string, object?>(), DmnValues.ToPlain(value), tables));
            }

            return value;
        }
        finally
        {
            tables = outer;
        }
    }

    public FeelValue Guard(Func<FeelValue> body)
    {
        try
        {
            return body();
        }
        catch (DmnEvaluationException e)
        {
            pending ??= e;
            throw;
        }
    }
}
