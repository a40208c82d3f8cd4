namespace Vupe.Feel;

public sealed class FeelParseOptions
{
    /// <summary>
    /// Variable names containing spaces or operator characters ("Applicant Age", "Pre-Approval Score") that the
    /// lexer must read as one name. Names made only of words and spaces are usually recognised without this list,
    /// unless they contain a keyword such as 'and' or 'in'.
    /// </summary>
    public IReadOnlyCollection<string> KnownNames { get; init; } = [];

    /// <summary>
    /// Resolves a type name that is not a FEEL type (a DMN item definition) after 'instance of', to the FEEL text of
    /// its structure ("list&lt;number&gt;", "context&lt;a: string&gt;"); null when the name is unknown.
    /// </summary>
    public Func<string, string?>? TypeResolver { get; init; }
}
