using System.Globalization;
using Vupe.Feel;

namespace Vupe.Dmn;

/// <summary>The value of one table input at evaluation time.</summary>
public sealed record DmnInputTrace(string Input, object? Value);

/// <summary>
/// One decision table evaluation: on which input values, which rules matched (<see cref="MatchingRules"/>: every
/// rule whose input entries all held) and which of them gave the output (<see cref="MatchedRules"/>: the hit policy's
/// pick, e.g. the first for FIRST, the highest priority for PRIORITY, all for COLLECT), with 1-based rule numbers.
/// </summary>
public sealed record DmnTableTrace(
    string? DecisionId,
    string DecisionName,
    string? TableId,
    string HitPolicy,
    IReadOnlyList<DmnInputTrace> Inputs,
    IReadOnlyList<int> MatchingRules,
    IReadOnlyList<int> MatchedRules,
    IReadOnlyList<string?> MatchedRuleIds,
    IReadOnlyList<string?> MatchedRuleAnnotations,
    object? Output);

/// <summary>
/// One evaluated decision: the inputs it read (input data and required decisions), its output, its tables, and
/// the warnings that explain a null (FEEL evaluation warnings, a result that did not conform to its type).
/// When the decision's output is its table's, <see cref="Output"/> is the same plain object as the table trace's.
/// </summary>
public sealed record DmnDecisionTrace(
    string? DecisionId,
    string DecisionName,
    IReadOnlyDictionary<string, object?> Inputs,
    object? Output,
    IReadOnlyList<DmnTableTrace> Tables)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// What the case history keeps of an automated decision (Ley 29733): every decision evaluated, in evaluation
/// order (required decisions first), with its inputs, the rules that matched and its output. Plain values only,
/// so it serialises to JSON as is.
/// </summary>
public sealed record DmnExplanation(string? DecisionId, string DecisionName, IReadOnlyList<DmnDecisionTrace> Decisions)
{
    /// <summary>The rules that matched in the requested decision's own tables.</summary>
    public IReadOnlyList<int> MatchedRules =>
        Decisions.LastOrDefault(d => d.DecisionId == DecisionId && d.DecisionName == DecisionName)?.Tables.SelectMany(t => t.MatchedRules).ToList() ?? [];
}

/// <summary>The result of evaluating a decision.</summary>
public sealed record DmnResult(FeelValue Value, DmnExplanation Explanation)
{
    /// <summary>The value as CLR objects (<see cref="FeelValue.ToObject"/>).</summary>
    public object? ToObject() => Value.ToObject();
}

internal static class DmnValues
{
    // Boxed once: a boxed bool cannot change, and a triage has several boolean inputs per evaluation.
    private static readonly object True = true;
    private static readonly object False = false;

    /// <summary>A JSON-friendly form: null, bool, decimal, string, lists and string-keyed dictionaries; other values as FEEL literals.</summary>
    public static object? ToPlain(FeelValue value) => value switch
    {
        FeelNull => null,
        FeelBoolean b => b.Value ? True : False,
        FeelNumber n => n.Value,
        FeelString s => s.Value,
        FeelList l => ListToPlain(l),
        FeelContext c => ContextToPlain(c),
        FeelDate d => d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    // Plain loops: every evaluation's explanation converts its outputs (a COLLECT of contexts is a list of
    // dictionaries), and LINQ's grouping here once cost a tenth of a triage evaluation.
    private static List<object?> ListToPlain(FeelList list)
    {
        var items = list.Items;
        var result = new List<object?>(items.Count);
        for (var i = 0; i < items.Count; i++) result.Add(ToPlain(items[i]));
        return result;
    }

    private static Dictionary<string, object?> ContextToPlain(FeelContext context)
    {
        var result = new Dictionary<string, object?>(context.Entries.Count);
        var entries = context.Entries;
        for (var i = 0; i < entries.Count; i++) result[entries[i].Key] = ToPlain(entries[i].Value); // a repeated key keeps its last value
        return result;
    }
}
