namespace Vupe.Feel;

/// <summary>A FEEL expression could not be parsed. Message: "FEEL syntax error at line 1, column 7: expected ')' but found 'then'".</summary>
public sealed class FeelSyntaxException : FeelException
{
    public FeelSyntaxException()
    {
    }

    public FeelSyntaxException(string message)
        : base(message)
    {
    }

    public FeelSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FeelSyntaxException(string reason, int position, int line, int column)
        : base($"FEEL syntax error at line {line}, column {column}: {reason}")
    {
        Reason = reason;
        Position = position;
        Line = line;
        Column = column;
    }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>0-based offset in the source.</summary>
    public int Position { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    internal static FeelSyntaxException At(SourceText source, int position, string reason)
    {
        var (line, column) = source.GetLineColumn(position);
        return new FeelSyntaxException(reason, position, line, column);
    }
}
