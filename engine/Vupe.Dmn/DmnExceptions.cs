namespace Vupe.Dmn;

/// <summary>A DMN file was rejected at load: every problem found is listed in <see cref="Errors"/>.</summary>
public sealed class DmnModelException : Exception
{
    public DmnModelException()
    {
        Errors = [];
    }

    public DmnModelException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public DmnModelException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public DmnModelException(IReadOnlyList<string> errors)
        : base(errors is { Count: 1 } ? errors[0] : $"The DMN file has {errors?.Count} errors: " + string.Join("; ", errors ?? []))
    {
        Errors = errors ?? [];
    }

    /// <summary>One specific message per problem (element id, rule number, column, position in the expression).</summary>
    public IReadOnlyList<string> Errors { get; }
}

/// <summary>
/// A decision could not be evaluated where the spec says error (a UNIQUE table with several matches, an input of
/// the wrong type, ...). Never replaced by a silent null.
/// </summary>
public sealed class DmnEvaluationException : Exception
{
    public DmnEvaluationException()
    {
    }

    public DmnEvaluationException(string message)
        : base(message)
    {
    }

    public DmnEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DmnEvaluationException(string message, string? decisionId, IReadOnlyList<int>? ruleNumbers = null)
        : base(message)
    {
        DecisionId = decisionId;
        RuleNumbers = ruleNumbers ?? [];
    }

    /// <summary>The decision (or business knowledge model) whose evaluation failed.</summary>
    public string? DecisionId { get; }

    /// <summary>1-based rule numbers involved (for hit policy violations).</summary>
    public IReadOnlyList<int> RuleNumbers { get; } = [];
}
