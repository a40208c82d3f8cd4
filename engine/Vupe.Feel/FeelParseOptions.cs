namespace Vupe.Feel;

public sealed class FeelParseOptions
{
    /// <summary>
    /// Variable names containing spaces or operator characters ("Applicant Age", "Pre-Approval Score") that the
    /// lexer must read as one name. Names made only of words and spaces are usually recognised without this list,
    /// unless they contain a keyword such as 'and' or 'in'.
    /// </summary>
    public IReadOnlyCollection<string> KnownNames { get; init; } = [];
}
