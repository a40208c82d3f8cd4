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
    /// <summary>A JSON-friendly form: null, bool, decimal, string, lists and string-keyed dictionaries; other values as FEEL literals.</summary>
    public static object? ToPlain(FeelValue value) => value switch
    {
        FeelNull => null,
        FeelBoolean b => b.Value,
        FeelNumber n => n.Value,
        FeelString s => s.Value,
        FeelList l => l.Items.Select(ToPlain).ToList(),
        FeelContext c => c.Entries.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => ToPlain(g.Last().Value)),
        FeelDate d => d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
