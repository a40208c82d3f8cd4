namespace Vupe.Feel;

/// <summary>The value of an evaluation plus the warnings that explain any null in it.</summary>
public sealed record FeelEvaluation(FeelValue Value, IReadOnlyList<FeelDiagnostic> Diagnostics);

/// <summary>An evaluation warning. <paramref name="Position"/> is 0-based; line and column are 1-based.</summary>
public sealed record FeelDiagnostic(string Message, int Position, int Line, int Column)
{
    public override string ToString() => $"position {Position} (line {Line}, column {Column}): {Message}";
}

/// <summary>A call by plain name in the source, such as <c>upper case(x)</c>.</summary>
public sealed record FeelFunctionCall(string Name, int Position, int Line, int Column);
