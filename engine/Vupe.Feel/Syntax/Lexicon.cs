namespace Vupe.Feel.Syntax;

/// <summary>Reserved words and the multi-word names the lexer must keep together.</summary>
internal static class Lexicon
{
    /// <summary>Words that end a name: "a and b" is never the name "a and b" unless that name is known.</summary>
    public static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "true", "false", "null", "if", "then", "else", "for", "in", "return",
        "some", "every", "satisfies", "between", "instance", "of", "function", "external",
    };

    /// <summary>Built-in function names, parameter names, property names and type names that contain spaces.</summary>
    public static readonly string[] MultiWordNames =
    [
        "date and time", "years and months duration", "days and time duration", "string length", "upper case",
        "lower case", "substring before", "substring after", "starts with", "ends with", "string join",
        "round up", "round down", "round half up", "round half even", "day of week", "day of year",
        "week of year", "month of year", "list contains", "distinct values", "insert before", "index of",
        "get value", "get entries", "context put", "context merge", "is defined", "start position",
        "grouping separator", "decimal separator", "new item", "time offset", "start included",
        "end included", "met by", "overlaps before", "overlaps after", "finished by", "started by",
    ];
}
